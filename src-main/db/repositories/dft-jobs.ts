/** DFT jobs (migration 3) and their state transitions, checked against dft/job-states.ts. */
import { canTransition, DftStateError, type DftJobState } from '../../dft/job-states.js'
import type { Db } from '../connection.js'

export type DftCode = 'vasp' | 'qe' | 'eam'

export interface DftJob {
  id: number
  batch: string
  configurationId: number
  code: DftCode
  state: DftJobState
  folder: string | null
  settings: Record<string, unknown>
  resultConfigurationId: number | null
  exitCode: number | null
  error: string | null
  createdAt: string
  updatedAt: string
}

interface Row {
  id: number
  batch: string
  configuration_id: number
  code: DftCode
  state: DftJobState
  folder: string | null
  settings: string
  result_configuration_id: number | null
  exit_code: number | null
  error: string | null
  created_at: string
  updated_at: string
}

const toJob = (r: Row): DftJob => ({
  id: r.id,
  batch: r.batch,
  configurationId: r.configuration_id,
  code: r.code,
  state: r.state,
  folder: r.folder,
  settings: JSON.parse(r.settings) as Record<string, unknown>,
  resultConfigurationId: r.result_configuration_id,
  exitCode: r.exit_code,
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export function createDftJobs(db: Db, batch: string, code: DftCode, configurationIds: readonly number[], settings: unknown): number[] {
  const now = new Date().toISOString()
  const stmt = db.prepare(
    `INSERT INTO dft_jobs (batch, configuration_id, code, state, settings, created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?, ?)`,
  )
  return db.transaction(() => configurationIds.map((id) => Number(stmt.run(batch, id, code, JSON.stringify(settings), now, now).lastInsertRowid)))()
}

export function getDftJob(db: Db, id: number): DftJob | undefined {
  const r = db.prepare('SELECT * FROM dft_jobs WHERE id = ?').get(id) as Row | undefined
  return r ? toJob(r) : undefined
}

export function listDftJobs(db: Db, f: { batch?: string; state?: DftJobState } = {}): DftJob[] {
  const where: string[] = []
  const params: unknown[] = []
  if (f.batch !== undefined) where.push('batch = ?'), params.push(f.batch)
  if (f.state !== undefined) where.push('state = ?'), params.push(f.state)
  const sql = `SELECT * FROM dft_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`
  return (db.prepare(sql).all(...params) as Row[]).map(toJob)
}

export function countDftJobs(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM dft_jobs').pluck().get() as number
}

export interface TransitionFields {
  /** The process that runs the job (with 'running'). */
  runner?: { pid: number; host: string }
  folder?: string
  exitCode?: number | null
  error?: string | null
  resultConfigurationId?: number
}

/** Moves a job to `to`, refusing transitions the state machine does not allow. */
export function transitionDftJob(db: Db, id: number, to: DftJobState, fields: TransitionFields = {}): DftJob {
  return db.transaction(() => {
    const job = getDftJob(db, id)
    if (!job) throw new Error(`no DFT job ${id}`)
    if (!canTransition(job.state, to)) throw new DftStateError(id, job.state, to)
    db.prepare(
      `UPDATE dft_jobs SET state = ?, updated_at = ?,
         folder = COALESCE(?, folder),
         exit_code = CASE WHEN ? THEN ? ELSE exit_code END,
         error = CASE WHEN ? THEN ? ELSE error END,
         result_configuration_id = COALESCE(?, result_configuration_id)
       WHERE id = ?`,
    ).run(
      to,
      new Date().toISOString(),
      fields.folder ?? null,
      fields.exitCode !== undefined ? 1 : 0,
      fields.exitCode ?? null,
      fields.error !== undefined ? 1 : 0,
      fields.error ?? null,
      fields.resultConfigurationId ?? null,
      id,
    )
    if (fields.runner) {
      db.prepare('UPDATE dft_jobs SET runner_pid = ?, runner_host = ?, process_group = NULL, process_start = NULL WHERE id = ?').run(fields.runner.pid, fields.runner.host, id)
    }
    return getDftJob(db, id)!
  })()
}

/** The process group of a running job's process and its leader's start time (process-tree.ts). */
export function setDftJobProcess(db: Db, id: number, processGroup: number, processStart: string | null): void {
  db.prepare(`UPDATE dft_jobs SET process_group = ?, process_start = ? WHERE id = ? AND state = 'running'`).run(processGroup, processStart, id)
}

export interface RunningDftJob {
  id: number
  folder: string | null
  alIterationId: number | null
  runnerPid: number | null
  runnerHost: string | null
  processGroup: number | null
  processStart: string | null
}

export function runningDftJobs(db: Db): RunningDftJob[] {
  return db
    .prepare(
      `SELECT id, folder, al_iteration_id AS alIterationId, runner_pid AS runnerPid, runner_host AS runnerHost,
              process_group AS processGroup, process_start AS processStart
       FROM dft_jobs WHERE state = 'running' ORDER BY id`,
    )
    .all() as RunningDftJob[]
}

/** Marks running jobs failed with an "interrupted" error (they may be run again, never silently restarted). */
export function markDftJobsInterrupted(db: Db, ids: readonly number[]): void {
  db.prepare(
    `UPDATE dft_jobs SET state = 'failed', error = 'interrupted: the process running the job (the app or mtp-studio) ended first', updated_at = ?
     WHERE state = 'running' AND id IN (SELECT value FROM json_each(?))`,
  ).run(new Date().toISOString(), JSON.stringify(ids))
}
