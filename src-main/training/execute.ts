/**
 * One training run from its 'queued' row to its final status: write the set's cfg files and the
 * untrained potential, run `mtp-engine train --jsonl` (progress → history and events), evaluate
 * every trained member with `calc-efs` for the parity data and errors, and store everything in one
 * transaction. Cancel: the engine writes the last good parameters and exits; they are evaluated
 * and stored like a finished training (a second cancel skips the evaluation). Any failure ends the
 * run 'failed' with the reason and no potentials.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TrainingRunDetail, TrainingSpec } from '../contract/training.js'
import type { JobView } from '../contract/entities.js'
import { saveEngineRun } from '../db/repositories/engine-runs.js'
import { getPotential } from '../db/repositories/potentials.js'
import { finishTrainingRun, getTrainingRun, getTrainingRunSummary, markTrainingRunRunning, type StoredPotential, type TrainingRunOutcome } from '../db/repositories/training-runs.js'
import { withWriteLock } from '../db/write-queue.js'
import type { Project } from '../projects/project.js'
import { calcEfsArgs, memberPath, newPotentialArgs, trainArgs } from './engine-args.js'
import { liveRuns, type LiveRun, type TrainingStage } from './live-runs.js'
import { mtpHeader } from './mtp-header.js'
import { emptyPredictions, parityErrors, readPredictions } from './parity.js'
import { ensembleStats, memberResults, progressPoint } from './progress.js'
import type { RunTrainingOptions, TrainingHost } from './service.js'
import { appendHistory, checkpointIterations, copyTrained, finishedTraining, previousHistory, saveTrainResult } from './restart-state.js'
import { prepareTrainingFiles, type PreparedSet } from './work-files.js'

export interface ExecuteArgs {
  host: TrainingHost
  project: Project
  runId: number
  spec: TrainingSpec
  species: readonly string[]
  workDir: string
  name: string
  /** Work folder of the run being restarted: its checkpoints are resumed when all exist. */
  resumeFrom?: string | null
  options?: RunTrainingOptions
}

class Cancelled extends Error {}

function jobFailure(view: JobView): string {
  const s = view.state
  if (s.status === 'failed') return `${view.command}: ${s.error.message}`
  return `${view.command} ended ${s.status}`
}

/** Registers the run as live and starts it; the promise resolves with the final detail. */
export function launchRun(a: ExecuteArgs): LiveRun {
  const runs = liveRuns(a.project.db)
  const live: LiveRun = { runId: a.runId, stage: 'preparing', history: [], job: null, trainJobId: null, cancels: 0, done: Promise.resolve(null as never) }
  runs.set(a.runId, live)
  const onAbort = () => cancelLive(live)
  a.options?.signal?.addEventListener('abort', onAbort, { once: true })
  if (a.options?.signal?.aborted) live.cancels = 2
  live.done = execute(a, live).finally(() => {
    runs.delete(a.runId)
    a.options?.signal?.removeEventListener('abort', onAbort)
  })
  return live
}

export function cancelLive(live: LiveRun): void {
  live.cancels++
  live.job?.cancel()
}

