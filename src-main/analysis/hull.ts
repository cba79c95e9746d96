/**
 * The hull as one object per entry (the CLI's `hull --json`, file-based hulls): the columnar
 * computation of hull-columns.ts, with each row given back its id and source. See hull-columns.ts
 * for the equations.
 */
import { computeHullColumns, type HullOptions } from './hull-columns.js'

export { DEFAULT_HULL_TOLERANCE, formulaOfCounts, type HullOptions } from './hull-columns.js'

export interface HullSource {
  file: string | null
  frame: number | null
  label: string | null
}

export interface HullInputEntry {
  /** Configuration id in a project, or 'file:frame' for a file. */
  id: number | string
  /** Atoms of each element in the cell. */
  counts: Record<string, number>
  /** Total energy of the cell, eV (or, for mixing-energy data, N × E_mix with μ_s = 0). */
  energy: number
  source: HullSource
  /** Which DFT energy (VASP 'free' vs 'sigma0', …) when known: mixing kinds is warned about. */
  energyKind?: string | null
}

export interface HullReference {
  element: string
  /** eV/atom. */
  mu: number
  origin: 'lowest-pure' | 'given'
  /** The pure entry μ came from, for 'lowest-pure'. */
  entryId: number | string | null
}

export interface HullEntry {
  id: number | string
  natoms: number
  formula: string
  /** Fractions in `elements` order. */
  composition: number[]
  energyPerAtom: number
  formationEnergyMeV: number
  eAboveHullMeV: number
  stable: boolean
  /** The lowest entry at its composition (only these can be on the hull). */
  lowestAtComposition: boolean
  source: HullSource
}

export interface HullVertex {
  composition: number[]
  formationEnergyMeV: number
  /** The stable entry at this vertex, or null for a reference point with no entry. */
  entryId: number | string | null
}

export interface HullResult {
  elements: string[]
  references: HullReference[]
  /** eV/atom. */
  tolerance: number
  entries: HullEntry[]
  /** Ids of the stable entries, by composition (first element's fraction descending, …). */
  stable: (number | string)[]
  /** Points on the hull (stable compositions and references), for drawing. */
  vertices: HullVertex[]
  /** Lower facets as indices into `vertices` (segments for binaries, triangles for ternaries, n-simplices beyond). */
  facets: number[][]
  /** Entries left out (elements outside `elements`, no atoms). */
  skipped: number
  /** Things the user should know (mixed energy kinds, missing facets). */
  warnings: string[]
}

/** Groups entries by their element counts and runs the columnar computation. */
export function computeHull(input: readonly HullInputEntry[], opts: HullOptions = {}): HullResult {
  const groupIndex = new Map<string, number>()
  const groups: Record<string, number>[] = []
  const group = new Int32Array(input.length)
  const energy = new Float64Array(input.length)
  const kinds: string[] = []
  const kind = new Int32Array(input.length)
  input.forEach((e, i) => {
    const key = Object.keys(e.counts)
      .sort()
      .map((el) => `${el}:${e.counts[el]}`)
      .join(',')
    let g = groupIndex.get(key)
    if (g === undefined) {
      g = groups.length
      groupIndex.set(key, g)
      groups.push(e.counts)
    }
    group[i] = g
    energy[i] = e.energy
    kind[i] = e.energyKind ? kinds.indexOf(e.energyKind) : -1
    if (e.energyKind && kind[i] < 0) kind[i] = kinds.push(e.energyKind) - 1
  })
  const h = computeHullColumns({ groups, group, energy, kind, kinds }, opts)
  const n = h.elements.length
  const entries: HullEntry[] = Array.from({ length: h.rows }, (_, r) => {
    const e = input[h.entry[r]]
    return {
      id: e.id,
      natoms: h.natoms[r],
      formula: h.formulas[h.formula[r]],
      composition: Array.from(h.composition.subarray(r * n, r * n + n)),
      energyPerAtom: h.energyPerAtom[r],
      formationEnergyMeV: h.formationEnergyMeV[r],
      eAboveHullMeV: h.eAboveHullMeV[r],
      stable: h.stable[r] === 1,
      lowestAtComposition: h.lowest[r] === 1,
      source: e.source,
    }
  })
  return {
    elements: h.elements,
    references: h.references.map((r) => ({ element: r.element, mu: r.mu, origin: r.origin, entryId: r.entry === null ? null : input[r.entry].id })),
    tolerance: h.tolerance,
    entries,
    stable: Array.from(h.stableRows, (r) => entries[r].id),
    vertices: h.vertices.map((v) => ({ composition: v.composition, formationEnergyMeV: v.formationEnergyMeV, entryId: v.row === null ? null : entries[v.row].id })),
    facets: h.facets,
    skipped: h.skipped,
    warnings: h.warnings,
  }
}
