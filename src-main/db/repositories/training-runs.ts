/**
 * Training runs (migrations 3 and 4). A run is created 'queued' by the process that will run it
 * (owner pid and host recorded), becomes 'running' when the engine starts, and ends in one
 * transaction that writes its final status together with its potentials and parity data — so a
 * run killed at any point leaves either no potentials or all of them. Rows left 'queued'/'running'
 * by a process that no longer exists are marked 'interrupted' (markStaleTrainingRuns).
 */
import { hostname } from 'node:os'
import type { Db } from '../connection.js'
import {
  trainingSpec,
  type TrainingProgressPoint,
  type TrainingRunDetail,
  type TrainingRunStatus,
  type TrainingRunSummary,
  type TrainingSpec,
} from '../../contract/training.js'
import { addPotential, potentialsOfRun, type NewPotential } from './potentials.js'
import { writeParity, type ParityArrays } from './training-parity.js'
import { processAlive } from '../../processes.js'

export interface NewTrainingRun {
  spec: TrainingSpec
  name: string
  species: readonly string[]
  restartOf?: number | null
}

interface RunRow {
  id: number
  name: string
  status: TrainingRunStatus
  training_set_id: number
  set_name: string
  set_version: number
  level: number
  seed: number
  ensemble: number
  restart_of: number | null
  error: string | null
  created_at: string
  started_at: string | null
  finished_at: string | null
  settings: string
  species: string
  engine_run_id: string | null
  history: string
  ensemble_stats: string | null
  work_dir: string | null
  owner_pid: number | null
  owner_host: string | null
}

const SELECT_RUN = `SELECT r.*, s.name AS set_name, s.version AS set_version
  FROM training_runs r JOIN training_sets s ON s.id = r.training_set_id`

const toSummary = (r: RunRow): TrainingRunSummary => ({
  id: r.id,
  name: r.name,
  status: r.status,
  trainingSetId: r.training_set_id,
  trainingSetName: r.set_name,
  trainingSetVersion: r.set_version,
  level: r.level,
  seed: r.seed,
  ensemble: r.ensemble,
  restartOf: r.restart_of,
  error: r.error,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
})

