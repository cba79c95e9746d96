/** Engine runs recorded in a project (migration 2). */
import type { JobView } from '../../contract/entities.js'
import type { Db } from '../connection.js'

/** Inserts or updates the run's row from the supervisor's view of the job. */
export function saveEngineRun(db: Db, job: JobView): void {
  const s = job.state
  const finishedAt = 'finishedAt' in s ? s.finishedAt : null
  db.prepare(
    `INSERT INTO engine_runs (id, command, args, label, status, created_at, finished_at, exit_code, result, error, log_path)
     VALUES (@id, @command, @args, @label, @status, @createdAt, @finishedAt, @exitCode, @result, @error, @logPath)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at,
       exit_code = excluded.exit_code, result = excluded.result, error = excluded.error`,
  ).run({
    id: job.id,
    command: job.command,
    args: JSON.stringify(job.args),
    label: job.label,
    status: s.status,
    createdAt: job.createdAt,
    finishedAt,
    exitCode: s.status === 'failed' ? s.exitCode : s.status === 'succeeded' ? 0 : null,
    result: s.status === 'succeeded' ? JSON.stringify(s.result) : null,
    error: s.status === 'failed' ? JSON.stringify(s.error) : null,
    logPath: job.logPath,
  })
}

/**
 * Runs left non-terminal by a previous session (crash, SIGKILL) are marked 'interrupted'; they
 * are reported to the user, not restarted. Returns how many were marked.
 */
export function markInterruptedRuns(db: Db): number {
  return db
    .prepare(`UPDATE engine_runs SET status = 'interrupted', finished_at = ? WHERE status IN ('starting', 'running', 'cancelling')`)
    .run(new Date().toISOString()).changes
}

export function countEngineRuns(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM engine_runs').get() as { n: number }).n
}

export function listEngineRuns(db: Db): { id: string; command: string; status: string; createdAt: string }[] {
  return db.prepare('SELECT id, command, status, created_at AS createdAt FROM engine_runs ORDER BY created_at DESC').all() as {
    id: string
    command: string
    status: string
    createdAt: string
  }[]
}
