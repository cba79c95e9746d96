/**
 * Requests and events of the 'training' domain: passive training runs of an MTP on a training-set
 * version through the engine (`mtp-engine train --jsonl`), their live progress, cancel, restart,
 * and the stored results (potentials, errors, parity data). Spread into the request/event maps.
 *
 * Units everywhere: energies per atom in eV/atom (RMSE of the energy per atom), forces in eV/Å
 * (per Cartesian component), stresses in GPa (per Voigt component, compressive positive like
 * MLIP's "Stresses (in GPa)"), distances in Å, times in s.
 */
import { z } from 'zod'
import type { RequestSpec } from './requests.js'

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({ doc, input, output })

const runId = z.number().int().positive()

/**
 * MLIP's three weightings of the loss (SCIENCE.md; paper eqs. 7, 11, 12), N_k atoms in configuration k:
 * molecules  (eq. 7)  Σ_k w_e ΔE_k² + w_f Σ_i |Δf_i|² + w_s |Δσ_k|²
 * structures (eq. 11) energy and stress terms divided by N_k², force term by N_k
 * vibrations (eq. 12, default) energy and stress terms divided by N_k
 */
export const trainingWeighting = z.enum(['molecules', 'structures', 'vibrations'])
export type TrainingWeighting = z.infer<typeof trainingWeighting>

export const trainingRunStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'])
export type TrainingRunStatus = z.infer<typeof trainingRunStatus>
export const isTerminalTrainingStatus = (s: TrainingRunStatus): boolean => s !== 'queued' && s !== 'running'

/** Everything that defines a training run; stored with the run so it can be repeated. */
export const trainingSpec = z
  .object({
    /** training_sets.id of the (immutable) version to train on. */
    trainingSetId: z.number().int().positive(),
    /** MTP level of the untrained potential (2..28; odd levels equal the even level below). */
    level: z.number().int().min(2).max(28),
    /** Elements of MTP species 0, 1, … (default: the set's elements in project species order). */
    species: z.array(z.string().min(1).max(3)).min(1).max(63).optional(),
    /** Cutoff radius R_cut, Å. */
    maxDist: z.number().positive().max(20).default(5),
    /** Smallest interatomic distance of the radial basis, Å; omitted → 0.99 × the set's smallest distance. */
    minDist: z.number().positive().max(10).optional(),
    /** Chebyshev functions per radial function. */
    radialBasisSize: z.number().int().min(2).max(40).default(8),
    /** An untrained (or lower-level) .mtp text to start from instead of generating the level's template. */
    templateMtp: z.string().min(1).optional(),
    /** Start from this stored untrained potential (the new-potential wizard's); its level and species count must match. */
    templatePotentialId: z.number().int().positive().optional(),
    /** Start from the radial functions of this trained potential (engine --init-from). */
    initFromPotentialId: z.number().int().positive().optional(),
    weighting: trainingWeighting.default('vibrations'),
    /** Loss weights (dimensionless, MLIP's defaults 1, 0.01, 0.001). */
    energyWeight: z.number().nonnegative().default(1),
    forceWeight: z.number().nonnegative().default(0.01),
    stressWeight: z.number().nonnegative().default(0.001),
    /** Ensemble size K: members use seeds seed..seed+K−1. */
    ensemble: z.number().int().min(1).max(16).default(1),
    /** Fraction of the set held out for validation (early stopping, errors); 0 = none. */
    validationFraction: z.number().min(0).max(0.5).default(0.1),
    /** Seed of the random initialisation and of the validation split. */
    seed: z.number().int().nonnegative().max(2 ** 31 - 1).default(1),
    maxIterations: z.number().int().min(1).max(100_000).default(200),
    /** Stop when the loss fell by less than this (relative) over 5 iterations (engine --tol, default 1e-3); 0 = run all iterations. */
    tolerance: z.number().min(0).max(1).optional(),
    /** Engine worker threads (default: the engine's choice, all cores). */
    threads: z.number().int().min(1).max(256).optional(),
    /** Name of the stored potential(s) (default "<set name> v<version> L<level>"). */
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
export type TrainingSpecInput = z.input<typeof trainingSpec>
export type TrainingSpec = z.output<typeof trainingSpec>

/** Error statistics of one quantity: RMSE, MAE, max |error|, number of values. */
const errorStats = z.object({ rmse: z.number(), mae: z.number(), max: z.number(), count: z.number().int() })
/** Energy per atom (eV/atom), force components (eV/Å), stress components (GPa). */
export const errorSummary = z.object({ energy: errorStats, force: errorStats, stress: errorStats })
export type ErrorSummaryView = z.infer<typeof errorSummary>

/** Errors of one potential: all configurations, and per configuration group (config_groups name, or 'ungrouped'). */
export const potentialErrors = z.object({
  train: z.object({ all: errorSummary, groups: z.record(z.string(), errorSummary) }),
  valid: z.object({ all: errorSummary, groups: z.record(z.string(), errorSummary) }).nullable(),
})
export type PotentialErrorsView = z.infer<typeof potentialErrors>

/** One optimiser iteration of one ensemble member (the engine's progress line). */
export const trainingProgressPoint = z.object({
  member: z.number().int(),
  iteration: z.number().int(),
  loss: z.number(),
  energyRmse: z.number(),
  forceRmse: z.number(),
  stressRmse: z.number(),
  validLoss: z.number().nullable(),
  validEnergyRmse: z.number().nullable(),
  validForceRmse: z.number().nullable(),
  validStressRmse: z.number().nullable(),
  elapsed: z.number(),
})
export type TrainingProgressPoint = z.infer<typeof trainingProgressPoint>

export const trainedPotential = z.object({
  id: z.number().int(),
  name: z.string(),
  ensembleIndex: z.number().int(),
  seed: z.number().int(),
  iterations: z.number().int().nullable(),
  stopReason: z.string().nullable(),
  errors: potentialErrors.nullable(),
})

export const trainingRunSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  status: trainingRunStatus,
  trainingSetId: z.number().int(),
  trainingSetName: z.string(),
  trainingSetVersion: z.number().int(),
  level: z.number().int(),
  seed: z.number().int(),
  ensemble: z.number().int(),
  /** The run this one restarts (resuming its checkpoints), if any. */
  restartOf: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
})
export type TrainingRunSummary = z.infer<typeof trainingRunSummary>

