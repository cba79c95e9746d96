/**
 * mtp-studio train --project P --training-set NAME[@VERSION] --level L [options] [--json]
 * mtp-studio train --project P --restart RUN [--json]
 * A training run through the engine, stored in the project: progress on stderr, then the error
 * report (or with --json the run as one JSON object) on stdout. SIGINT/SIGTERM cancel it (the last
 * good parameters are kept). Exit code 0 when the run succeeded, 1 otherwise.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { TrainingRunDetail, TrainingSpecInput } from '../../contract/training.js'
import { parseFilterSpecs } from '../../data/filter-spec.js'
import { createTrainingSetVersion, listTrainingSets } from '../../db/repositories/training-sets.js'
import { enginePath } from '../../engine/locate.js'
import { EngineSupervisor } from '../../engine/supervisor.js'
import { studioHome } from '../../paths.js'
import { Project } from '../../projects/project.js'
import { progressLine, runReport } from '../../training/report.js'
import { restartTrainingRun, startTrainingRun, type TrainingHost } from '../../training/service.js'
import { interruptible, parseOptions, printJson, UsageError, type CliIo, type Command } from '../command.js'

const usage = `mtp-studio train --project P --training-set NAME[@VERSION] --level L [options]
mtp-studio train --project P --restart RUN

  --training-set NAME[@V]  the set version to train on (default: its newest version)
  --create-set             first snapshot a new version of NAME from the trainable configurations
  --filter KEY=VALUE       with --create-set: only matching configurations (repeatable; see jobs export)
  --level L                MTP level 2..28 (with --template: the level it has)
  --template FILE          start from this untrained .mtp instead of generating level L
  --species El,El          MTP species order (default: the set's elements in project order)
  --cutoff R               max_dist, Å (default 5)
  --min-dist R             min_dist, Å (default: 0.99 × the set's smallest distance)
  --radial-basis-size K    (default 8)
  --weighting W            vibrations | molecules | structures (default vibrations)
  --energy-weight W        (default 1)      --force-weight W (default 0.01)
  --stress-weight W        (default 0.001)
  --ensemble K             K potentials with seeds S..S+K-1 (default 1)
  --validation F           fraction held out for validation, 0..0.5 (default 0.1)
  --seed S                 (default 1)
  --max-iter N             optimiser iterations (default 200)
  --tol T                  relative loss decrease that stops the optimiser (engine default 1e-3)
  --threads N              engine threads (default: all cores)
  --name NAME              name of the stored potential(s)
  --restart RUN            rerun a failed, cancelled or interrupted run, resuming its checkpoints
  --json                   print the finished run as one JSON object`

const OPTIONS = {
  project: { type: 'string' },
  'training-set': { type: 'string' },
  'create-set': { type: 'boolean', default: false },
  filter: { type: 'string', multiple: true },
  level: { type: 'string' },
  template: { type: 'string' },
  species: { type: 'string' },
  cutoff: { type: 'string' },
  'min-dist': { type: 'string' },
  'radial-basis-size': { type: 'string' },
  weighting: { type: 'string' },
  'energy-weight': { type: 'string' },
  'force-weight': { type: 'string' },
  'stress-weight': { type: 'string' },
  ensemble: { type: 'string' },
  validation: { type: 'string' },
  seed: { type: 'string' },
  'max-iter': { type: 'string' },
  tol: { type: 'string' },
  threads: { type: 'string' },
  name: { type: 'string' },
  restart: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const

type Values = ReturnType<typeof parseOptions<typeof OPTIONS>>['values']

function number(v: Values, key: keyof Values): number | undefined {
  const text = v[key]
  if (text === undefined) return undefined
  const x = Number(text)
  if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${key} needs a number, got ${JSON.stringify(text)}`)
  return x
}

/** NAME or NAME@VERSION → the training_sets id (newest version without @). */
function resolveSet(project: Project, ref: string, create: boolean, filters: readonly string[]): number {
  const at = ref.lastIndexOf('@')
  const name = at > 0 ? ref.slice(0, at) : ref
  const version = at > 0 ? Number(ref.slice(at + 1)) : undefined
  if (create) {
    if (version !== undefined) throw new UsageError('--create-set makes the next version; give the set name without @VERSION')
    let filter
    try {
      filter = parseFilterSpecs(filters)
    } catch (e) {
      throw new UsageError((e as Error).message)
    }
    return createTrainingSetVersion(project.db, { name, filter }).id
  }
  const versions = listTrainingSets(project.db).filter((s) => s.name === name)
  const set = version === undefined ? versions[versions.length - 1] : versions.find((s) => s.version === version)
  if (!set) throw new Error(`no training set ${ref} in ${project.path} (sets: ${[...new Set(listTrainingSets(project.db).map((s) => s.name))].join(', ') || 'none'}; --create-set makes one)`)
  return set.id
}

