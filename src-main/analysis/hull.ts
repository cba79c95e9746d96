/**
 * Formation energies and the lower convex hull over composition, for any number of elements
 * (binary: x ∈ [0, 1]; ternary: the composition triangle; more: the (n−1)-simplex).
 *
 *   E_f = [E − Σ_s n_s μ_s] / N        (eV/atom; reported in meV/atom)
 *
 * μ_s defaults to the lowest energy per atom of the pure-s entries; the caller may give them.
 * The references themselves are hull points at E_f = 0 (so a set without pure entries still has a
 * hull when μ is given). Only the lowest entry per composition can be on the hull; its height is
 * found by linear programming (lower-envelope.ts), and the energy above hull of every entry is
 * E_f − E_hull(x). An entry within `tolerance` (eV/atom, default 1e-9) of the hull counts as on it.
 */
import { hullFacets } from './hull-facets.js'
import { lowerEnvelopeAt, type EnvelopePoint } from './lower-envelope.js'

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

export interface HullOptions {
  /** Composition axes, in this order; default: every element present, sorted alphabetically. */
  elements?: readonly string[]
  /** μ_s in eV/atom; elements not given use the lowest pure entry. */
  references?: Readonly<Record<string, number>>
  /** eV/atom. */
  tolerance?: number
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

export const DEFAULT_HULL_TOLERANCE = 1e-9

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

export function formulaOfCounts(counts: readonly number[], elements: readonly string[]): string {
  return elements.map((el, k) => (counts[k] ? `${el}${counts[k]}` : '')).join('')
}

/** Drops entries with other elements; returns counts in `elements` order. */
function countsIn(e: HullInputEntry, elements: readonly string[]): number[] | null {
  for (const [el, n] of Object.entries(e.counts)) if (n > 0 && !elements.includes(el)) return null
  const c = elements.map((el) => e.counts[el] ?? 0)
  return c.some((n) => !Number.isInteger(n) || n < 0) || c.every((n) => n === 0) ? null : c
}

export function computeHull(input: readonly HullInputEntry[], opts: HullOptions = {}): HullResult {
  const tolerance = opts.tolerance ?? DEFAULT_HULL_TOLERANCE
  const elements = [...(opts.elements ?? [...new Set(input.flatMap((e) => Object.keys(e.counts).filter((el) => e.counts[el] > 0)))].sort())]
  if (elements.length < 1) throw new Error('no elements: nothing to build a hull from')
  if (new Set(elements).size !== elements.length) throw new Error(`repeated element in ${elements.join(',')}`)
  const n = elements.length

  const kept: { e: HullInputEntry; c: number[]; natoms: number; perAtom: number }[] = []
  let skipped = 0
  for (const e of input) {
    const c = countsIn(e, elements)
    if (!c || !Number.isFinite(e.energy)) {
      skipped++
      continue
    }
    const natoms = c.reduce((a, b) => a + b, 0)
    kept.push({ e, c, natoms, perAtom: e.energy / natoms })
  }

  const references: HullReference[] = elements.map((el, s) => {
    const given = opts.references?.[el]
    if (given !== undefined) return { element: el, mu: given, origin: 'given', entryId: null }
    let best: (typeof kept)[number] | null = null
    for (const k of kept) if (k.c[s] === k.natoms && (!best || k.perAtom < best.perAtom)) best = k
    if (!best) throw new Error(`no pure ${el} entry with an energy: give its reference energy per atom`)
    return { element: el, mu: best.perAtom, origin: 'lowest-pure', entryId: best.e.id }
  })

  // Formation energies (eV/atom) and the lowest entry per reduced composition.
  const ef = kept.map((k) => (k.e.energy - k.c.reduce((sum, ns, s) => sum + ns * references[s].mu, 0)) / k.natoms)
  const lowest = new Map<string, number>()
  kept.forEach((k, i) => {
    const g = k.c.reduce((a, b) => gcd(a, b))
    const key = k.c.map((v) => v / g).join(':')
    const j = lowest.get(key)
    if (j === undefined || ef[i] < ef[j]) lowest.set(key, i)
  })
  const lowestIdx = [...lowest.values()]
  const fractions = (c: number[], natoms: number) => c.map((v) => v / natoms)

  // LP columns: the n references (E_f = 0) first, then the lowest entry per composition.
  const points: EnvelopePoint[] = elements.map((_, s) => ({ composition: elements.map((__, k) => (k === s ? 1 : 0)), energy: 0 }))
  for (const i of lowestIdx) points.push({ composition: fractions(kept[i].c, kept[i].natoms), energy: ef[i] })
  const hullAt = new Map<string, number>()
  const isLowest = new Set(lowestIdx)

  const entries: HullEntry[] = kept.map((k, i) => {
    const x = fractions(k.c, k.natoms)
    const g = k.c.reduce((a, b) => gcd(a, b))
    const key = k.c.map((v) => v / g).join(':')
    let h = hullAt.get(key)
    if (h === undefined) {
      h = lowerEnvelopeAt(points, x).energy
      hullAt.set(key, h)
    }
    // The entry's own column is feasible, so E_f − E_hull ≥ 0 up to round-off; clamp that to 0.
    const above = Math.max(0, ef[i] - h)
    return {
      id: k.e.id,
      natoms: k.natoms,
      formula: formulaOfCounts(k.c, elements),
      composition: x,
      energyPerAtom: k.perAtom,
      formationEnergyMeV: ef[i] * 1000,
      eAboveHullMeV: above * 1000,
      stable: isLowest.has(i) && above <= tolerance,
      lowestAtComposition: isLowest.has(i),
      source: k.e.source,
    }
  })

  const byComposition = (a: { composition: number[] }, b: { composition: number[] }) => {
    for (let s = 0; s < n; s++) if (a.composition[s] !== b.composition[s]) return b.composition[s] - a.composition[s]
    return 0
  }
  const stableEntries = entries.filter((e) => e.stable).sort(byComposition)
  const warnings: string[] = []
  const kinds = [...new Set(kept.map((k) => k.e.energyKind).filter((k): k is string => !!k))]
  if (kinds.length > 1) warnings.push(`energies of different kinds are mixed (${kinds.join(', ')}): formation energies compare unlike quantities`)
  const vertices: HullVertex[] = stableEntries.map((e) => ({ composition: e.composition, formationEnergyMeV: e.formationEnergyMeV, entryId: e.id }))
  elements.forEach((_, s) => {
    if (vertices.some((v) => v.composition[s] === 1)) return
    vertices.push({ composition: elements.map((__, k) => (k === s ? 1 : 0)), formationEnergyMeV: 0, entryId: null })
  })
  vertices.sort(byComposition)
  const facets = hullFacets(vertices.map((v) => ({ composition: v.composition, energy: v.formationEnergyMeV / 1000 })), tolerance)
  if (n === 3 && vertices.length >= 3 && facets.length === 0) warnings.push(`too many hull vertices (${vertices.length}) to list the facets for drawing`)
  return {
    elements,
    references,
    tolerance,
    entries,
    stable: stableEntries.map((e) => e.id),
    vertices,
    facets,
    skipped,
    warnings,
  }
}
