/**
 * Requests and events of the 'al' domain: active-learning campaigns, the paper's loop (SCIENCE.md
 * "Active learning", fig. 3) as a persistent state machine in the project database. Each iteration
 * goes through the steps
 *   grade     A  build the active set (maxvol) of the current training set: the state (.als)
 *   explore   B  relax the candidates and run the MD scenarios with γ_select / γ_break monitoring
 *   select    C  select-add: at most m (active-set size) of the preselected configurations
 *   reference D  the "ab initio" step: built-in EAM, local Quantum ESPRESSO, or exported DFT jobs
 *   merge     E  the results join a new version of the campaign's training set
 *   train     F  retrain (a training run) → the next iteration's potential
 * Iteration 0 has no exploration: its selection is an evenly spread sample of the candidates (or the given
 * initial training set), so an untrained potential never has to be graded.
 * The campaign converges when an exploration finishes with nothing selected.
 * Units: γ dimensionless; energies per atom meV/atom in metrics; forces eV/Å; stress GPa;
 * temperatures K; MD timestep fs; pressure GPa.
 */
import { z } from 'zod'
import { configurationFilter } from './data.js'
import type { RequestSpec } from './requests.js'

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({ doc, input, output })

const id = z.number().int().positive()
const element = z.string().min(1).max(3)
const positive = z.number().positive()
const absolutePath = z.string().min(1).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path')
const namelist = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))

export const alQeSettings = z
  .object({
    /** Element → pseudopotential file in pseudoDir. */
    pseudopotentials: z.record(z.string(), z.string()),
    pseudoDir: z.string().min(1),
    /** Ry. */
    ecutwfc: positive,
    ecutrho: positive.optional(),
    /** Å⁻¹, 2π included. */
    kspacing: positive,
    convThr: positive.optional(),
    system: namelist.optional(),
    electrons: namelist.optional(),
  })
  .strict()

/** Who computes energies, forces and stresses of the selected configurations (step D). */
export const alReference = z.discriminatedUnion('kind', [
  /** The engine's built-in EAM (Zhou 2004 alloy of the campaign's elements), run here as DFT jobs of code 'eam'. */
  z.object({ kind: z.literal('eam'), concurrency: z.number().int().min(1).max(64).default(1) }).strict(),
  /** pw.x on this machine (DFT jobs of code 'qe' run by the local executor). */
  z.object({ kind: z.literal('qe-local'), qe: alQeSettings, pwCommand: z.string().min(1).optional(), concurrency: z.number().int().min(1).max(64).default(1) }).strict(),
  /** Job folders (with Slurm/PBS scripts) written to `out`; the campaign waits ('awaiting_dft') until their results are imported. */
  z
    .object({
      kind: z.literal('export'),
      code: z.enum(['qe', 'vasp']),
      out: absolutePath,
      qe: alQeSettings.optional(),
      vasp: z.object({ encut: positive, kspacing: positive, potcar: z.record(z.string(), z.string()).optional(), incar: z.string().optional() }).strict().optional(),
    })
    .strict(),
])

export const alRelaxSettings = z
  .object({
    /** GPa. */
    pressure: z.number().default(0),
    /** eV/Å. */
    forceTol: positive.default(1e-3),
    /** GPa. */
    stressTol: positive.default(1e-2),
    maxIter: z.number().int().min(1).max(100_000).default(300),
    /** Å. */
    maxStep: positive.default(0.05),
    /** Å: smaller interatomic distances fail the structure. */
    minDist: positive.default(1),
  })
  .strict()

export const alMdScenario = z
  .object({
    /** K. */
    temperature: positive,
    steps: z.number().int().min(1).max(10_000_000),
    /** fs. */
    timestep: positive.default(1),
    /** Isotropic scaling of the starting cells (lattice vectors and positions), e.g. 1.05. */
    cellScale: positive.default(1),
    thermostat: z.enum(['langevin', 'none']).default('langevin'),
    /** Starting structures; default the campaign's candidates. */
    starts: configurationFilter.optional(),
  })
  .strict()

