/**
 * The training runs this process is running now, per project database: their live progress
 * history, the engine job of the current step, and whether a cancel was asked for. A run is
 * removed from here after its final database write.
 */
import type { TrainingProgressPoint, TrainingRunDetail } from '../contract/training.js'
import type { Db } from '../db/connection.js'
import type { EngineJob } from '../engine/job.js'

export type TrainingStage = 'preparing' | 'training' | 'evaluating' | 'storing' | 'done'

export interface LiveRun {
  runId: number
  stage: TrainingStage
  history: TrainingProgressPoint[]
  /** The engine job of the current step (new-potential, train, calc-efs), if one runs. */
  job: EngineJob | null
  /** The train job's id, kept after it ended (jobs/log). */
  trainJobId: string | null
  /** Number of cancel requests: 1 stops the training (the potentials are still evaluated), 2 stops everything. */
  cancels: number
  done: Promise<TrainingRunDetail>
}

const registry = new WeakMap<Db, Map<number, LiveRun>>()

export function liveRuns(db: Db): Map<number, LiveRun> {
  let m = registry.get(db)
  if (!m) registry.set(db, (m = new Map()))
  return m
}

export const liveRunIds = (db: Db): Set<number> => new Set(liveRuns(db).keys())
