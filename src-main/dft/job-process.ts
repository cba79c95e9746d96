/**
 * The process of one local DFT job: pw.x (possibly under mpirun) or the engine's EAM reference,
 * spawned without a shell in its own process group. Stopping it reaches mpirun's ranks too
 * (process-tree.ts): SIGTERM to the group and the whole tree, SIGKILL after a grace period, and a
 * last SIGKILL once the leader has exited (ranks that outlived it). Every group still alive is
 * killed when this process exits, so no pw.x outlives the app.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DftJob } from '../db/repositories/dft-jobs.js'
import { enginePath } from '../engine/locate.js'
import { processTree, signalTree, type ProcessSet } from './process-tree.js'

export interface JobCommandOptions {
  /** pw.x executable (default 'pw.x' from PATH). */
  pwCommand?: string
  /** Run pw.x under MPI: `<command> -np <ranks> pw.x -in pw.in` (default: no MPI). */
  mpirun?: { command: string; ranks: number }
  /** The engine binary for EAM reference jobs (default: the located engine). */
  engine?: string
  env?: NodeJS.ProcessEnv
  /** SIGTERM → SIGKILL delay when stopped, ms (default 3000). */
  graceMs?: number
}

export interface ProcessEnd {
  /** Exit code; null when it did not run to an exit of its own. */
  code: number | null
  error: string | null
}

const liveGroups = new Set<number>()
let exitHookInstalled = false

function trackGroup(pgid: number): void {
  if (!exitHookInstalled) {
    process.on('exit', () => {
      for (const g of liveGroups) signalTree(g, processTree(g), 'SIGKILL')
    })
    exitHookInstalled = true
  }
  liveGroups.add(pgid)
}

export function commandFor(job: DftJob, o: JobCommandOptions): { cmd: string; args: string[]; out: string; err: string } {
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
 * Error of a job cut off by the caller's signal (a paused or cancelled campaign, a cancelled run,
 * the app closing): like a job cut off by a crash (dft-jobs.ts markInterruptedDftJobs) it starts
 * with 'interrupted', so it is run again rather than counted as a failed calculation.
 */
export const INTERRUPTED_ERROR = /^interrupted/
export function cutOff(when: string, signal?: AbortSignal): string {
  const reason = typeof signal?.reason === 'string' ? `: ${signal.reason}` : ''
  return `interrupted: stopped ${when}${reason}`
}

/** SCF iterations pw.x has printed so far ("iteration #  n"), summed over ionic steps; null without output. */
export function scfIterations(pwOut: string): number | null {
  try {
    return readFileSync(pwOut, 'utf8').match(/^ +iteration # +\d+/gm)?.length ?? 0
  } catch {
    return null
  }
}

/**
 * Runs the process of one job to its end; a stop by `signal` ends it with an 'interrupted' error.
 * `onStart` gets the job's process group (= its leader's pid) once it is spawned.
 */
export function runJobProcess(job: DftJob, o: JobCommandOptions, signal?: AbortSignal, onStart?: (pgid: number) => void): Promise<ProcessEnd> {
  const folder = job.folder!
  // Aborted between the job being marked running and its start (an abort listener added now would never fire).
  if (signal?.aborted) return Promise.resolve({ code: null, error: cutOff('before the job started', signal) })
  let c: ReturnType<typeof commandFor>
  try {
    c = commandFor(job, o)
  } catch (e) {
    return Promise.resolve({ code: null, error: (e as Error).message })
  }
  const out = openSync(join(folder, c.out), 'w')
  const err = openSync(join(folder, c.err), 'w')
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(c.cmd, c.args, {
      cwd: folder,
      stdio: ['ignore', out, err],
      env: { ...(o.env ?? process.env), OMP_NUM_THREADS: '1' },
      // Its own process group (pgid = its pid), signalled as a whole.
      detached: true,
    })
    const pgid = child.pid
    if (pgid !== undefined) {
      trackGroup(pgid)
      onStart?.(pgid)
    }
    let killTimer: NodeJS.Timeout | null = null
    let tree: ProcessSet | null = null
    const abort = () => {
      if (pgid === undefined) return
      tree = processTree(pgid)
      signalTree(pgid, tree, 'SIGTERM')
      killTimer = setTimeout(() => signalTree(pgid, tree!, 'SIGKILL'), o.graceMs ?? 3000)
    }
    signal?.addEventListener('abort', abort, { once: true })
    let finished = false
    const done = (r: ProcessEnd) => {
      if (finished) return
      finished = true
      signal?.removeEventListener('abort', abort)
      if (killTimer) clearTimeout(killTimer)
      if (pgid !== undefined) {
        if (tree) signalTree(pgid, tree, 'SIGKILL')
        liveGroups.delete(pgid)
      }
      closeSync(out)
      closeSync(err)
      resolve(r)
    }
    child.on('error', (e) => done({ code: null, error: `${c.cmd}: ${e.message}` }))
    child.on('exit', (code, sig) => {
      // Stopped by our abort (killed, or exiting non-zero on catching SIGTERM): its output is no result.
      if (signal?.aborted && code !== 0) return done({ code: null, error: cutOff(`while running (${c.cmd} ${sig ? `killed by ${sig}` : `exited with ${code}`})`, signal) })
      done({ code, error: sig ? `${c.cmd} killed by ${sig}` : null })
    })
  })
}
