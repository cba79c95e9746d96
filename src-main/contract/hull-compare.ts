/**
 * Requests and events of the DFT-vs-MTP hull: 'analysis/hull-compare' evaluates every hull entry
 * (configurations with a reference energy, and optionally candidates without one) with each
 * member of an ensemble (or the built-in EAM), and replies with typed columns (columns.ts) of the
 * DFT and MTP formation energies and energies above hull with 95 % intervals; 'analysis/hull-send-to-dft'
 * turns the near-hull entries into DFT jobs through the 'dft/export' service. Energies in meV/atom,
 * references μ in eV/atom, tolerance in eV/atom. Intervals: mean ± 1.96σ over members (σ with n − 1).
 * Spread into the request and event maps.
 */
import { z } from 'zod'
import { column } from './columns.js'
import { configurationFilter, dataRequests } from './data.js'
import { hullColumnsResult, hullRequest } from './analysis.js'
import { forceFieldChoice } from './ev-elastic.js'
import type { RequestSpec } from './requests.js'

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({ doc, input, output })

const computeId = z.string().min(1).max(100)
const ids = z.array(z.number().int())

export const hullCompareRequest = hullRequest
  .extend({
    /** Chosen by the client so it can follow progress and cancel before the reply; default generated. */
    computeId: computeId.optional(),
    /** μ in eV/atom given to every member; default: each member's own lowest pure entry. */
    mtpReferences: hullRequest.shape.references,
    potentials: forceFieldChoice,
    relax: z.enum(['none', 'ions', 'full']).default('none'),
    /** Configurations WITHOUT a reference energy matching this filter join as MTP-only entries. */
    candidates: configurationFilter.optional(),
  })
  .strict()

const hullShape = z.object({ vertices: hullColumnsResult.shape.vertices, facets: hullColumnsResult.shape.facets })

export const hullCompareResult = z.object({
  computeId: z.string(),
  elements: z.array(z.string()),
  /** eV/atom. */
  tolerance: z.number(),
  relax: z.enum(['none', 'ions', 'full']),
  /** One row per entry, in ascending configuration id. */
  rows: z.number().int().nonnegative(),
  members: z.array(z.object({ label: z.string(), references: z.array(z.object({ element: z.string(), mu: z.number(), entryId: z.number().int().nullable() })) })),
  /** μ of the DFT hull (as 'analysis/hull'); empty when no entry has a reference energy. */
  dftReferences: hullColumnsResult.shape.references,
  formulas: z.array(z.string()),
  /** NaN where a value does not exist (no DFT energy; a member could not evaluate the entry). */
  columns: z.object({
    /** i32: configuration id. */
    id: column('i32'),
    natoms: column('i32'),
    /** i32: index into `formulas`. */
    formula: column('i32'),
    /** f64, rows × elements: fractions in `elements` order. */
    composition: column('f64'),
    /** u8: 1 when the configuration has a reference (DFT) energy. */
    hasDft: column('u8'),
    /** u8: 1 when a DFT job exists for it that has not failed (interrupted jobs count: they are rerun). */
    inDftJob: column('u8'),
    /** f64 meV/atom. */
    dftFormationMeV: column('f64'),
    /** f64 meV/atom. */
    dftEAboveHullMeV: column('f64'),
    dftStable: column('u8'),
    /** f64 meV/atom: mean over members, each against its own references. */
    mtpFormationMeV: column('f64'),
    /** f64 meV/atom: sample σ over members (0 for one member). */
    mtpFormationStdMeV: column('f64'),
    /** f64 meV/atom: mean − 1.96σ. */
    mtpFormationLo95MeV: column('f64'),
    /** f64 meV/atom: mean + 1.96σ. */
    mtpFormationHi95MeV: column('f64'),
    /** f64 meV/atom: above the hull of the mean formation energies. */
    mtpEAboveHullMeV: column('f64'),
    /** f64 meV/atom: members' own energies above their hulls, mean − 1.96σ, clamped at 0. */
    mtpEAboveHullLo95MeV: column('f64'),
    /** f64 meV/atom: members' own energies above their hulls, mean + 1.96σ. */
    mtpEAboveHullHi95MeV: column('f64'),
    /** u8: 1 on the hull of the mean formation energies. */
    mtpStable: column('u8'),
    /** u8: members that have the entry on their own hull. */
    mtpStableMembers: column('u8'),
  }),
  dftHull: hullShape,
  mtpHull: hullShape,
  summary: z.object({
    /** Entries with both a DFT and an MTP formation energy. */
    compared: z.number().int(),
    /** meV/atom, MTP mean vs DFT formation energy (null when nothing is compared). */
    rmseMeV: z.number().nullable(),
    maeMeV: z.number().nullable(),
    maxAbsMeV: z.number().nullable(),
    /** meV/atom: mean of MTP − DFT. */
    biasMeV: z.number().nullable(),
    /** meV/atom: each member's own formation energies vs DFT, over the same entries. */
    memberRmseMeV: z.array(z.number().nullable()),
    /** Configuration ids, by composition. */
    dftStable: ids,
    mtpStable: ids,
    /** DFT-stable entries not on the MTP hull. */
    missedByMtp: ids,
    /** Entries with DFT on the MTP hull that are not DFT-stable. */
    extraInMtp: ids,
    /** Entries without DFT on the MTP hull. */
    candidatesOnMtpHull: ids,
    /** Entries some member could not evaluate (relaxation not converged). */
    unevaluated: z.number().int(),
  }),
  skipped: z.number().int(),
  warnings: z.array(z.string()),
})

