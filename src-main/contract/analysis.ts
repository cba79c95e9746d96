/**
 * Requests of the 'analysis' domain. 'analysis/hull': formation energies and the lower convex hull
 * of the current project's configurations (energies in meV/atom, references μ in eV/atom,
 * compositions as fractions in `elements` order), as typed columns (columns.ts) with string tables,
 * so 10^5 entries cost a few MB and no per-entry checking. `hullResult` is the one-object-per-entry
 * form that `mtp-studio hull --json` prints. Spread into the request map.
 */
import { z } from 'zod'
import { column } from './columns.js'
import type { RequestSpec } from './requests.js'

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({ doc, input, output })

const entryId = z.union([z.number().int(), z.string()])
const element = z.string().min(1).max(3)

export const hullSource = z.object({ file: z.string().nullable(), frame: z.number().int().nullable(), label: z.string().nullable() })

export const hullEntry = z.object({
  id: entryId,
  natoms: z.number().int(),
  formula: z.string(),
  /** Fractions in `elements` order, summing to 1. */
  composition: z.array(z.number()),
  energyPerAtom: z.number(),
  formationEnergyMeV: z.number(),
  eAboveHullMeV: z.number(),
  stable: z.boolean(),
  lowestAtComposition: z.boolean(),
  source: hullSource,
})

export const hullResult = z.object({
  elements: z.array(z.string()),
  references: z.array(
    z.object({ element: z.string(), mu: z.number(), origin: z.enum(['lowest-pure', 'given']), entryId: entryId.nullable() }),
  ),
  /** eV/atom: entries this close to the hull count as on it. */
  tolerance: z.number(),
  entries: z.array(hullEntry),
  stable: z.array(entryId),
  vertices: z.array(z.object({ composition: z.array(z.number()), formationEnergyMeV: z.number(), entryId: entryId.nullable() })),
  /** Indices into `vertices`: segments (binary), triangles (ternary), n-vertex simplices beyond; empty (with a warning) when there are too many vertices to enumerate. */
  facets: z.array(z.array(z.number().int())),
  skipped: z.number().int(),
  warnings: z.array(z.string()),
})

export type HullEntryView = z.infer<typeof hullEntry>
export type HullResultView = z.infer<typeof hullResult>

/**
 * One row per configuration with an energy and only the chosen elements; decode each column with
 * `decodeColumn(text, type, rows)`. Formulas are indices into `formulas`, whose atom counts and
 * fractions are sent once per formula (a project has a few hundred formulas, not 10^5); sources
 * come from 'analysis/hull-sources' when shown.
 */
export const hullColumnsResult = z.object({
  elements: z.array(z.string()),
  references: hullResult.shape.references,
  /** eV/atom. */
  tolerance: z.number(),
  rows: z.number().int().nonnegative(),
  columns: z.object({
    /** i32: configuration id. */
    id: column('i32'),
    /** i32: index into `formulas` (and `formulaAtoms`, `formulaFractions`). */
    formula: column('i32'),
    /** f64: meV/atom. */
    formationEnergyMeV: column('f64'),
    /** f64: meV/atom, ≥ 0. */
    eAboveHullMeV: column('f64'),
    /** u8: 1 on the hull. */
    stable: column('u8'),
  }),
  formulas: z.array(z.string()),
  /** Per formula: atoms in the cell. */
  formulaAtoms: z.array(z.number().int().positive()),
  /** Per formula: fractions in `elements` order (an entry's composition is its formula's). */
  formulaFractions: z.array(z.array(z.number())),
  /** Configuration ids of the stable entries, by composition. */
  stable: z.array(z.number().int()),
  vertices: hullResult.shape.vertices,
  facets: hullResult.shape.facets,
  skipped: z.number().int(),
  warnings: z.array(z.string()),
})

export type HullColumnsView = z.infer<typeof hullColumnsResult>

export const hullSourceRow = hullSource.extend({ id: z.number().int() })
export type HullSourceView = z.infer<typeof hullSourceRow>

export const hullRequest = z
  .object({
    /** Composition axes (2 for a binary, 3 for the triangle); default: every element present. */
    elements: z.array(element).min(1).max(8).optional(),
    /** μ_s in eV/atom; missing elements use the lowest pure entry. */
    references: z.record(z.string(), z.number()).optional(),
    tolerance: z.number().positive().max(0.1).optional(),
  })
  .strict()

export const analysisRequests = {
  'analysis/hull': request(
    'Formation energies, energy above hull (meV/atom), stable set, hull vertices and facets of the project’s configurations with energies.',
    hullRequest,
    hullColumnsResult,
  ),
  'analysis/hull-sources': request(
    'Source file, frame and label of the given configurations (the hull table’s visible rows, or all of them for a CSV).',
    z.object({ ids: z.array(z.number().int().positive()).max(1_000_000) }).strict(),
    z.array(hullSourceRow),
  ),
} as const