function specFrom(v: Values, trainingSetId: number): TrainingSpecInput {
  const level = number(v, 'level')
  if (level === undefined) throw new UsageError('--level L is required')
  const weighting = v.weighting
  if (weighting !== undefined && !['vibrations', 'molecules', 'structures'].includes(weighting)) throw new UsageError('--weighting must be vibrations, molecules or structures')
  return {
    trainingSetId,
    level,
    templateMtp: v.template ? readFileSync(resolve(v.template), 'utf8') : undefined,
    species: v.species ? v.species.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    maxDist: number(v, 'cutoff'),
    minDist: number(v, 'min-dist'),
    radialBasisSize: number(v, 'radial-basis-size'),
    weighting: weighting as TrainingSpecInput['weighting'],
    energyWeight: number(v, 'energy-weight'),
    forceWeight: number(v, 'force-weight'),
    stressWeight: number(v, 'stress-weight'),
    ensemble: number(v, 'ensemble'),
    validationFraction: number(v, 'validation'),
    seed: number(v, 'seed'),
    maxIterations: number(v, 'max-iter'),
    tolerance: number(v, 'tol'),
    threads: number(v, 'threads'),
    name: v.name,
  }
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train an MTP (or an ensemble) on a training-set version; errors per group',
  usage,
  async run(args, io: CliIo) {
    const { values: v, positionals } = parseOptions(args, OPTIONS, false)
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`)
    if (!v.project) throw new UsageError('--project P is required')
    if (!v.restart === !v['training-set']) throw new UsageError('give --training-set NAME or --restart RUN')
    const project = Project.open(resolve(v.project))
    const supervisor = new EngineSupervisor({ enginePath: () => enginePath(io.env), logDir: join(studioHome(io.env), 'logs', 'jobs') })
    const killAll = () => supervisor.killAllNow()
    process.on('exit', killAll)
    const interrupt = interruptible(io, 'cancelling: the last good parameters are kept')
    try {
      const host: TrainingHost = { requireProject: () => project, supervisor }
      const options = { signal: interrupt.signal, onProgress: (p: Parameters<typeof progressLine>[0] & { maxIterations: number }) => io.err(`${progressLine(p, p.maxIterations)}\n`) }
      let started
      if (v.restart) {
        const id = number(v, 'restart')
        if (!id || !Number.isInteger(id)) throw new UsageError('--restart needs a run id')
        started = await restartTrainingRun(host, id, options)
      } else {
        started = await startTrainingRun(host, specFrom(v, resolveSet(project, v['training-set']!, v['create-set'], v.filter ?? [])), options)
      }
      io.err(`training run ${started.runId} started\n`)
      const run: TrainingRunDetail = await started.done
      if (v.json) printJson(io, run)
      else io.out(runReport(run))
      return run.status === 'succeeded' ? 0 : 1
    } finally {
      interrupt.dispose()
      await supervisor.shutdown()
      process.off('exit', killAll)
      project.close()
    }
  },
}
