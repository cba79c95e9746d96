/**
 * Requests of the 'potentials' domain: the project's potentials, the new-potential wizard's level
 * table (counts from the engine, measured relative cost, typical training-set size, suggested radial
 * distances and a recommended level), creating an untrained MTP, and importing .mtp files.
 * Distances in Å, cost in CPU µs per atom. Spread into the request map.
 */
import { z } from 'zod'
import type { RequestSpec } from './requests.js'

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({ doc, input, output })

const element = z.string().regex(/^[A-Z][a-z]?$/, 'an element symbol such as Mo')
const level = z.number().int().min(2).max(28)

export const potentialSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.number().int().nullable(),
  species: z.array(z.string()),
  minDist: z.number().nullable(),
  maxDist: z.number().nullable(),
  radialBasisSize: z.number().int().nullable(),
  basisFunctions: z.number().int(),
  parameters: z.number().int(),
  /** Whether the .mtp carries fitted coefficients (an untrained template does not). */
  trained: z.boolean(),
  trainingRunId: z.number().int().nullable(),
  ensemble: z.string().nullable(),
  ensembleIndex: z.number().int().nullable(),
  errors: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
})
export type PotentialSummary = z.infer<typeof potentialSummary>

export const levelRow = z.object({
  level,
  basisFunctions: z.number().int(),
  parameters: z.number().int(),
  radialFuncsCount: z.number().int(),
  /** CPU µs per atom (energy, forces, stress) on the sample; null until measured. */
  microsecondsPerAtom: z.number().nullable(),
  /** Cost relative to level 16 (1 = level 16); null until measured. */
  relativeCost: z.number().nullable(),
  typicalTrainingSize: z.number().int(),
  trainingSizeSource: z.enum(['paper', 'interpolated', 'extrapolated']),
})
export type LevelRow = z.infer<typeof levelRow>

export const levelsReport = z.object({
  species: z.array(z.string()),
  radialBasisSize: z.number().int(),
  rows: z.array(levelRow),
  /** The sample the cost and distances were measured on. */
  sample: z.object({ configurations: z.number().int(), atoms: z.number().int(), available: z.number().int() }),
  costMeasuredAt: z.string().nullable(),
  /** Smallest interatomic distance in the sample, Å (null without structures). */
  mindist: z.number().nullable(),
  suggestion: z.object({ minDist: z.number(), maxDist: z.number(), reason: z.string() }),
  recommendation: z.object({ level, reason: z.string() }),
})
export type LevelsReport = z.infer<typeof levelsReport>

export const potentialRequests = {
  'potentials/list': request('The project’s potentials (newest first), without their .mtp text.', z.object({}).strict(), z.array(potentialSummary)),
  'potentials/levels': request(
    'Levels 2–28 side by side: counts and measured relative cost (engine), typical training-set size (paper), suggested R_min/R_cut and a recommended level.',
    z
      .object({
        species: z.array(element).min(1).max(8).optional(),
        radialBasisSize: z.number().int().min(2).max(20).default(8),
        /** Å; the cutoff the cost is measured at (default: the suggested one). */
        maxDist: z.number().min(2).max(12).optional(),
        measureCost: z.boolean().default(false),
      })
      .strict(),
    levelsReport,
  ),
  'potentials/create-untrained': request(
    'Writes an untrained MTP of the chosen level and radial basis with the engine and stores it in the project.',
    z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        level,
        species: z.array(element).min(1).max(8),
        radialBasisSize: z.number().int().min(2).max(20).default(8),
        minDist: z.number().positive().max(10),
        maxDist: z.number().positive().max(15),
      })
      .strict()
      .refine((v) => v.maxDist > v.minDist + 0.5, { message: 'R_cut must exceed R_min by more than 0.5 Å', path: ['maxDist'] }),
    potentialSummary,
  ),
  'potentials/import': request(
    'Stores .mtp files (e.g. an ensemble trained elsewhere) in the project; `species` gives the element of each MTP species index.',
    z
      .object({
        paths: z.array(z.string().min(1)).min(1).max(64),
        species: z.array(element).min(1).max(8),
        ensemble: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    z.array(potentialSummary),
  ),
} as const
