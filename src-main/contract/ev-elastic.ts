/**
 * Requests 'analysis/ev' and 'analysis/elastic': E–V curves (Birch–Murnaghan per ensemble member)
 * and elastic constants (±strain finite differences of the stress) of one structure, by an
 * ensemble of the project's potentials or the built-in EAM reference. Units: volume Å³/atom,
 * energy eV/atom, B0 and C_ij in GPa, lattice constant Å. Intervals: mean ± 1.96σ over members.
 * Spread into the request map.
 */
import { z } from 'zod'
import type { RequestSpec } from './requests.js'

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({ doc, input, output })

const element = z.string().regex(/^[A-Z][a-z]?$/, 'an element symbol such as Mo')

/** The structure to strain: a conventional cubic cell built here, or a configuration of the project. */
export const strainBase = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lattice'),
    lattice: z.enum(['sc', 'bcc', 'fcc', 'diamond']),
    element,
    /** Å. */
    a: z.number().positive().max(20),
    repeat: z.number().int().min(1).max(6).default(1),
  }),
  z.object({ kind: z.literal('configuration'), id: z.number().int().positive() }),
])

/** Which force fields: project potentials (an ensemble, or ids), or the Zhou 2004 EAM reference. */
export const forceFieldChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ensemble'), name: z.string().min(1) }),
  z.object({ kind: z.literal('potentials'), ids: z.array(z.number().int().positive()).min(1).max(32) }),
  z.object({ kind: z.literal('eam'), elements: z.array(element).min(1).max(8) }),
])

export const ensembleSummaryView = z.object({
  n: z.number().int(),
  mean: z.number(),
  std: z.number(),
  halfWidth95: z.number(),
  lo95: z.number(),
  hi95: z.number(),
  min: z.number(),
  max: z.number(),
})

const fitView = z.object({ e0: z.number(), v0: z.number(), b0: z.number(), b0Prime: z.number(), rmse: z.number(), v0InRange: z.boolean() })

export const evResult = z.object({
  structureLabel: z.string(),
  natoms: z.number().int(),
  referenceVolume: z.number(),
  range: z.number(),
  relaxIons: z.boolean(),
  members: z.array(
    z.object({
      label: z.string(),
      points: z.array(z.object({ volume: z.number(), energy: z.number() })),
      fit: fitView,
      latticeConstant: z.number().nullable(),
    }),
  ),
  summary: z.object({
    v0: ensembleSummaryView,
    e0: ensembleSummaryView,
    b0: ensembleSummaryView,
    b0Prime: ensembleSummaryView,
    latticeConstant: ensembleSummaryView.nullable(),
  }),
  curve: z.object({ volume: z.array(z.number()), mean: z.array(z.number()), lo95: z.array(z.number()), hi95: z.array(z.number()) }),
  /** The project's reference (DFT) energies of isotropically scaled copies of the same lattice. */
  dft: z.array(z.object({ id: z.number().int(), volume: z.number(), energy: z.number(), label: z.string().nullable() })),
  dftFit: fitView.nullable(),
})

export const elasticResultView = z.object({
  delta: z.number(),
  equilibrate: z.boolean(),
  relaxIons: z.boolean(),
  structureLabel: z.string(),
  members: z.array(
    z.object({
      label: z.string(),
      /** 6×6 Voigt stiffness, GPa. */
      c: z.array(z.array(z.number())),
      asymmetry: z.number(),
      cubic: z.object({ c11: z.number(), c12: z.number(), c44: z.number(), bulkModulus: z.number() }).nullable(),
      cellLengths: z.array(z.number()),
      volumePerAtom: z.number(),
      residualStress: z.array(z.number()),
    }),
  ),
  c: z.array(z.array(ensembleSummaryView)),
  cubic: z
    .object({ c11: ensembleSummaryView, c12: ensembleSummaryView, c44: ensembleSummaryView, bulkModulus: ensembleSummaryView })
    .nullable(),
})

export type EvResultView = z.infer<typeof evResult>
export type ElasticResultView = z.infer<typeof elasticResultView>
export type EnsembleSummaryView = z.infer<typeof ensembleSummaryView>
export type StrainBaseInput = z.input<typeof strainBase>
export type ForceFieldChoice = z.infer<typeof forceFieldChoice>

/** Chosen by the client so it can follow progress and cancel before the reply; default generated. */
const computeId = z.string().min(1).max(100)

export const evRequest = z
  .object({
    computeId: computeId.optional(),
    structure: strainBase,
    potentials: forceFieldChoice,
    /** Volume fraction either side (0.1 = ±10 %). */
    range: z.number().gt(0).max(0.3).default(0.1),
    points: z.number().int().min(5).max(41).default(11),
    relaxIons: z.boolean().default(false),
  })
  .strict()

export const elasticRequest = z
  .object({
    computeId: computeId.optional(),
    structure: strainBase,
    potentials: forceFieldChoice,
    /** Strain magnitude (0.01 = 1 %). */
    delta: z.number().gt(0).max(0.05).default(0.01),
    equilibrate: z.boolean().default(true),
    relaxIons: z.boolean().default(false),
  })
  .strict()

export const evElasticRequests = {
  'analysis/ev': request(
    'E–V curve by each potential of an ensemble (or EAM): Birch–Murnaghan V0, E0, B0 (GPa), B0′, lattice constant with 95 % intervals; DFT points.',
    evRequest,
    evResult,
  ),
  'analysis/elastic': request(
    'Elastic constants by ±strain differences of the stress, per potential and ensemble mean ± 95 % (6×6 and cubic C11, C12, C44, GPa).',
    elasticRequest,
    elasticResultView,
  ),
  'analysis/ev-elastic-cancel': request(
    'Cancels a running E–V or elastic computation (its engine job is cancelled, no further job starts); the request then fails with the error code cancelled.',
    z.object({ computeId }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
} as const

export const evElasticEvents = {
  /**
   * Progress of an E–V or elastic computation: member (0-based) of members, engine step of the
   * member (relax, then evaluate) of steps, done of total structures in that step, and the whole
   * computation's fraction 0…1. The engine job's own progress is in jobs:progress.
   */
  'analysis:ev-elastic-progress': z.object({
    computeId: z.string(),
    kind: z.enum(['ev', 'elastic']),
    member: z.number().int(),
    members: z.number().int(),
    step: z.number().int(),
    steps: z.number().int(),
    done: z.number().int(),
    total: z.number().int(),
    fraction: z.number(),
    message: z.string(),
    jobId: z.string().nullable(),
  }),
} as const