async function execute(a: ExecuteArgs, live: LiveRun): Promise<TrainingRunDetail> {
  const db = a.project.db
  const emitState = (stage: TrainingStage) => {
    live.stage = stage
    const run = getTrainingRunSummary(db, a.runId)
    if (run) a.host.events?.emit('training:state', { run, stage })
  }
  const finish = (o: Omit<TrainingRunOutcome, 'history'>) => withWriteLock(db, () => finishTrainingRun(db, a.runId, { ...o, history: live.history }))
  try {
    emitState('preparing')
    mkdirSync(a.workDir, { recursive: true })
    const prepared = await prepareTrainingFiles(db, { trainingSetId: a.spec.trainingSetId, species: a.species, validationFraction: a.spec.validationFraction, seed: a.spec.seed, dir: a.workDir })
    const untrained = join(a.workDir, 'untrained.mtp')
    if (a.spec.templateMtp) writeFileSync(untrained, a.spec.templateMtp)
    else await runStep(a, live, 'new-potential', newPotentialArgs(a.spec, a.species.length, untrained))
    let initFrom: string | undefined
    if (a.spec.initFromPotentialId) {
      initFrom = join(a.workDir, 'init-from.mtp')
      writeFileSync(initFrom, getPotential(db, a.spec.initFromPotentialId)!.mtpText)
    }
    if (live.cancels > 0) throw new Cancelled()

    const k = a.spec.ensemble
    const trained = join(a.workDir, 'trained.mtp')
    const checkpoint = join(a.workDir, 'checkpoint')
    let status: 'succeeded' | 'cancelled'
    let result: Record<string, unknown> | null
    const previous = a.resumeFrom ? finishedTraining(a.resumeFrom, 'trained.mtp', k) : null
    if (previous && a.resumeFrom) {
      // Cut off after its training: the trained potentials are reused, not trained again.
      copyTrained(a.resumeFrom, a.workDir, 'trained.mtp', k)
      live.history = previousHistory(a.resumeFrom)
      await withWriteLock(db, () => markTrainingRunRunning(db, a.runId, null))
      status = 'succeeded'
      result = previous
    } else {
      const oldCheckpoint = a.resumeFrom ? join(a.resumeFrom, 'checkpoint') : null
      const resumedAt = oldCheckpoint ? checkpointIterations(oldCheckpoint, k) : null
      if (a.resumeFrom && resumedAt) live.history = previousHistory(a.resumeFrom, resumedAt)
      const resume = resumedAt ? oldCheckpoint! : undefined
      const args = trainArgs(a.spec, { untrained, train: prepared.trainPath, valid: prepared.validPath ?? undefined, trained, checkpoint, resume, initFrom })
      const view = await runStep(a, live, 'train', args, (job) => {
        live.trainJobId = job.id
        void withWriteLock(db, () => {
          saveEngineRun(db, job.view())
          markTrainingRunRunning(db, a.runId, job.id)
        }).then(() => emitState('training'))
      })
      if (view.state.status === 'failed') {
        await finish({ status: 'failed', error: jobFailure(view) })
        return done(a, live, emitState)
      }
      status = view.state.status === 'succeeded' ? 'succeeded' : 'cancelled'
      result = view.state.status === 'succeeded' ? view.state.result : null
      if (result) saveTrainResult(a.workDir, result)
    }
    const paths = Array.from({ length: k }, (_, i) => memberPath(trained, i, k))
    if (!paths.every((p) => existsSync(p))) throw new Cancelled()

    const members = result ? memberResults(result) : []
    let potentials: StoredPotential[]
    if (live.cancels < 2) {
      emitState('evaluating')
      potentials = await evaluateMembers(a, live, prepared, paths, members)
    } else potentials = paths.map((p, i) => ({ potential: potentialRecord(a, readFileSync(p, 'utf8'), i, members[i]), parity: null }))
    emitState('storing')
    const cancelled = status === 'cancelled'
    await finish({ status: cancelled ? 'cancelled' : 'succeeded', error: cancelled ? 'cancelled; the last good parameters were kept' : null, ensembleStats: result ? ensembleStats(result) : null, potentials })
    // The checkpoints are only needed to restart a run that did not finish.
    if (!cancelled) for (const f of ['train.cfg', 'valid.cfg', ...paths.flatMap((_p, i) => [`eval-${i}-train.cfg`, `eval-${i}-valid.cfg`])]) rmSync(join(a.workDir, f), { force: true })
    if (!cancelled) for (let i = 0; i < k; i++) rmSync(memberPath(checkpoint, i, k), { force: true })
    return done(a, live, emitState)
  } catch (e) {
    const cancelled = e instanceof Cancelled || live.cancels > 0
    const message = cancelled ? 'cancelled before any parameters were trained' : e instanceof Error ? e.message : String(e)
    try {
      await finish({ status: cancelled ? 'cancelled' : 'failed', error: message })
    } catch (writeError) {
      // The project may have been closed meanwhile; the row stays open and is marked interrupted later.
      console.error(`training run ${a.runId}: could not record its end: ${(writeError as Error).message}`)
    }
    return done(a, live, emitState)
  }
}

