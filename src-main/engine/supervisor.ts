/**
 * Owns every engine process of this app: starts jobs, forwards their state/progress/log to
 * subscribers, cancels, and kills them all on quit. Jobs are never restarted silently.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, openSync, readSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../contract/errors.js'
import { isTerminal, type JobProgress, type JobView } from '../contract/entities.js'
import { EngineJob } from './job.js'

export type SupervisorEvent =
  | { type: 'state'; job: JobView }
  | { type: 'progress'; jobId: string; progress: JobProgress }
  | { type: 'log'; jobId: string; level: 'info' | 'warn'; message: string }

export interface SupervisorOptions {
  /** Resolved at each start, so a rebuilt or newly configured engine is picked up. */
  enginePath: () => string
  logDir: string
  graceMs?: number
  helloTimeoutMs?: number
  /** `--threads` for jobs whose arguments do not choose (the Settings page's engine threads); read at each start. */
  defaultThreads?: () => number | null
}

export interface StartOptions {
  command: string
  args?: string[]
  label?: string
  cwd?: string
  env?: NodeJS.ProcessEnv
}

/** Every engine subcommand takes `--threads` (native/src/cli/main.cpp); an explicit one wins. */
export function withThreads(args: readonly string[], threads: number | null): string[] {
  return threads === null || args.includes('--threads') ? [...args] : [...args, '--threads', String(threads)]
}

export class EngineSupervisor {
  private readonly jobs = new Map<string, EngineJob>()
  private readonly listeners = new Set<(e: SupervisorEvent) => void>()
  private counter = 0
  private closed = false

  constructor(private readonly options: SupervisorOptions) {}

  subscribe(listener: (e: SupervisorEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(e: SupervisorEvent): void {
    for (const l of this.listeners) l(e)
  }

  start(opts: StartOptions): EngineJob {
    if (this.closed) throw new AppError('engine_unavailable', 'the app is shutting down')
    mkdirSync(this.options.logDir, { recursive: true })
    const id = `${new Date().toISOString().slice(0, 10)}-${(++this.counter).toString().padStart(3, '0')}-${randomBytes(3).toString('hex')}`
    const job = new EngineJob(
      {
        id,
        enginePath: this.options.enginePath(),
        command: opts.command,
        args: withThreads(opts.args ?? [], this.options.defaultThreads?.() ?? null),
        label: opts.label ?? opts.command,
        logPath: join(this.options.logDir, `${id}.stderr.log`),
        cwd: opts.cwd,
        env: opts.env,
        graceMs: this.options.graceMs ?? 3000,
        helloTimeoutMs: this.options.helloTimeoutMs ?? 15_000,
      },
      {
        state: (job) => this.emit({ type: 'state', job }),
        progress: (jobId, progress) => this.emit({ type: 'progress', jobId, progress }),
        log: (jobId, level, message) => this.emit({ type: 'log', jobId, level, message }),
      },
    )
    this.jobs.set(id, job)
    job.start()
    return job
  }

  /** Starts a job and waits for its terminal state. */
  run(opts: StartOptions): Promise<JobView> {
    return this.start(opts).done()
  }

  get(id: string): EngineJob {
    const job = this.jobs.get(id)
    if (!job) throw new AppError('not_found', `no job ${id}`)
    return job
  }

  list(): JobView[] {
    return [...this.jobs.values()].map((j) => j.view()).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
  }

  cancel(id: string): JobView {
    const job = this.get(id)
    job.cancel()
    return job.view()
  }

  /** The last `maxBytes` of a job's stderr log. */
  readLog(id: string, maxBytes: number): { text: string; truncated: boolean } {
    const { logPath } = this.get(id).view()
    let size: number
    try {
      size = statSync(logPath).size
    } catch {
      return { text: '', truncated: false }
    }
    if (size <= maxBytes) return { text: readFileSync(logPath, 'utf8'), truncated: false }
    const fd = openSync(logPath, 'r')
    try {
      const buf = Buffer.alloc(maxBytes)
      readSync(fd, buf, 0, maxBytes, size - maxBytes)
      return { text: buf.toString('utf8'), truncated: true }
    } finally {
      closeSync(fd)
    }
  }

  running(): EngineJob[] {
    return [...this.jobs.values()].filter((j) => !isTerminal(j.view().state))
  }

  /** Cancels every running job and waits until all have exited (SIGKILL after the grace period). */
  async shutdown(): Promise<void> {
    this.closed = true
    const live = this.running()
    live.forEach((j) => j.cancel())
    await Promise.all(live.map((j) => j.done()))
  }

  /** Synchronous last resort for process 'exit': SIGKILL whatever is still alive. */
  killAllNow(): void {
    this.closed = true
    for (const j of this.running()) j.killNow()
  }
}
