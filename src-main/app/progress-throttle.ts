/**
 * Limits how often a job's progress reaches the renderer: an engine may report thousands of
 * steps a second, a progress bar needs a few updates. Per job, at most one update per interval;
 * the latest update is never lost (it is sent when the interval ends, or at once when the stage
 * changes or the stage is complete).
 */
import type { JobProgress } from '../contract/entities.js'

export class ProgressThrottle {
  private readonly last = new Map<string, { at: number; stage: string }>()
  private readonly pending = new Map<string, { progress: JobProgress; timer: NodeJS.Timeout }>()

  constructor(
    private readonly send: (jobId: string, p: JobProgress) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  push(jobId: string, p: JobProgress): void {
    const prev = this.last.get(jobId)
    const t = this.now()
    const urgent = !prev || prev.stage !== p.stage || p.done >= p.total
    if (urgent || t - prev.at >= this.intervalMs) {
      this.clearPending(jobId)
      this.emit(jobId, p, t)
      return
    }
    const waiting = this.pending.get(jobId)
    if (waiting) waiting.progress = p
    else {
      const timer = setTimeout(() => this.flush(jobId), this.intervalMs - (t - prev.at))
      this.pending.set(jobId, { progress: p, timer })
    }
  }

  /** Sends a held-back update now (the job has ended). */
  flush(jobId: string): void {
    const waiting = this.pending.get(jobId)
    if (!waiting) return
    this.clearPending(jobId)
    this.emit(jobId, waiting.progress, this.now())
  }

  /** Forgets a finished job. */
  drop(jobId: string): void {
    this.flush(jobId)
    this.last.delete(jobId)
  }

  private emit(jobId: string, p: JobProgress, at: number): void {
    this.last.set(jobId, { at, stage: p.stage })
    this.send(jobId, p)
  }

  private clearPending(jobId: string): void {
    const waiting = this.pending.get(jobId)
    if (waiting) clearTimeout(waiting.timer)
    this.pending.delete(jobId)
  }
}
