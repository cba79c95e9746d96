/**
 * Training runs for the rest of the core (handlers, CLI, the active-learning retrain step):
 * validate a spec, create the run's row, run it in the background through the engine supervisor,
 * and answer for it while it runs (live history) and after (the database).
 * Work files live in <project dir>/<project name>.runs/training/run-<id>/.
 */
import { basename, dirname, extname, join } from 'node:path'
import { ZodError } from 'zod'
import type { EventBus } from '../app/event-bus.js'
import type { Db } from '../db/connection.js'
import { AppError } from '../contract/errors.js'
import type { EventPayload } from '../contract/events.js'
import { trainingSpec, type TrainingRunDetail, type TrainingRunSummary, type TrainingSpec, type TrainingSpecInput } from '../contract/training.js'
import { getPotential } from '../db/repositories/potentials.js'
import { getTrainingSet } from '../db/repositories/training-sets.js'
import {
  createTrainingRun,
  getTrainingRun,
  getTrainingRunSummary,
  listTrainingRuns,
  markStaleTrainingRuns,
  setTrainingRunWorkDir,
  trainingRunInternals,
} from '../db/repositories/training-runs.js'
import { withWriteLock } from '../db/write-queue.js'
import type { EngineSupervisor } from '../engine/supervisor.js'
import type { Project } from '../projects/project.js'
import { cancelLive, launchRun } from './execute.js'
import { liveRunIds, liveRuns } from './live-runs.js'
import { mtpHeader } from './mtp-header.js'
import { setElements } from './work-files.js'

/** What a training run needs from its caller; the Studio satisfies it, the CLI builds one. */
export interface TrainingHost {
  requireProject(): Project
  readonly supervisor: EngineSupervisor
  /** training:progress and training:state go out here when given. */
  readonly events?: EventBus
}

export type TrainingProgressEvent = EventPayload<'training:progress'>

export interface RunTrainingOptions {
  onProgress?: (p: TrainingProgressEvent) => void
  /** Aborting cancels the run (like training/cancel). */
  signal?: AbortSignal
}

export interface StartedRun {
  runId: number
  /** Resolves with the final detail whatever the status. */
  done: Promise<TrainingRunDetail>
}

export function trainingWorkDir(projectPath: string, runId: number): string {
  const name = basename(projectPath, extname(projectPath))
  return join(dirname(projectPath), `${name}.runs`, 'training', `run-${String(runId).padStart(4, '0')}`)
}

