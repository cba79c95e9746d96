/**
 * Formation energies and the lower convex hull over composition, computed on columns: entries are
 * grouped by their cell's element counts (a project of 10^5 configurations has a few hundred
 * distinct formulas at most), so per-entry work is a few arithmetic operations into typed arrays and
 * everything composition-dependent (counts, formula, hull height) is done once per group.
 *
 *   E_f = [E − Σ_s n_s μ_s] / N        (eV/atom; reported in meV/atom)
 *
 * μ_s defaults to the lowest energy per atom of the pure-s entries; the caller may give them.
 * The references themselves are hull points at E_f = 0 (so a set without pure entries still has a
 * hull when μ is given). Only the lowest entry per reduced composition can be on the hull; its
 * height is found by linear programming (lower-envelope.ts), and the energy above hull of every
 * entry is E_f − E_hull(x). An entry within `tolerance` (eV/atom) of the hull counts as on it.
 */
import { hullFacets } from './hull-facets.js'
import { lowerEnvelopeAt, type EnvelopePoint } from './lower-envelope.js'

export const DEFAULT_HULL_TOLERANCE = 1e-9

export interface HullColumnsInput {
  /** Distinct cells' atoms per element (e.g. one per stored formula). */
  groups: readonly Readonly<Record<string, number>>[]
  /** Per entry: index into `groups`. */
  group: Int32Array
  /** Per entry: total energy of the cell, eV (NaN: left out). */
  energy: Float64Array
  /** Per entry: index into `kinds` (which DFT energy), or −1 when unknown. Mixed kinds are warned about. */
  kind?: Int32Array
  kinds?: readonly string[]
}

export interface HullOptions {
  /** Composition axes, in this order; default: every element present, sorted alphabetically. */
  elements?: readonly string[]
  /** μ_s in eV/atom; elements not given use the lowest pure entry. */
  references?: Readonly<Record<string, number>>
  /** eV/atom. */
  tolerance?: number
}

export interface HullColumnsReference {
  element: string
  /** eV/atom. */
  mu: number
  origin: 'lowest-pure' | 'given'
  /** Input index of the pure entry μ came from ('lowest-pure'). */
  entry: number | null
}

export interface HullColumnsVertex {
  composition: number[]
  formationEnergyMeV: number
  /** Row (index into the output columns) of the stable entry here, or null for a bare reference point. */
  row: number | null
}