/** Everything that defines a campaign; stored with it, so the same spec and seed repeat the run. */
export const alSpec = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** Elements of MTP species 0, 1, … (default: the project's species in type order). */
    elements: z.array(element).min(1).max(16).optional(),
    /** Candidate structures relaxed in every exploration (relaxation-driven AL, the paper's example 3). */
    candidates: configurationFilter.optional(),
    /** Relaxation of the candidates; null = no relaxation (MD only). */
    relax: alRelaxSettings.nullable().prefault({}),
    md: z.array(alMdScenario).max(16).default([]),
    /** Start from this training-set version instead of a sample of the candidates. */
    initialTrainingSetId: id.optional(),
    /**
     * How iteration 0 chooses what the reference computes first: 'spread' = initialSize candidates
     * evenly spread over the list (offset by the seed); 'maxvol' = select-add with a randomly
     * initialised potential (`new-potential --init random`) on an empty training set, the paper's
     * start from nothing (at most the number of radial and species parameters, or selectLimit).
     */
    initialSelection: z.enum(['spread', 'maxvol']).default('spread'),
    initialSize: z.number().int().min(1).max(10_000).default(8),
    reference: alReference,
    level: z.number().int().min(2).max(28).default(8),
    radialBasisSize: z.number().int().min(2).max(40).default(8),
    /** Å; omitted → the training run's choice (0.99 × the set's smallest distance). */
    minDist: positive.max(10).optional(),
    /** Cutoff, Å. */
    maxDist: positive.max(20).default(5),
    gammaSelect: z.number().min(1).default(2),
    gammaBreak: z.number().min(1).default(10),
    /** At most this many configurations selected per iteration (default: select-add's own cap, m). */
    selectLimit: z.number().int().min(1).optional(),
    maxIterations: z.number().int().min(1).max(1000).default(20),
    seed: z.number().int().nonnegative().max(2 ** 31 - 1).default(1),
    /** Configurations with reference data to report errors on after every retraining. */
    validation: configurationFilter.optional(),
    training: z
      .object({
        maxIterations: z.number().int().min(1).max(100_000).default(200),
        weighting: z.enum(['molecules', 'structures', 'vibrations']).default('vibrations'),
        energyWeight: z.number().nonnegative().default(1),
        forceWeight: z.number().nonnegative().default(0.01),
        stressWeight: z.number().nonnegative().default(0.001),
      })
      .strict()
      .prefault({}),
    /** Engine worker threads per step (default all cores). Results do not depend on it. */
    threads: z.number().int().min(1).max(256).optional(),
  })
  .strict()
  .refine((s) => s.gammaBreak >= s.gammaSelect, { message: 'γ_break must be ≥ γ_select', path: ['gammaBreak'] })
  .refine((s) => s.candidates !== undefined || s.md.length > 0, { message: 'give candidates to relax or at least one MD scenario', path: ['candidates'] })
  .refine((s) => s.relax === null || s.candidates !== undefined, { message: 'relaxation needs candidates', path: ['candidates'] })
  .refine((s) => s.md.every((m) => m.starts !== undefined) || s.candidates !== undefined, { message: 'MD scenarios without `starts` need candidates', path: ['md'] })
  .refine((s) => s.initialTrainingSetId !== undefined || s.candidates !== undefined, { message: 'without candidates give an initial training set', path: ['initialTrainingSetId'] })
export type AlSpecInput = z.input<typeof alSpec>
export type AlSpec = z.output<typeof alSpec>

/**
 * draft: created, never started · running: a process is working on it · paused: stopped by the
 * user between steps · awaiting_dft: exported DFT jobs must be imported before it can go on ·
 * interrupted: the process running it died (crash, kill); resume continues at the step it was in ·
 * converged: an exploration selected nothing · stopped: cancelled by the user, or maxIterations
 * reached · failed: a step failed (see `error`); resume retries the step.
 */
