/**
 * mtp-studio serve [--port N] [--host 127.0.0.1] [--open PROJECT]
 * Browser mode: serves the built renderer and the contract on a loopback address and prints the
 * URL with this launch's token. Runs until SIGINT/SIGTERM; engine jobs are stopped on the way out.
 */
import { Studio } from '../../app/studio.js'
import { createDispatch, createHandlers } from '../../handlers/index.js'
import { rendererDir } from '../../paths.js'
import { newToken } from '../../server/auth.js'
import { startServer } from '../../server/server.js'
import { parseOptions, UsageError, type Command } from '../command.js'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the app in browser mode (HTTP + WebSocket on 127.0.0.1 with a per-launch token)',
  usage: 'mtp-studio serve [--port N] [--host 127.0.0.1] [--open PROJECT]',
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' }, open: { type: 'string' } },
      false,
    )
    const port = Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0–65535, got ${values.port}`)
    const studio = new Studio({ mode: 'browser', env: io.env })
    const dispatch = createDispatch(createHandlers(studio), (m) => io.err(`${m}\n`))
    if (values.open) {
      const opened = await dispatch('projects/open', { path: values.open })
      if (!opened.ok) throw new Error(opened.error.message)
    }
    const server = await startServer({ dispatch, events: studio.events, token: newToken(), host: values.host, port, staticDir: rendererDir() })
    io.out(`MTP Studio (browser mode) is running at ${server.url}\n`)
    io.out('Open that address in a browser on this machine. Stop with Ctrl+C.\n')
    // Whatever ends this process, engine children must not outlive it.
    process.on('exit', () => studio.supervisor.killAllNow())
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      process.once('SIGHUP', stop)
    })
    await server.close()
    await studio.dispose()
    return 0
  },
}