/** One row per kept entry, in input order. */
export interface HullColumns {
  elements: string[]
  references: HullColumnsReference[]
  /** eV/atom. */
  tolerance: number
  rows: number
  /** Input index of each row. */
  entry: Int32Array
  natoms: Int32Array
  /** Index into `formulas`. */
  formula: Int32Array
  formulas: string[]
  /** Per formula: atoms in the cell, and fractions in `elements` order. */
  formulaAtoms: number[]
  formulaFractions: number[][]
  /** rows × elements, row-major: fractions summing to 1. */
  composition: Float64Array
  /** eV/atom. */
  energyPerAtom: Float64Array
  formationEnergyMeV: Float64Array
  /** ≥ 0. */
  eAboveHullMeV: Float64Array
  /** 1: on the hull (within the tolerance). */
  stable: Uint8Array
  /** 1: the lowest entry at its reduced composition (only these can be on the hull). */
  lowest: Uint8Array
  /** Rows of the stable entries, by composition (first element's fraction descending, …). */
  stableRows: Int32Array
  vertices: HullColumnsVertex[]
  /** Indices into `vertices`: segments (binary), triangles (ternary), n-simplices beyond. */
  facets: number[][]
  /** Entries left out (elements outside `elements`, no atoms, no finite energy). */
  skipped: number
  warnings: string[]
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

export function formulaOfCounts(counts: readonly number[], elements: readonly string[]): string {
  return elements.map((el, k) => (counts[k] ? `${el}${counts[k]}` : '')).join('')
}

/** Counts in `elements` order, or null when the group has other elements, no atoms or bad counts. */
function countsIn(group: Readonly<Record<string, number>>, elements: readonly string[]): number[] | null {
  for (const [el, n] of Object.entries(group)) if (n > 0 && !elements.includes(el)) return null
  const c = elements.map((el) => group[el] ?? 0)
  return c.some((n) => !Number.isInteger(n) || n < 0) || c.every((n) => n === 0) ? null : c
}

interface Group {
  counts: number[]
  natoms: number
  fractions: number[]
  /** Index into the reduced compositions. */
  reduced: number
  formula: number
}

const byComposition = (a: readonly number[], b: readonly number[]): number => {
  for (let s = 0; s < a.length; s++) if (a[s] !== b[s]) return b[s] - a[s]
  return 0
}

export function computeHullColumns(input: HullColumnsInput, opts: HullOptions = {}): HullColumns {
  const tolerance = opts.tolerance ?? DEFAULT_HULL_TOLERANCE
  const total = input.group.length
  const used = new Uint8Array(input.groups.length)
  for (let i = 0; i < total; i++) used[input.group[i]] = 1
  const present = Array.from(input.groups.keys())
    .filter((g) => used[g])
    .flatMap((g) => Object.keys(input.groups[g]).filter((el) => input.groups[g][el] > 0))
  const elements = [...(opts.elements ?? [...new Set(present)].sort())]
  if (elements.length < 1) throw new Error('no elements: nothing to build a hull from')
  if (new Set(elements).size !== elements.length) throw new Error(`repeated element in ${elements.join(',')}`)
  const n = elements.length

  const formulas: string[] = []
  const formulaAtoms: number[] = []
  const formulaFractions: number[][] = []
  const formulaIndex = new Map<string, number>()
  const reducedKeys = new Map<string, number>()
  const reducedFractions: number[][] = []
  const groups: (Group | null)[] = input.groups.map((g) => {
    const counts = countsIn(g, elements)
    if (!counts) return null
    const natoms = counts.reduce((a, b) => a + b, 0)
    const divisor = counts.reduce((a, b) => gcd(a, b))
    const key = counts.map((v) => v / divisor).join(':')
    let reduced = reducedKeys.get(key)
    if (reduced === undefined) {
      reduced = reducedFractions.length
      reducedKeys.set(key, reduced)
      reducedFractions.push(counts.map((v) => v / natoms))
    }
    const text = formulaOfCounts(counts, elements)
    let formula = formulaIndex.get(text)
    if (formula === undefined) {
      formula = formulas.length
      formulaIndex.set(text, formula)
      formulas.push(text)
      formulaAtoms.push(natoms)
      formulaFractions.push(counts.map((v) => v / natoms))
    }
    return { counts, natoms, fractions: counts.map((v) => v / natoms), reduced, formula }
  })

  // Per group as typed arrays, so the per-entry loops below touch no objects (10^5 entries).
  const groupAtoms = Int32Array.from(groups, (g) => (g ? g.natoms : 0))
  /** The element a group is pure in, or −1. */
  const groupPure = Int32Array.from(groups, (g) => (g ? g.counts.findIndex((c) => c === g.natoms) : -1))
  const entry = keptEntries(input.group, input.energy, groupAtoms)
  const rows = entry.length

  const references: HullColumnsReference[] = elements.map((el, s) => {
    const given = opts.references?.[el]
    if (given !== undefined) return { element: el, mu: given, origin: 'given', entry: null }
    const best = lowestPureRow(s, entry, input.group, input.energy, groupPure, groupAtoms)
    if (best < 0) throw new Error(`no pure ${el} entry with an energy: give its reference energy per atom`)
    return { element: el, mu: input.energy[entry[best]] / groupAtoms[input.group[entry[best]]], origin: 'lowest-pure', entry: entry[best] }
  })
  const mu = references.map((r) => r.mu)

  // Formation energies (eV/atom) and the lowest row per reduced composition (first one on ties).
  const perGroup: GroupColumns = {
    atoms: groupAtoms,
    mu: Float64Array.from(groups, (g) => (g ? g.counts.reduce((sum, ns, s) => sum + ns * mu[s], 0) : 0)),
    formula: Int32Array.from(groups, (g) => (g ? g.formula : -1)),
    reduced: Int32Array.from(groups, (g) => (g ? g.reduced : -1)),
    fractions: new Float64Array(groups.length * n),
  }
  groups.forEach((g, gi) => g?.fractions.forEach((f, s) => (perGroup.fractions[gi * n + s] = f)))
  const { natoms, formula, composition, energyPerAtom, ef, lowestRow } = formationColumns(entry, input.group, input.energy, perGroup, n, reducedFractions.length)
  const groupReduced = perGroup.reduced

  // LP columns: the n references (E_f = 0) first, then the lowest entry per composition.
  const points: EnvelopePoint[] = elements.map((_, s) => ({ composition: elements.map((__, k) => (k === s ? 1 : 0)), energy: 0 }))
  for (let k = 0; k < reducedFractions.length; k++) if (lowestRow[k] >= 0) points.push({ composition: reducedFractions[k], energy: ef[lowestRow[k]] })
  const height = reducedFractions.map((x, k) => (lowestRow[k] >= 0 ? lowerEnvelopeAt(points, x).energy : NaN))

  const lowest = new Uint8Array(rows)
  for (const r of lowestRow) if (r >= 0) lowest[r] = 1
  const { formationEnergyMeV, eAboveHullMeV, stable } = aboveHullColumns(entry, input.group, groupReduced, ef, Float64Array.from(height), lowest, tolerance)

  const rowComposition = (r: number) => Array.from(composition.subarray(r * n, r * n + n))
  const stableList: number[] = []
  for (let r = 0; r < rows; r++) if (stable[r]) stableList.push(r)
  stableList.sort((a, b) => byComposition(rowComposition(a), rowComposition(b)))

  const warnings: string[] = []
  if (input.kind && input.kinds) {
    const seen = new Set<number>()
    for (let r = 0; r < rows; r++) if (input.kind[entry[r]] >= 0) seen.add(input.kind[entry[r]])
    const kinds = [...seen].map((k) => input.kinds![k])
    if (kinds.length > 1) warnings.push(`energies of different kinds are mixed (${kinds.join(', ')}): formation energies compare unlike quantities`)
  }
  const vertices: HullColumnsVertex[] = stableList.map((r) => ({ composition: rowComposition(r), formationEnergyMeV: formationEnergyMeV[r], row: r }))
  elements.forEach((_, s) => {
    if (vertices.some((v) => v.composition[s] === 1)) return
    vertices.push({ composition: elements.map((__, k) => (k === s ? 1 : 0)), formationEnergyMeV: 0, row: null })
  })
  vertices.sort((a, b) => byComposition(a.composition, b.composition))
  const facets = hullFacets(vertices.map((v) => ({ composition: v.composition, energy: v.formationEnergyMeV / 1000 })), tolerance)
  if (n === 3 && vertices.length >= 3 && facets.length === 0) warnings.push(`too many hull vertices (${vertices.length}) to list the facets for drawing`)
  return {
    elements,
    references,
    tolerance,
    rows,
    entry,
    natoms,
    formula,
    formulas,
    formulaAtoms,
    formulaFractions,
    composition,
    energyPerAtom,
    formationEnergyMeV,
    eAboveHullMeV,
    stable,
    lowest,
    stableRows: Int32Array.from(stableList),
    vertices,
    facets,
    skipped: total - rows,
    warnings,
  }
}

/*
 * The per-entry loops (10^5 iterations) are small functions of typed arrays: inside one large
 * function V8 optimises each loop on its own (on-stack replacement) and then throws the code away
 * at the next loop it has not seen run, recompiling the whole function several times per call.
 */

/** Input indices of the entries with atoms in the chosen elements and a finite energy. */
function keptEntries(group: Int32Array, energy: Float64Array, groupAtoms: Int32Array): Int32Array {
  const kept = new Int32Array(group.length)
  let rows = 0
  for (let i = 0; i < group.length; i++) if (groupAtoms[group[i]] > 0 && Number.isFinite(energy[i])) kept[rows++] = i
  return kept.slice(0, rows)
}

/** Row of the lowest energy per atom among the entries pure in element s (first on ties), or −1. */
function lowestPureRow(s: number, entry: Int32Array, group: Int32Array, energy: Float64Array, groupPure: Int32Array, groupAtoms: Int32Array): number {
  let best = -1
  let bestPerAtom = Infinity
  for (let r = 0; r < entry.length; r++) {
    const gi = group[entry[r]]
    if (groupPure[gi] !== s) continue
    const perAtom = energy[entry[r]] / groupAtoms[gi]
    if (best < 0 || perAtom < bestPerAtom) {
      best = r
      bestPerAtom = perAtom
    }
  }
  return best
}

interface GroupColumns {
  atoms: Int32Array
  /** Σ_s n_s μ_s of the group's cell, eV. */
  mu: Float64Array
  formula: Int32Array
  reduced: Int32Array
  /** groups × elements, row-major. */
  fractions: Float64Array
}

function formationColumns(entry: Int32Array, group: Int32Array, energyOf: Float64Array, g: GroupColumns, n: number, reducedCount: number) {
  const rows = entry.length
  const natoms = new Int32Array(rows)
  const formula = new Int32Array(rows)
  const composition = new Float64Array(rows * n)
  const energyPerAtom = new Float64Array(rows)
  const ef = new Float64Array(rows)
  const lowestRow = new Int32Array(reducedCount).fill(-1)
  for (let r = 0; r < rows; r++) {
    const gi = group[entry[r]]
    const atoms = g.atoms[gi]
    const energy = energyOf[entry[r]]
    natoms[r] = atoms
    formula[r] = g.formula[gi]
    for (let s = 0; s < n; s++) composition[r * n + s] = g.fractions[gi * n + s]
    energyPerAtom[r] = energy / atoms
    ef[r] = (energy - g.mu[gi]) / atoms
    const reduced = g.reduced[gi]
    const j = lowestRow[reduced]
    if (j < 0 || ef[r] < ef[j]) lowestRow[reduced] = r
  }
  return { natoms, formula, composition, energyPerAtom, ef, lowestRow }
}

function aboveHullColumns(entry: Int32Array, group: Int32Array, groupReduced: Int32Array, ef: Float64Array, height: Float64Array, lowest: Uint8Array, tolerance: number) {
  const rows = entry.length
  const formationEnergyMeV = new Float64Array(rows)
  const eAboveHullMeV = new Float64Array(rows)
  const stable = new Uint8Array(rows)
  for (let r = 0; r < rows; r++) {
    // The entry's own column is feasible, so E_f − E_hull ≥ 0 up to round-off; clamp that to 0.
    const above = Math.max(0, ef[r] - height[groupReduced[group[entry[r]]]])
    formationEnergyMeV[r] = ef[r] * 1000
    eAboveHullMeV[r] = above * 1000
    stable[r] = lowest[r] && above <= tolerance ? 1 : 0
  }
  return { formationEnergyMeV, eAboveHullMeV, stable }
}