export function createTrainingRun(db: Db, run: NewTrainingRun): number {
  const info = db
    .prepare(
      `INSERT INTO training_runs (training_set_id, level, seed, settings, status, created_at, name, species, ensemble, restart_of, owner_pid, owner_host)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      run.spec.trainingSetId,
      run.spec.level,
      run.spec.seed,
      JSON.stringify(run.spec),
      new Date().toISOString(),
      run.name,
      JSON.stringify(run.species),
      run.spec.ensemble,
      run.restartOf ?? null,
      process.pid,
      hostname(),
    )
  return Number(info.lastInsertRowid)
}

export function setTrainingRunWorkDir(db: Db, id: number, workDir: string): void {
  db.prepare('UPDATE training_runs SET work_dir = ? WHERE id = ?').run(workDir, id)
}

/** The run is 'running' (engineRunId, when given, must be in engine_runs; null: no engine job, e.g. a restart reusing trained files). */
export function markTrainingRunRunning(db: Db, id: number, engineRunId: string | null): void {
  db.prepare(`UPDATE training_runs SET status = 'running', engine_run_id = COALESCE(?, engine_run_id), started_at = COALESCE(started_at, ?) WHERE id = ? AND status IN ('queued', 'running')`).run(
    engineRunId,
    new Date().toISOString(),
    id,
  )
}

export interface StoredPotential {
  potential: Omit<NewPotential, 'trainingRunId' | 'trainingSetId'>
  parity: ParityArrays | null
}

export interface TrainingRunOutcome {
  status: Exclude<TrainingRunStatus, 'queued' | 'running'>
  error?: string | null
  history: readonly TrainingProgressPoint[]
  ensembleStats?: Record<string, { mean: number; twoSigma: number }> | null
  potentials?: readonly StoredPotential[]
}

/** Ends a run: status, history, potentials and their parity data in one transaction. Returns the potential ids. */
export function finishTrainingRun(db: Db, id: number, o: TrainingRunOutcome): number[] {
  return db.transaction(() => {
    const row = db.prepare('SELECT training_set_id, status FROM training_runs WHERE id = ?').get(id) as { training_set_id: number; status: string } | undefined
    if (!row) throw new Error(`no training run ${id}`)
    if (row.status !== 'queued' && row.status !== 'running') throw new Error(`training run ${id} already ended (${row.status})`)
    const ids = (o.potentials ?? []).map((p) => {
      const pid = addPotential(db, { ...p.potential, trainingRunId: id, trainingSetId: row.training_set_id })
      if (p.parity) writeParity(db, pid, id, p.parity)
      return pid
    })
    db.prepare('UPDATE training_runs SET status = ?, error = ?, history = ?, ensemble_stats = ?, finished_at = ? WHERE id = ?').run(
      o.status,
      o.error ?? null,
      JSON.stringify(o.history),
      o.ensembleStats ? JSON.stringify(o.ensembleStats) : null,
      new Date().toISOString(),
      id,
    )
    return ids
  })()
}

/**
 * Marks runs left 'queued'/'running' as 'interrupted' when their process is gone, or when it is
 * this process and the run is not among `live` (the runs this process is running now). Runs of
 * other hosts are left alone: their process cannot be checked from here. Returns the ids marked.
 */
export function markStaleTrainingRuns(db: Db, live: ReadonlySet<number>): number[] {
  const host = hostname()
  const open = db.prepare(`SELECT id, owner_pid, owner_host FROM training_runs WHERE status IN ('queued', 'running')`).all() as {
    id: number
    owner_pid: number | null
    owner_host: string | null
  }[]
  const stale = open.filter((r) => {
    if (r.owner_pid === null || r.owner_host !== host) return r.owner_pid === null
    if (r.owner_pid === process.pid) return !live.has(r.id)
    return !processAlive(r.owner_pid)
  })
  const mark = db.prepare(
    `UPDATE training_runs SET status = 'interrupted', finished_at = ?, error = COALESCE(error, 'the process running it ended before the training finished') WHERE id = ? AND status IN ('queued', 'running')`,
  )
  const now = new Date().toISOString()
  db.transaction(() => stale.forEach((r) => mark.run(now, r.id)))()
  return stale.map((r) => r.id)
}

export function getTrainingRunSummary(db: Db, id: number): TrainingRunSummary | undefined {
  const r = db.prepare(`${SELECT_RUN} WHERE r.id = ?`).get(id) as RunRow | undefined
  return r ? toSummary(r) : undefined
}

export function listTrainingRuns(db: Db): TrainingRunSummary[] {
  return (db.prepare(`${SELECT_RUN} ORDER BY r.id DESC`).all() as RunRow[]).map(toSummary)
}

/** Work folder and spec of a run (for restarts). */
export function trainingRunInternals(db: Db, id: number): { spec: TrainingSpec; species: string[]; workDir: string | null; status: TrainingRunStatus } | undefined {
  const r = db.prepare('SELECT settings, species, work_dir, status FROM training_runs WHERE id = ?').get(id) as
    | { settings: string; species: string; work_dir: string | null; status: TrainingRunStatus }
    | undefined
  if (!r) return undefined
  return { spec: trainingSpec.parse(JSON.parse(r.settings)), species: JSON.parse(r.species) as string[], workDir: r.work_dir, status: r.status }
}

/** The stored view of a run; `history` as written at its end (a running run's live history is the service's). */
export function getTrainingRun(db: Db, id: number): TrainingRunDetail | undefined {
  const r = db.prepare(`${SELECT_RUN} WHERE r.id = ?`).get(id) as RunRow | undefined
  if (!r) return undefined
  const potentials = potentialsOfRun(db, id).map((p) => ({
    id: p.id,
    name: p.name,
    ensembleIndex: p.ensembleIndex ?? 0,
    seed: p.seed ?? r.seed,
    iterations: typeof p.fit.iterations === 'number' ? p.fit.iterations : null,
    stopReason: typeof p.fit.stopReason === 'string' ? p.fit.stopReason : null,
    errors: 'train' in p.errors ? (p.errors as TrainingRunDetail['potentials'][number]['errors']) : null,
  }))
  return {
    ...toSummary(r),
    spec: trainingSpec.parse(JSON.parse(r.settings)),
    species: JSON.parse(r.species) as string[],
    engineJobId: r.engine_run_id,
    history: JSON.parse(r.history) as TrainingProgressPoint[],
    potentials,
    ensembleStats: r.ensemble_stats ? (JSON.parse(r.ensemble_stats) as TrainingRunDetail['ensembleStats']) : null,
  }
}