export const alCampaignStatus = z.enum(['draft', 'running', 'paused', 'awaiting_dft', 'interrupted', 'converged', 'stopped', 'failed'])
export type AlCampaignStatus = z.infer<typeof alCampaignStatus>
export const isTerminalAlStatus = (s: AlCampaignStatus): boolean => s === 'converged' || s === 'stopped'

export const alStep = z.enum(['grade', 'explore', 'select', 'reference', 'merge', 'train', 'done'])
export type AlStep = z.infer<typeof alStep>
export const alIterationStatus = z.enum(['running', 'waiting', 'done', 'failed', 'interrupted'])

export const alError = z.object({ message: z.string(), file: z.string().nullable(), line: z.number().int().nullable(), field: z.string().nullable() })

export const alCampaignSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  status: alCampaignStatus,
  /** Number of the iteration the loop is at (0 = the initial training). */
  iteration: z.number().int().nullable(),
  step: alStep.nullable(),
  referenceKind: z.enum(['eam', 'qe-local', 'export']),
  level: z.number().int(),
  gammaSelect: z.number(),
  gammaBreak: z.number(),
  /** Size of the newest training-set version of the campaign. */
  trainingSetSize: z.number().int(),
  potentialId: z.number().int().nullable(),
  error: alError.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type AlCampaignSummary = z.infer<typeof alCampaignSummary>

/** Histogram of log10 γ (per relaxed structure: its largest γ; per MD run: its largest γ). */
export const gradeHistogram = z.object({ log10Edges: z.array(z.number()), counts: z.array(z.number().int()) })

export const alIterationView = z.object({
  number: z.number().int(),
  step: alStep,
  status: alIterationStatus,
  /** Potential explored with (trained in the previous iteration); null in iteration 0. */
  potentialId: z.number().int().nullable(),
  /** Training-set version after this iteration's merge. */
  trainingSetId: z.number().int().nullable(),
  trainingSetSize: z.number().int().nullable(),
  trainingRunId: z.number().int().nullable(),
  /** Relaxed structures + MD runs graded in the exploration. */
  explored: z.number().int(),
  /** Structures / runs stopped by γ_break. */
  breaks: z.number().int(),
  /** Configurations with γ > γ_select collected during exploration. */
  preselected: z.number().int(),
  /** Configurations chosen by select-add (iteration 0: the initial sample). */
  selected: z.number().int(),
  /** Fraction of the exploration finished before a break: structures (relax) and steps (MD), 0…1. */
  reliability: z.number().nullable(),
  relaxReliability: z.number().nullable(),
  mdReliability: z.number().nullable(),
  /** Relaxation outcomes (relaxation_OK, relaxation_EXTRAPOLATION_BREAK, …) → count. */
  outcomes: z.record(z.string(), z.number().int()),
  /** RMSE of the potential trained in this iteration on the validation set: energy per atom meV/atom, force (per-atom |ΔF|) eV/Å, stress GPa. */
  validation: z.object({ energyRmseMeV: z.number(), forceRmse: z.number().nullable(), stressRmse: z.number().nullable(), count: z.number().int() }).nullable(),
  /** DFT jobs of this iteration's reference step. */
  dft: z.object({ batch: z.string(), folder: z.string().nullable(), total: z.number().int(), imported: z.number().int(), failed: z.number().int(), quarantined: z.number().int() }).nullable(),
  gradeHistogram: gradeHistogram.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type AlIterationView = z.infer<typeof alIterationView>

/** What the loop is waiting for right now. */
export const alWaitingFor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dft'), batch: z.string(), folder: z.string().nullable(), jobIds: z.array(z.number().int()), done: z.number().int(), total: z.number().int() }),
  z.object({ kind: z.literal('training'), runId: z.number().int() }),
  z.object({ kind: z.literal('engine'), jobId: z.string(), command: z.string() }),
])

