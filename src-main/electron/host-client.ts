/**
 * The Electron main process's handle on the core host: forks it under Node, matches replies to
 * requests, forwards events, and shuts it down (SIGKILL if it does not exit in time).
 */
import { fork, type ChildProcess } from 'node:child_process'
import type { Envelope } from '../contract/api.js'
import type { RequestName } from '../contract/requests.js'
import type { EventMessage, HostMessage, HostRequest } from './channels.js'

export interface HostOptions {
  script: string
  /** The Node.js executable (not Electron's own binary). */
  nodePath: string
  execArgv?: string[]
  env?: NodeJS.ProcessEnv
  onEvent(message: EventMessage): void
  onExit(code: number | null, signal: NodeJS.Signals | null): void
}

export class CoreHost {
  private readonly child: ChildProcess
  private readonly pending = new Map<number, (e: Envelope) => void>()
  private nextId = 1
  readonly ready: Promise<void>

  constructor(opts: HostOptions) {
    this.child = fork(opts.script, [], {
      execPath: opts.nodePath,
      execArgv: opts.execArgv ?? [],
      env: { ...(opts.env ?? process.env), ELECTRON_RUN_AS_NODE: undefined },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    })
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: HostMessage) => {
        if (m.kind === 'ready') resolve()
        else if (m.kind === 'reply') {
          this.pending.get(m.id)?.(m.envelope)
          this.pending.delete(m.id)
        } else if (m.kind === 'event') opts.onEvent({ event: m.event, payload: m.payload })
      }
      this.child.on('message', onMessage)
      this.child.once('error', reject)
      this.child.once('exit', (code, signal) => {
        reject(new Error(`the core host exited (code ${code}, signal ${signal})`))
        for (const [, settle] of this.pending) settle({ ok: false, error: { code: 'internal', message: 'the core process has stopped' } })
        this.pending.clear()
        opts.onExit(code, signal)
      })
    })
  }

  invoke(name: RequestName, input: unknown): Promise<Envelope> {
    if (!this.child.connected) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'the core process has stopped' } })
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.child.send({ kind: 'request', id, name, input } satisfies HostRequest)
    })
  }

  /** Asks the host to stop its jobs and exit; SIGKILL after `graceMs`. */
  stop(graceMs = 5000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs)
      this.child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      if (this.child.connected) this.child.send({ kind: 'shutdown' } satisfies HostRequest)
      else this.child.kill('SIGTERM')
    })
  }
}