export type HullCompareInput = z.input<typeof hullCompareRequest>
export type HullCompareRequest = z.output<typeof hullCompareRequest>
export type HullCompareView = z.infer<typeof hullCompareResult>

/** The 'dft/export' options other than the configurations. */
const dftExportInput = dataRequests['dft/export'].input
export const sendExportOptions = dftExportInput.omit({ filter: true }).strict()

export const hullSendRequest = z
  .object({
    /** A compare finished in this app session (the last few are kept). */
    computeId: computeId.optional(),
    /** Or compute afresh. */
    compare: hullCompareRequest.optional(),
    /** meV/atom: an entry qualifies when the lower end of its MTP energy-above-hull interval is within it. */
    thresholdMeV: z.number().nonnegative().max(10_000),
    includeWithDft: z.boolean().default(false),
    includeInDftJobs: z.boolean().default(false),
    /** Keep the N lowest (lower end of the interval, then mean, then id). */
    maxCount: z.number().int().positive().max(100_000).optional(),
    /** Only say what would be sent. */
    preview: z.boolean().default(false),
    export: sendExportOptions.optional(),
  })
  .strict()
  .refine((r) => (r.computeId === undefined) !== (r.compare === undefined), 'give exactly one of computeId or compare')
  .refine((r) => r.preview || r.export !== undefined, 'export options (code, out, …) are needed unless preview is set')

export const hullSendResult = z.object({
  preview: z.boolean(),
  thresholdMeV: z.number(),
  chosen: z.array(
    z.object({
      id: z.number().int(),
      formula: z.string(),
      composition: z.array(z.number()),
      mtpFormationMeV: z.number(),
      mtpEAboveHullMeV: z.number(),
      mtpEAboveHullLo95MeV: z.number(),
      mtpEAboveHullHi95MeV: z.number(),
      reason: z.string(),
    }),
  ),
  /** Entries within the threshold before the filters and the cap. */
  qualifying: z.number().int(),
  skipped: z.object({ withDft: z.number().int(), inDftJob: z.number().int(), overCap: z.number().int() }),
  batch: z.string().nullable(),
  folder: z.string().nullable(),
  jobIds: z.array(z.number().int()),
})

export type HullSendInput = z.input<typeof hullSendRequest>
export type HullSendView = z.infer<typeof hullSendResult>

export const hullCompareRequests = {
  'analysis/hull-compare': request(
    'DFT vs MTP hull: every entry evaluated by each member (optionally relaxed); formation energies and energy above hull (meV/atom) with 95 % intervals, stable sets, RMSE.',
    hullCompareRequest,
    hullCompareResult,
  ),
  'analysis/hull-compare-cancel': request(
    'Cancels a running hull comparison (its engine job and the members after it; the compare then fails with code \'cancelled\'); false when none runs under that id.',
    z.object({ computeId }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  'analysis/hull-send-to-dft': request(
    'Near-hull entries (lower end of the MTP e-above-hull interval ≤ threshold, meV/atom) as DFT jobs via dft/export; preview writes nothing.',
    hullSendRequest,
    hullSendResult,
  ),
} as const

export const hullCompareEvents = {
  /** Progress of a hull comparison; the engine job's own progress is in jobs:progress. */
  'analysis:hull-compare-progress': z.object({
    computeId: z.string(),
    stage: z.enum(['reading', 'evaluating', 'hull', 'done']),
    /** 0-based member being evaluated, or null. */
    member: z.number().int().nullable(),
    members: z.number().int(),
    done: z.number().int(),
    total: z.number().int(),
    message: z.string(),
    jobId: z.string().nullable(),
  }),
} as const