export const trainingRunDetail = trainingRunSummary.extend({
  spec: trainingSpec,
  species: z.array(z.string()),
  /** Engine job id while (or after) the engine runs, for jobs/log. */
  engineJobId: z.string().nullable(),
  /** Loss and RMSE per iteration and member, oldest first. */
  history: z.array(trainingProgressPoint),
  potentials: z.array(trainedPotential),
  /** Ensemble mean ± 2σ of the engine's metrics (train_energy_rmse …), when K > 1. */
  ensembleStats: z.record(z.string(), z.object({ mean: z.number(), twoSigma: z.number() })).nullable(),
})
export type TrainingRunDetail = z.infer<typeof trainingRunDetail>

/**
 * Reference vs predicted values of one potential on every configuration of the set.
 * Per configuration: id, split, natoms, group; energies per atom (eV/atom); stress 6 Voigt
 * components in GPa (null when the configuration has no reference stress or no cell).
 * Forces: flat component lists (eV/Å) with the configuration index of each component.
 */
export const parityData = z.object({
  potentialId: z.number().int(),
  configurationIds: z.array(z.number().int()),
  split: z.array(z.enum(['train', 'valid'])),
  natoms: z.array(z.number().int()),
  groups: z.array(z.string()),
  energyRef: z.array(z.number()),
  energyPred: z.array(z.number()),
  forceRef: z.array(z.number()),
  forcePred: z.array(z.number()),
  forceConfig: z.array(z.number().int()),
  stressRef: z.array(z.array(z.number()).length(6).nullable()),
  stressPred: z.array(z.array(z.number()).length(6).nullable()),
})
export type ParityDataView = z.infer<typeof parityData>

/** What the data suggests for the weighting, with the reason in plain words. */
export const weightingSuggestion = z.object({
  weighting: trainingWeighting,
  reason: z.string(),
  stats: z.object({
    configurations: z.number().int(),
    /** Configurations with no periodic direction (molecules, clusters). */
    nonPeriodic: z.number().int(),
    /** Configurations that look like MD snapshots: group/label/source names MD; when none does, the same cell and size repeated ≥ 5×. */
    mdLike: z.number().int(),
    minAtoms: z.number().int(),
    maxAtoms: z.number().int(),
    distinctSizes: z.number().int(),
    elements: z.array(z.string()),
    withForces: z.number().int(),
    withStress: z.number().int(),
  }),
})
export type WeightingSuggestionView = z.infer<typeof weightingSuggestion>

export const trainingRequests = {
  'training/start': request('Starts a training run on a training-set version; progress as training:progress events.', trainingSpec, z.object({ runId })),
  'training/list': request('Every training run of the project, newest first.', z.object({}).strict(), z.array(trainingRunSummary)),
  'training/get': request('One training run with its options, progress history, potentials and errors.', z.object({ runId }).strict(), trainingRunDetail),
  'training/cancel': request('Cancels a running training; the last good parameters are kept as the run’s potentials.', z.object({ runId }).strict(), trainingRunSummary),
  'training/restart': request(
    'Starts a new run with the options of a failed, cancelled or interrupted one, resuming from its checkpoints.',
    z.object({ runId }).strict(),
    z.object({ runId }),
  ),
  'training/parity': request(
    'Reference vs predicted energy per atom, force components and stress of one potential of a run (default the first member).',
    z.object({ runId, potentialId: z.number().int().positive().optional() }).strict(),
    parityData,
  ),
  'training/suggest-weighting': request(
    'The weighting the training-set version suggests (no cell → molecules, MD data → vibrations, mixed cell sizes → structures).',
    z.object({ trainingSetId: z.number().int().positive() }).strict(),
    weightingSuggestion,
  ),
} as const

export const trainingEvents = {
  /** One optimiser iteration of a running training. */
  'training:progress': trainingProgressPoint.extend({ runId: z.number().int(), maxIterations: z.number().int() }),
  /** A training run changed status (started, stage, finished). `stage` says what it is doing. */
  'training:state': z.object({ run: trainingRunSummary, stage: z.enum(['preparing', 'training', 'evaluating', 'storing', 'done']) }),
} as const
