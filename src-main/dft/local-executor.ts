/**
 * Runs exported DFT jobs on this machine: Quantum ESPRESSO's pw.x, or the engine's built-in EAM
 * reference (`mtp-engine reference eam --elements …`), at most `concurrency` at a time, and
 * imports each result as soon as its process ends. Processes are spawned without a shell, one
 * thread each (OMP_NUM_THREADS=1), stdout/stderr to files in the job folder.
 * Database writes (state changes, imports) go through the connection's write queue
 * (db/write-queue.ts): an import holds a transaction across its reads.
 */
import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../db/connection.js'
import { getDftJob, transitionDftJob, type DftJob } from '../db/repositories/dft-jobs.js'
import { withWriteLock } from '../db/write-queue.js'
import { enginePath } from '../engine/locate.js'
import { importJobResult, type JobImportOutcome } from './import-results.js'

export interface LocalExecutorOptions {
  /** Jobs running at once (default 1; the machine's cores are shared). */
  concurrency?: number
  /** pw.x executable (default 'pw.x' from PATH). */
  pwCommand?: string
  /** Run pw.x under MPI: `<command> -np <ranks> pw.x -in pw.in` (default: no MPI). */
  mpirun?: { command: string; ranks: number }
  /** The engine binary for EAM reference jobs (default: the located engine). */
  engine?: string
  env?: NodeJS.ProcessEnv
  signal?: AbortSignal
  /** Called after each state change. */
  onState?: (job: DftJob) => void
}

/** Children still running; killed when this process exits so no pw.x outlives the app. */
const live = new Set<ReturnType<typeof spawn>>()
let exitHookInstalled = false
function track(child: ReturnType<typeof spawn>): void {
  if (!exitHookInstalled) {
    process.on('exit', () => {
      for (const c of live) c.kill('SIGKILL')
    })
    exitHookInstalled = true
  }
  live.add(child)
  child.on('exit', () => live.delete(child))
  child.on('error', () => live.delete(child))
}

export function commandFor(job: DftJob, o: LocalExecutorOptions): { cmd: string; args: string[]; out: string; err: string } {
  if (job.code === 'qe') {
    const pw = o.pwCommand ?? 'pw.x'
    if (o.mpirun) return { cmd: o.mpirun.command, args: ['-np', String(o.mpirun.ranks), pw, '-in', 'pw.in'], out: 'pw.out', err: 'pw.err' }
    return { cmd: pw, args: ['-in', 'pw.in'], out: 'pw.out', err: 'pw.err' }
  }
  if (job.code === 'eam') {
    const engine = o.engine ?? enginePath(o.env ?? process.env)
    // Written by export-jobs.ts next to in.cfg: type i of in.cfg is the i-th element.
    const elements = readFileSync(join(job.folder!, 'elements.txt'), 'utf8').trim()
    return { cmd: engine, args: ['reference', 'eam', '--elements', elements, '--lossless', '--threads', '1', 'in.cfg', 'out.cfg'], out: 'eam.out', err: 'eam.log' }
  }
  throw new Error(`job ${job.id}: VASP cannot run locally (submit the batch's submit.slurm or submit.pbs)`)
}

/**
 * Error of a job cut off by the caller's signal (a paused or cancelled campaign, the app closing):
 * like a job cut off by a crash (dft-jobs.ts markInterruptedDftJobs) it starts with
 * 'interrupted', so it is run again rather than counted as a failed calculation.
 */
export const INTERRUPTED_ERROR = /^interrupted/
const cutOff = (when: string) => `interrupted: stopped ${when}`

/** Runs the process of one job to its end; resolves with its exit code (null when killed). */
function runProcess(job: DftJob, o: LocalExecutorOptions): Promise<{ code: number | null; error: string | null }> {
  const folder = job.folder!
  // Aborted between the job being marked running and its start (an abort listener added now would never fire).
  if (o.signal?.aborted) return Promise.resolve({ code: null, error: cutOff('before the job started') })
  let c: ReturnType<typeof commandFor>
  try {
    c = commandFor(job, o)
  } catch (e) {
    return Promise.resolve({ code: null, error: (e as Error).message })
  }
  const out = openSync(join(folder, c.out), 'w')
  const err = openSync(join(folder, c.err), 'w')
  return new Promise((resolve) => {
    const child = spawn(c.cmd, c.args, {
      cwd: folder,
      stdio: ['ignore', out, err],
      env: { ...(o.env ?? process.env), OMP_NUM_THREADS: '1' },
    })
    track(child)
    const abort = () => child.kill('SIGTERM')
    o.signal?.addEventListener('abort', abort, { once: true })
    let finished = false
    const done = (r: { code: number | null; error: string | null }) => {
      if (finished) return
      finished = true
      o.signal?.removeEventListener('abort', abort)
      closeSync(out)
      closeSync(err)
      resolve(r)
    }
    child.on('error', (e) => done({ code: null, error: `${c.cmd}: ${e.message}` }))
    child.on('exit', (code, signal) => {
      // Stopped by our abort (killed, or exiting non-zero on catching SIGTERM): its output is no result.
      if (o.signal?.aborted && code !== 0) return done({ code: null, error: cutOff(`while running (${c.cmd} ${signal ? `killed by ${signal}` : `exited with ${code}`})`) })
      done({ code, error: signal ? `${c.cmd} killed by ${signal}` : null })
    })
  })
}

export async function runJobsLocally(db: Db, jobIds: readonly number[], o: LocalExecutorOptions = {}): Promise<JobImportOutcome[]> {
  const queue = { run: <T>(f: () => T | Promise<T>) => withWriteLock(db, f) }
  const limit = Math.max(1, o.concurrency ?? 1)
  const pending = [...jobIds]
  const outcomes: JobImportOutcome[] = []
  const note = (job: DftJob) => o.onState?.(job)

  const runOne = async (id: number): Promise<void> => {
    // Aborted while waiting for the write queue: the job stays as it was.
    const job = await queue.run(() => (o.signal?.aborted ? null : transitionDftJob(db, id, 'running')))
    if (!job) return
    note(job)
    const r = await runProcess(job, o)
    if (job.code === 'qe') rmSync(join(job.folder!, 'tmp'), { recursive: true, force: true })
    await queue.run(async () => {
      if (r.error && r.code === null) {
        note(transitionDftJob(db, id, 'failed', { error: r.error, exitCode: null }))
        outcomes.push({ jobId: id, state: 'failed', resultConfigurationId: null, quarantineReason: null, error: r.error })
        return
      }
      // A non-zero exit (pw.x stopping on an unconverged SCF) still leaves an output to import;
      // the quality gate decides whether it can be trained on.
      note(transitionDftJob(db, id, 'done', { exitCode: r.code }))
      const outcome = await importJobResult(db, id)
      note(getDftJob(db, id)!)
      outcomes.push(outcome)
    })
  }

  const workers = Array.from({ length: Math.min(limit, pending.length) }, async () => {
    for (let id = pending.shift(); id !== undefined; id = pending.shift()) {
      if (o.signal?.aborted) return
      await runOne(id)
    }
  })
  await Promise.all(workers)
  return outcomes.sort((a, b) => a.jobId - b.jobId)
}
