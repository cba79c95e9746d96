/**
 * The core for the Electron front door, run by plain Node as a child of the Electron main process
 * (so native modules keep their Node build). Speaks HostRequest/HostMessage over the fork IPC
 * channel; stops its engine jobs and exits when told to or when the parent goes away.
 */
import { Studio } from '../app/studio.js'
import { createDispatch, createHandlers } from '../handlers/index.js'
import type { HostMessage, HostRequest } from './channels.js'

function send(message: HostMessage): void {
  process.send?.(message)
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('core-host must be started by the Electron main process (fork with an IPC channel)')
  const studio = new Studio({ mode: 'electron' })
  const dispatch = createDispatch(createHandlers(studio))
  studio.events.subscribe((event, payload) => send({ kind: 'event', event, payload }))
  process.on('exit', () => studio.supervisor.killAllNow())

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await studio.dispose()
    process.exit(0)
  }
  process.on('message', (m: HostRequest) => {
    if (m.kind === 'shutdown') void stop()
    else if (m.kind === 'request') void dispatch(m.name, m.input).then((envelope) => send({ kind: 'reply', id: m.id, envelope }))
  })
  // The IPC channel closes when the Electron process exits, even if it crashed.
  process.on('disconnect', () => void stop())
  process.on('SIGTERM', () => void stop())
  send({ kind: 'ready' })
}

main().catch((e) => {
  console.error('mtp-studio core host failed to start:', e)
  process.exit(1)
})
