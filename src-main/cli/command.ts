/** What every CLI command file exports. Exit codes: 0 ok, 1 runtime/input error, 2 usage error. */
import { parseArgs, type ParseArgsConfig } from 'node:util'

export interface CliIo {
  out(text: string): void
  err(text: string): void
  env: NodeJS.ProcessEnv
}

export interface Command {
  name: string
  summary: string
  usage: string
  run(args: string[], io: CliIo): Promise<number>
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

type Options = NonNullable<ParseArgsConfig['options']>

/** node:util parseArgs with usage errors turned into UsageError. */
export function parseOptions<O extends Options>(args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

export const printJson = (io: CliIo, value: unknown) => io.out(`${JSON.stringify(value, null, 2)}\n`)

/**
 * SIGINT (Ctrl-C) and SIGTERM abort `signal` instead of killing the process, so a long command
 * stops its engine jobs and child processes and leaves the project consistent; `message` is
 * printed once on stderr. Call `dispose` when the command ends.
 */
export function interruptible(io: CliIo, message: string): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController()
  const onSignal = () => {
    if (!controller.signal.aborted) io.err(`${message}\n`)
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