function done(a: ExecuteArgs, live: LiveRun, emitState: (s: TrainingStage) => void): TrainingRunDetail {
  emitState('done')
  const detail = getTrainingRun(a.project.db, a.runId)!
  return { ...detail, engineJobId: detail.engineJobId ?? live.trainJobId }
}

/** Runs one engine step; progress of `train` goes to the history and out as events. Throws on failure except for `train`. */
async function runStep(a: ExecuteArgs, live: LiveRun, command: string, args: string[], started?: (job: NonNullable<LiveRun['job']>) => void): Promise<JobView> {
  if (live.cancels > (command === 'calc-efs' ? 1 : 0)) throw new Cancelled()
  const job = a.host.supervisor.start({ command, args, label: `training run ${a.runId}: ${command}`, cwd: a.workDir })
  live.job = job
  const unsubscribe = a.host.supervisor.subscribe((e) => {
    if (e.type !== 'progress' || e.jobId !== job.id) return
    const p = progressPoint(e.progress.stage, e.progress.extra)
    if (!p) return
    live.history.push(p)
    appendHistory(a.workDir, p)
    const event = { runId: a.runId, maxIterations: a.spec.maxIterations, ...p }
    a.host.events?.emit('training:progress', event)
    a.options?.onProgress?.(event)
  })
  started?.(job)
  try {
    const view = await job.done()
    if (command === 'train') {
      await withWriteLock(a.project.db, () => saveEngineRun(a.project.db, view))
      return view
    }
    if (view.state.status === 'cancelled') throw new Cancelled()
    if (view.state.status !== 'succeeded') throw new Error(jobFailure(view))
    return view
  } finally {
    unsubscribe()
    live.job = null
  }
}

async function evaluateMembers(a: ExecuteArgs, live: LiveRun, prepared: PreparedSet, paths: string[], members: ReturnType<typeof memberResults>): Promise<StoredPotential[]> {
  const out: StoredPotential[] = []
  for (let i = 0; i < paths.length; i++) {
    const mtpText = readFileSync(paths[i], 'utf8')
    const parity = emptyPredictions(prepared)
    const splits: [0 | 1, string | null][] = [[0, prepared.trainPath], [1, prepared.validPath]]
    let evaluated = true
    for (const [split, input] of splits) {
      if (!input) continue
      const output = join(a.workDir, `eval-${i}-${split ? 'valid' : 'train'}.cfg`)
      try {
        await runStep(a, live, 'calc-efs', calcEfsArgs(paths[i], input, output, a.spec.threads))
      } catch (e) {
        if (!(e instanceof Cancelled)) throw e
        evaluated = false
        break
      }
      await readPredictions(prepared, parity, split, output)
    }
    const errors = evaluated ? parityErrors(parity, prepared.groups) : null
    out.push({ potential: potentialRecord(a, mtpText, i, members[i], errors ?? undefined), parity: evaluated ? parity : null })
  }
  return out
}

function potentialRecord(a: ExecuteArgs, mtpText: string, i: number, m: ReturnType<typeof memberResults>[number] | undefined, errors?: ReturnType<typeof parityErrors>): StoredPotential['potential'] {
  const h = mtpHeader(mtpText)
  const k = a.spec.ensemble
  return {
    name: k > 1 ? `${a.name} #${i + 1}` : a.name,
    mtpText,
    level: a.spec.level,
    species: a.species,
    minDist: h.minDist,
    maxDist: h.maxDist,
    radialBasisSize: h.radialBasisSize,
    radialFuncsCount: h.radialFuncsCount,
    errors: errors ?? {},
    ensemble: `training run ${a.runId}`,
    ensembleIndex: i,
    seed: a.spec.seed + i,
    fit: m ? { iterations: m.iterations, stopReason: m.stopReason, loss: m.loss, elapsed: m.elapsed, bestIteration: m.bestIteration } : { stopReason: 'cancelled' },
  }
}
