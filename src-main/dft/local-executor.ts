/**
 * Runs exported DFT jobs on this machine: Quantum ESPRESSO's pw.x, or the engine's built-in EAM
 * reference, at most `concurrency` at a time (job-process.ts: one thread each, stdout/stderr to
 * files in the job folder). A job's state follows its process at once, but results are imported
 * in job order (ascending id), each as soon as it and every job before it has ended, so the stored
 * configurations — and the training sets built from them — do not depend on which job finished
 * first. Aborting `signal` stops the running processes (their jobs end 'failed', "interrupted: …",
 * and can be run again) and starts no more (they stay as they were); finished results are imported.
 * Database writes go through the connection's write queue (db/write-queue.ts): an import holds a
 * transaction across its reads.
 */
import { rmSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { Db } from '../db/connection.js'
import { getDftJob, setDftJobProcess, transitionDftJob, type DftJob } from '../db/repositories/dft-jobs.js'
import { withWriteLock } from '../db/write-queue.js'
import { importJobResult, type JobImportOutcome } from './import-results.js'
import { runJobProcess, scfIterations, type JobCommandOptions, type ProcessEnd } from './job-process.js'
import { processStart } from './process-tree.js'

export { commandFor, INTERRUPTED_ERROR } from './job-process.js'

export interface LocalRunProgress {
  total: number
  /** Jobs that ended (imported, failed, or cut off). */
  finished: number
  /** Per running job: seconds since it started, SCF iterations printed so far (null: not pw.x). */
  running: { jobId: number; seconds: number; scfIterations: number | null }[]
}

export interface LocalExecutorOptions extends JobCommandOptions {
  /** Jobs running at once (default 1; the machine's cores are shared). */
  concurrency?: number
  signal?: AbortSignal
  /** Called after each state change. */
  onState?: (job: DftJob) => void
  /** Called about every `progressMs` while jobs run, and when one ends. */
  onProgress?: (p: LocalRunProgress) => void
  progressMs?: number
}

type Ended = { job: DftJob; r: ProcessEnd } | null

export async function runJobsLocally(db: Db, jobIds: readonly number[], o: LocalExecutorOptions = {}): Promise<JobImportOutcome[]> {
  const queue = <T>(f: () => T | Promise<T>) => withWriteLock(db, f)
  const order = [...new Set(jobIds)].sort((a, b) => a - b)
  const pending = [...order]
  const outcomes: JobImportOutcome[] = []
  const note = (job: DftJob) => o.onState?.(job)
  const running = new Map<number, { job: DftJob; startedAt: number }>()
  let finished = 0

  const progress = () =>
    o.onProgress?.({
      total: order.length,
      finished,
      running: [...running.values()].map(({ job, startedAt }) => ({
        jobId: job.id,
        seconds: (Date.now() - startedAt) / 1000,
        scfIterations: job.code === 'qe' ? scfIterations(join(job.folder!, 'pw.out')) : null,
      })),
    })
  const ticker = o.onProgress ? setInterval(progress, o.progressMs ?? 1000) : null

  // Imports in job order: a job is in `ended` once its process ended (null: it never ran).
  const ended = new Map<number, Ended>()
  let next = 0
  let chain: Promise<void> = Promise.resolve()
  // The first import that threw; the others still go on, and the run then fails with it.
  let importError: unknown = null
  const importInOrder = () => {
    chain = chain.then(async () => {
      for (; next < order.length && ended.has(order[next]); next++) {
        const e = ended.get(order[next])
        if (!e || (e.r.error !== null && e.r.code === null)) continue
        await queue(async () => {
          const outcome = await importJobResult(db, e.job.id)
          note(getDftJob(db, e.job.id)!)
          outcomes.push(outcome)
        }).catch((error: unknown) => (importError ??= error))
      }
    })
  }

  const runOne = async (id: number): Promise<void> => {
    // Aborted while waiting for the write queue: the job stays as it was. A rerun clears the last error.
    const job = await queue(() => (o.signal?.aborted ? null : transitionDftJob(db, id, 'running', { error: null, runner: { pid: process.pid, host: hostname() } })))
    if (!job) return
    note(job)
    running.set(id, { job, startedAt: Date.now() })
    progress()
    // Recorded so that a process opening the project after this one died can stop the job's
    // processes (interrupted-jobs.ts). Only that clean-up needs it: if the write fails (the
    // project closed meanwhile), the job itself goes on and ends as it would.
    const r = await runJobProcess(job, o, o.signal, (pgid) => {
      const start = processStart(pgid)
      queue(() => setDftJobProcess(db, id, pgid, start)).catch(() => undefined)
    })
    if (job.code === 'qe') rmSync(join(job.folder!, 'tmp'), { recursive: true, force: true })
    await queue(() => {
      if (r.error && r.code === null) {
        note(transitionDftJob(db, id, 'failed', { error: r.error, exitCode: null }))
        outcomes.push({ jobId: id, state: 'failed', resultConfigurationId: null, quarantineReason: null, error: r.error })
      } else {
        // A non-zero exit (pw.x stopping on an unconverged SCF) still leaves an output to import;
        // the quality gate decides whether it can be trained on.
        note(transitionDftJob(db, id, 'done', { exitCode: r.code }))
      }
    })
    running.delete(id)
    finished++
    progress()
    ended.set(id, { job, r })
    importInOrder()
  }

  try {
    const workers = Array.from({ length: Math.min(Math.max(1, o.concurrency ?? 1), pending.length) }, async () => {
      for (let id = pending.shift(); id !== undefined; id = pending.shift()) {
        if (o.signal?.aborted) return
        await runOne(id)
      }
    })
    await Promise.all(workers)
    // Jobs that never ran (aborted) no longer hold back the imports after them.
    for (const id of order) if (!ended.has(id)) ended.set(id, null)
    importInOrder()
    await chain
  } finally {
    if (ticker) clearInterval(ticker)
  }
  if (importError) throw importError
  return outcomes.sort((a, b) => a.jobId - b.jobId)
}