/** Checks the spec against the project; returns it parsed with the potential's species and the template .mtp text, if any. */
function resolveSpec(project: Project, input: TrainingSpecInput): { spec: TrainingSpec; species: string[]; name: string; template: string | undefined } {
  let spec: TrainingSpec
  try {
    spec = trainingSpec.parse(input)
  } catch (e) {
    if (e instanceof ZodError) throw new AppError('invalid_input', `invalid training options: ${e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
    throw e
  }
  const db = project.db
  const set = getTrainingSet(db, spec.trainingSetId)
  if (!set) throw new AppError('not_found', `no training set with id ${spec.trainingSetId}`)
  if (set.size === 0) throw new AppError('invalid_input', `training set ${set.name} v${set.version} is empty`)
  const present = setElements(db, set.id)
  const species = spec.species ?? present
  const missing = present.filter((el) => !species.includes(el))
  if (missing.length) throw new AppError('invalid_input', `the set has ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not among the species [${species.join(', ')}]`)
  if (new Set(species).size !== species.length) throw new AppError('invalid_input', `species listed twice: [${species.join(', ')}]`)
  if (spec.minDist !== undefined && spec.minDist >= spec.maxDist) throw new AppError('invalid_input', `the minimum distance (${spec.minDist} Å) must be below the cutoff (${spec.maxDist} Å)`)
  if (spec.templateMtp !== undefined && spec.templatePotentialId !== undefined) throw new AppError('invalid_input', 'give either a template .mtp text or a template potential id, not both')
  const template = spec.templatePotentialId !== undefined ? storedTemplate(db, spec.templatePotentialId, spec.level) : spec.templateMtp
  if (template !== undefined) {
    const count = mtpHeader(template).speciesCount
    if (count !== species.length) throw new AppError('invalid_input', `the template potential has ${count ?? 'no'} species, the training needs ${species.length} (${species.join(', ')})`)
  }
  if (spec.initFromPotentialId !== undefined && !getPotential(db, spec.initFromPotentialId)) throw new AppError('not_found', `no potential with id ${spec.initFromPotentialId}`)
  const name = spec.name ?? `${set.name} v${set.version} L${spec.level}${spec.ensemble > 1 ? ` ×${spec.ensemble}` : ''}`
  return { spec, species, name, template }
}

/** The .mtp text of a stored potential used as the untrained template; its level must be the spec's. */
function storedTemplate(db: Db, id: number, level: number): string {
  const p = getPotential(db, id)
  if (!p) throw new AppError('not_found', `no potential with id ${id} to start the training from`)
  if (p.level !== null && p.level !== level) throw new AppError('invalid_input', `potential #${id} (${p.name}) has level ${p.level}, the training asks for level ${level}`)
  return p.mtpText
}

async function start(host: TrainingHost, input: TrainingSpecInput, restartOf: number | null, resumeFrom: string | null, options?: RunTrainingOptions): Promise<StartedRun> {
  const project = host.requireProject()
  const { spec, species, name, template } = resolveSpec(project, input)
  const db = project.db
  const runId = await withWriteLock(db, () => {
    markStaleTrainingRuns(db, liveRunIds(db))
    const id = createTrainingRun(db, { spec, name, species, restartOf })
    setTrainingRunWorkDir(db, id, trainingWorkDir(project.path, id))
    return id
  })
  // The run keeps the potential id in its stored spec; the engine gets the text read now.
  const run = template !== undefined ? { ...spec, templateMtp: template } : spec
  const live = launchRun({ host, project, runId, spec: run, species, name, workDir: trainingWorkDir(project.path, runId), resumeFrom, options })
  return { runId, done: live.done }
}

export function startTrainingRun(host: TrainingHost, spec: TrainingSpecInput, options?: RunTrainingOptions): Promise<StartedRun> {
  return start(host, spec, null, null, options)
}

export async function runTraining(host: TrainingHost, spec: TrainingSpecInput, options?: RunTrainingOptions): Promise<TrainingRunDetail> {
  return (await startTrainingRun(host, spec, options)).done
}

/** A new run with the options of a failed, cancelled or interrupted one, resuming its checkpoints. */
export async function restartTrainingRun(host: TrainingHost, runId: number, options?: RunTrainingOptions): Promise<StartedRun> {
  const db = host.requireProject().db
  markStaleTrainingRuns(db, liveRunIds(db))
  const old = trainingRunInternals(db, runId)
  if (!old) throw new AppError('not_found', `no training run ${runId}`)
  if (old.status === 'succeeded' || old.status === 'queued' || old.status === 'running')
    throw new AppError('invalid_input', `training run ${runId} is ${old.status}; only failed, cancelled or interrupted runs are restarted`)
  return start(host, { ...old.spec, species: old.species }, runId, old.workDir, options)
}

export async function awaitTrainingRun(host: TrainingHost, runId: number): Promise<TrainingRunDetail> {
  const db = host.requireProject().db
  const live = liveRuns(db).get(runId)
  if (live) return live.done
  return getTrainingRunView(host, runId)
}

export function cancelTrainingRun(host: TrainingHost, runId: number): TrainingRunSummary {
  const db = host.requireProject().db
  const live = liveRuns(db).get(runId)
  if (live) cancelLive(live)
  else markStaleTrainingRuns(db, liveRunIds(db))
  const run = getTrainingRunSummary(db, runId)
  if (!run) throw new AppError('not_found', `no training run ${runId}`)
  return run
}

/** The run as stored, with the live history and engine job while it runs. */
export function getTrainingRunView(host: TrainingHost, runId: number): TrainingRunDetail {
  const db = host.requireProject().db
  const live = liveRuns(db).get(runId)
  if (!live) markStaleTrainingRuns(db, liveRunIds(db))
  const detail = getTrainingRun(db, runId)
  if (!detail) throw new AppError('not_found', `no training run ${runId}`)
  if (!live) return detail
  return { ...detail, history: [...live.history], engineJobId: live.trainJobId ?? detail.engineJobId }
}

export function listTrainingRunViews(host: TrainingHost): TrainingRunSummary[] {
  const db = host.requireProject().db
  markStaleTrainingRuns(db, liveRunIds(db))
  return listTrainingRuns(db)
}