export const alCampaignDetail = z.object({
  summary: alCampaignSummary,
  spec: z.unknown(),
  iterations: z.array(alIterationView),
  waitingFor: alWaitingFor.nullable(),
})
export type AlCampaignDetail = z.infer<typeof alCampaignDetail>

export const alGrades = z.object({
  iteration: z.number().int(),
  /** γ per explored item: the largest γ reached by each relaxed structure and by each MD run. */
  grades: z.array(z.number()),
  natoms: z.array(z.number().int()),
  /** γ of every configuration collected with γ > the iteration's γ_select. */
  preselectedGrades: z.array(z.number()),
  /** select-add's cap per iteration: the active-set size m (= number of MTP parameters), or the spec's selectLimit. */
  selectLimit: z.number().int().nullable(),
  gammaSelect: z.number(),
  gammaBreak: z.number(),
})

export const alGradePreview = z.object({
  iteration: z.number().int(),
  /** Structures / MD runs whose largest γ exceeds γ_select (they would contribute configurations). */
  structuresAboveSelect: z.number().int(),
  /** Structures / MD runs that would be stopped by γ_break. */
  structuresAboveBreak: z.number().int(),
  explored: z.number().int(),
  /** Preselected configurations above γ_select. Exact only when γ_select ≥ the iteration's own γ_select (lower γ were not kept). */
  preselected: z.number().int(),
  exact: z.boolean(),
  /** At most this many DFT jobs would follow: min(preselected, selectLimit). */
  dftJobs: z.number().int(),
})

const campaignRef = z.object({ id }).strict()

export const alRequests = {
  'al/create': request('Creates an active-learning campaign (status draft) from a spec; validated against the project (elements, candidates).', alSpec, alCampaignSummary),
  'al/list': request('Every campaign of the project, newest first.', z.object({}).strict(), z.array(alCampaignSummary)),
  'al/get': request('One campaign: summary, spec, iterations with their metrics, and what the loop waits for.', campaignRef, alCampaignDetail),
  'al/start': request('Starts (or continues) the loop in the background; progress as al:* events.', campaignRef, alCampaignSummary),
  'al/pause': request('Stops the running step (its engine job is cancelled; the step is redone on resume) and marks the campaign paused.', campaignRef, alCampaignSummary),
  'al/resume': request('Continues a paused, interrupted, failed or awaiting_dft campaign at the step it was in.', campaignRef, alCampaignSummary),
  'al/cancel': request('Stops the campaign for good (status stopped); its data stay.', campaignRef, alCampaignSummary),
  'al/grades': request(
    'Extrapolation grades of one iteration’s exploration (default the newest explored), for the histogram and the γ sliders.',
    z.object({ id, iteration: z.number().int().nonnegative().optional() }).strict(),
    alGrades,
  ),
  'al/grade-preview': request(
    'How many structures would exceed γ_select / γ_break and how many DFT jobs would follow, from one iteration’s grades.',
    z
      .object({ id, gammaSelect: z.number().min(1), gammaBreak: z.number().min(1), iteration: z.number().int().nonnegative().optional() })
      .strict()
      .refine((p) => p.gammaBreak >= p.gammaSelect, { message: 'γ_break must be ≥ γ_select', path: ['gammaBreak'] }),
    alGradePreview,
  ),
} as const

export const alEvents = {
  /** A campaign's status, step or iteration changed. */
  'al:campaign': z.object({ campaign: alCampaignSummary }),
  /** An iteration changed step or got new metrics. */
  'al:iteration': z.object({ campaignId: z.number().int(), iteration: alIterationView }),
  /** Progress inside a step (engine progress lines, DFT jobs done, training iterations). */
  'al:progress': z.object({ campaignId: z.number().int(), iteration: z.number().int(), step: alStep, done: z.number(), total: z.number(), message: z.string() }),
} as const
