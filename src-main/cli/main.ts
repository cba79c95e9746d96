/** The `mtp-studio` command line: dispatch to one command file per subcommand. */
import { AppError } from '../contract/errors.js'
import { appVersion } from '../paths.js'
import { UsageError, type CliIo } from './command.js'
import { commands } from './commands/index.js'

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    `mtp-studio ${appVersion()} — Moment Tensor Potentials, headless`,
    '',
    'usage: mtp-studio <command> [options]      (mtp-studio help <command> for details)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n')
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = commands.find((c) => c.name === args[0])
    io.out(topic ? `${topic.usage}\n` : help())
    return 0
  }
  if (name === '--version' || name === 'version') {
    io.out(`${appVersion()}\n`)
    return 0
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.err(`mtp-studio: unknown command ${name}\n\n${help()}`)
    return 2
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${command.usage}\n`)
    return 0
  }
  try {
    return await command.run(args, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`mtp-studio ${name}: ${e.message}\n\nusage:\n${command.usage}\n`)
      return 2
    }
    const message = e instanceof AppError || e instanceof Error ? e.message : String(e)
    io.err(`mtp-studio ${name}: ${message}\n`)
    if (io.env.MTP_STUDIO_DEBUG && e instanceof Error) io.err(`${e.stack}\n`)
    return 1
  }
}

export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
  })
  process.exitCode = code
}
