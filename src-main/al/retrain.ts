/**
 * The retrain step's view of the training-run service (src-main/training/service.ts): start a run
 * and get its potential, or find that an earlier run already succeeded. A run that ends in any
 * other status fails the step with the run's error.
 */
import type { TrainingSpecInput } from '../contract/training.js'
import { getTrainingRun } from '../db/repositories/training-runs.js'
import { startTrainingRun, type TrainingHost } from '../training/service.js'
import { LoopStop } from './context.js'

export interface TrainedRun {
  runId: number
  potentialId: number
}

export interface TrainingProgress {
  done: number
  total: number
  message: string
}

export interface Retrain {
  /** The run's potential if the run succeeded, else null (unknown, failed, cut off …). */
  finished(runId: number): TrainedRun | null
  /** Starts a run; `done` resolves with its potential or rejects with why it did not succeed. */
  start(spec: TrainingSpecInput, onProgress: (p: TrainingProgress) => void): Promise<{ runId: number; done: Promise<TrainedRun> }>
}

/** Retraining through the training-run service; aborting the signal cancels the run. */
export function trainingServiceRetrain(host: TrainingHost, signal: AbortSignal): Retrain {
  return {
    finished(runId) {
      const d = getTrainingRun(host.requireProject().db, runId)
      return d?.status === 'succeeded' && d.potentials.length > 0 ? { runId, potentialId: d.potentials[0].id } : null
    },
    async start(spec, onProgress) {
      const r = await startTrainingRun(host, spec, {
        signal,
        onProgress: (p) => onProgress({ done: p.iteration, total: p.maxIterations, message: `training: loss ${p.loss.toPrecision(4)}` }),
      })
      const done = r.done.then((d) => {
        // Cancelled from outside (training/cancel, the app shutting down): redone on resume.
        if (d.status === 'cancelled') throw new LoopStop('paused')
        if (d.status !== 'succeeded' || d.potentials.length === 0) throw new Error(`training run ${r.runId} ${d.status}${d.error ? `: ${d.error}` : ''}`)
        return { runId: r.runId, potentialId: d.potentials[0].id }
      })
      return { runId: r.runId, done }
    },
  }
}
