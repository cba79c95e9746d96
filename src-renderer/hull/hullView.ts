/**
 * From the core's columnar hull reply to what the hull page uses: typed columns decoded once
 * (energies stay in meV/atom as the core reports them), the text of a source fetched for a row,
 * the stable formulas, and the inputs of the binary and ternary plot builders.
 */
import { decodeColumn, type RequestOutput } from '../../src-main/contract'
import type { BinaryHullInput, HullPoints } from '../charts/options/hullBinary'
import type { ThinningGrid } from '../charts/options/hullSeries'
import type { TernaryHullInput } from '../charts/options/hullTernary'

export type HullReply = RequestOutput<'analysis/hull'>
export type HullSource = RequestOutput<'analysis/hull-sources'>[number]

export interface HullData extends HullPoints {
  elements: string[]
  references: HullReply['references']
  natoms: Int32Array
  /** Index into `formulas`. */
  formula: Int32Array
  formulas: string[]
  /** Configuration ids of the stable entries, by composition. */
  stableIds: number[]
  vertices: HullReply['vertices']
  facets: number[][]
  warnings: string[]
}

export function decodeHull(reply: HullReply): HullData {
  const rows = reply.rows
  const c = reply.columns
  const formula = decodeColumn(c.formula, 'i32', rows)
  const { natoms, composition } = perEntry(formula, reply)
  return {
    elements: reply.elements,
    references: reply.references,
    count: rows,
    dimensions: reply.elements.length,
    id: decodeColumn(c.id, 'i32', rows),
    natoms,
    formula,
    formulas: reply.formulas,
    composition,
    formationEnergy: decodeColumn(c.formationEnergyMeV, 'f64', rows),
    eAboveHull: decodeColumn(c.eAboveHullMeV, 'f64', rows),
    stable: decodeColumn(c.stable, 'u8', rows),
    stableIds: reply.stable,
    vertices: reply.vertices,
    facets: reply.facets,
    warnings: reply.warnings,
  }
}

/** Atoms and fractions (rows × elements, row-major) of each entry, from its formula's. */
function perEntry(formula: Int32Array, reply: HullReply): { natoms: Int32Array; composition: Float64Array } {
  const n = reply.elements.length
  const fractions = new Float64Array(reply.formulaFractions.length * n)
  reply.formulaFractions.forEach((f, k) => {
    if (f.length !== n) throw new Error(`formula ${reply.formulas[k]} has ${f.length} fractions for ${n} elements`)
    fractions.set(f, k * n)
  })
  const atoms = Int32Array.from(reply.formulaAtoms)
  const natoms = new Int32Array(formula.length)
  const composition = new Float64Array(formula.length * n)
  for (let r = 0; r < formula.length; r++) {
    const k = formula[r]
    if (!(k >= 0 && k < atoms.length)) throw new Error(`entry ${r} names formula ${k} of ${atoms.length}`)
    natoms[r] = atoms[k]
    for (let s = 0; s < n; s++) composition[r * n + s] = fractions[k * n + s]
  }
  return { natoms, composition }
}

/** 'AgAu.extxyz #4 (4-6-7)': the file name only (the folder is the same for a whole import), frame, label. */
export function sourceText(s: HullSource | undefined): string {
  if (!s) return ''
  if (!s.file) return s.label ?? ''
  const name = s.file.split(/[\\/]/).pop() ?? s.file
  const where = s.frame === null ? name : `${name} #${s.frame}`
  return s.label ? `${where} (${s.label})` : where
}

/** Row of each configuration id. */
export function rowsById(d: HullData): Map<number, number> {
  const map = new Map<number, number>()
  for (let r = 0; r < d.count; r++) map.set(d.id[r], r)
  return map
}

/** The stable entries' formulas in the core's order (by composition), for the summary line. */
export function stableFormulas(d: HullData): string[] {
  // A scan of the stable column: no map of all 10^5 ids for a handful of entries.
  const byId = new Map<number, string>()
  for (let r = 0; r < d.count; r++) if (d.stable[r]) byId.set(d.id[r], d.formulas[d.formula[r]])
  return d.stableIds.map((id) => byId.get(id) ?? String(id))
}

export function binaryInput(d: HullData, grid?: ThinningGrid): BinaryHullInput {
  if (d.elements.length !== 2) throw new Error(`a binary hull needs 2 elements, got ${d.elements.length}`)
  return {
    elements: [d.elements[0], d.elements[1]],
    points: d,
    hull: d.vertices.map((v) => [v.composition[1], v.formationEnergyMeV] as const),
    grid,
  }
}

export function ternaryInput(d: HullData, grid?: ThinningGrid): TernaryHullInput {
  if (d.elements.length !== 3) throw new Error(`a ternary hull needs 3 elements, got ${d.elements.length}`)
  return {
    elements: [d.elements[0], d.elements[1], d.elements[2]],
    points: d,
    vertices: d.vertices.map((v) => v.composition),
    facets: d.facets,
    grid,
  }
}
