/**
 * Computations made of several engine jobs that are cancelled as a whole (E–V curves, elastic
 * constants): the job in flight is cancelled like any other (EngineJob.cancel: SIGTERM, SIGKILL
 * after the grace period, so it also shows 'cancelled' in the jobs menu) and no further job starts.
 * Cancelling that job from the jobs menu (jobs/cancel) ends the computation the same way.
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '../contract/errors.js'
import type { EngineJob } from './job.js'
import { resultOf, type RunEngine, type StartJob } from './run-result.js'
import type { StartOptions } from './supervisor.js'

/**
 * A RunEngine whose jobs stop when `signal` aborts; `cancelled()` is the error the computation
 * then ends with. `onJob` hears of each job as it starts.
 */
export function cancellableRunner(start: StartJob, signal: AbortSignal, cancelled: () => AppError, onJob?: (job: EngineJob, opts: StartOptions) => void): RunEngine {
  return async (opts) => {
    if (signal.aborted) throw cancelled()
    const job = start(opts)
    const abort = () => job.cancel()
    signal.addEventListener('abort', abort, { once: true })
    try {
      onJob?.(job, opts)
      const view = await job.done()
      // A job that won the race against the abort is still the end of the computation.
      if (view.state.status === 'cancelled' || signal.aborted) throw cancelled()
      return resultOf(view)
    } finally {
      signal.removeEventListener('abort', abort)
    }
  }
}

/** Running computations (or local DFT runs) by a client-chosen id, so a request can be cancelled before it replies. */
export class LiveComputations {
  private readonly running = new Map<string, AbortController>()

  async run<T>(computeId: string | undefined, f: (signal: AbortSignal, computeId: string) => Promise<T>): Promise<T> {
    const id = computeId ?? randomUUID()
    if (this.running.has(id)) throw new AppError('invalid_input', `a computation with id ${id} is already running`)
    const controller = new AbortController()
    this.running.set(id, controller)
    try {
      return await f(controller.signal, id)
    } finally {
      this.running.delete(id)
    }
  }

  /** False when nothing runs under that id (it finished, or never started). `reason` becomes the signal's. */
  cancel(computeId: string, reason?: string): boolean {
    const c = this.running.get(computeId)
    c?.abort(reason)
    return c !== undefined
  }

  /** Cancels every running computation; how many there were. */
  cancelAll(reason?: string): number {
    const all = [...this.running.values()]
    all.forEach((c) => c.abort(reason))
    return all.length
  }
}
