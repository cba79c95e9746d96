/**
 * The DFT-vs-MTP hull ('analysis/hull-compare') as the hull page uses it: typed columns decoded
 * once (meV/atom as the core reports them, NaN where a value does not exist), the table rows of
 * one page, the CSV with every column, and the summary's stable-set agreement.
 */
import { decodeColumn, type RequestOutput } from '../../src-main/contract'
import { csvField } from './hullTable'

export type CompareReply = RequestOutput<'analysis/hull-compare'>

export interface CompareData {
  elements: string[]
  count: number
  dimensions: number
  members: number
  relax: CompareReply['relax']
  id: Int32Array
  formula: Int32Array
  formulas: string[]
  /** count × dimensions, row-major. */
  composition: Float64Array
  hasDft: Uint8Array
  inDftJob: Uint8Array
  dftFormation: Float64Array
  dftEAboveHull: Float64Array
  dftStable: Uint8Array
  mtpFormation: Float64Array
  mtpFormationLo: Float64Array
  mtpFormationHi: Float64Array
  mtpEAboveHull: Float64Array
  mtpEAboveHullLo: Float64Array
  mtpEAboveHullHi: Float64Array
  mtpStable: Uint8Array
  mtpStableMembers: Uint8Array
  dftHull: CompareReply['dftHull']
  mtpHull: CompareReply['mtpHull']
  summary: CompareReply['summary']
  warnings: string[]
}

export function decodeCompare(reply: CompareReply): CompareData {
  const n = reply.rows
  const c = reply.columns
  const f64 = (text: string) => decodeColumn(text, 'f64', n)
  const u8 = (text: string) => decodeColumn(text, 'u8', n)
  return {
    elements: reply.elements,
    count: n,
    dimensions: reply.elements.length,
    members: reply.members.length,
    relax: reply.relax,
    id: decodeColumn(c.id, 'i32', n),
    formula: decodeColumn(c.formula, 'i32', n),
    formulas: reply.formulas,
    composition: decodeColumn(c.composition, 'f64', n * reply.elements.length),
    hasDft: u8(c.hasDft),
    inDftJob: u8(c.inDftJob),
    dftFormation: f64(c.dftFormationMeV),
    dftEAboveHull: f64(c.dftEAboveHullMeV),
    dftStable: u8(c.dftStable),
    mtpFormation: f64(c.mtpFormationMeV),
    mtpFormationLo: f64(c.mtpFormationLo95MeV),
    mtpFormationHi: f64(c.mtpFormationHi95MeV),
    mtpEAboveHull: f64(c.mtpEAboveHullMeV),
    mtpEAboveHullLo: f64(c.mtpEAboveHullLo95MeV),
    mtpEAboveHullHi: f64(c.mtpEAboveHullHi95MeV),
    mtpStable: u8(c.mtpStable),
    mtpStableMembers: u8(c.mtpStableMembers),
    dftHull: reply.dftHull,
    mtpHull: reply.mtpHull,
    summary: reply.summary,
    warnings: reply.warnings,
  }
}

export interface CompareRow {
  id: number
  formula: string
  fractions: number[]
  /** meV/atom; NaN without a DFT energy. */
  dftFormation: number
  dftEAboveHull: number
  dftStable: boolean
  mtpFormation: number
  /** Half-width of the 95 % interval of the MTP formation energy, meV/atom (0 for one member). */
  mtpFormationHalf: number
  mtpEAboveHull: number
  mtpEAboveHullLo: number
  mtpEAboveHullHi: number
  mtpStable: boolean
  /** DFT − MTP formation energy, meV/atom (NaN without both). */
  difference: number
  inDftJob: boolean
}

export function compareRow(d: CompareData, r: number): CompareRow {
  const n = d.dimensions
  return {
    id: d.id[r],
    formula: d.formulas[d.formula[r]],
    fractions: Array.from(d.composition.subarray(r * n, r * n + n)),
    dftFormation: d.dftFormation[r],
    dftEAboveHull: d.dftEAboveHull[r],
    dftStable: d.dftStable[r] === 1,
    mtpFormation: d.mtpFormation[r],
    mtpFormationHalf: (d.mtpFormationHi[r] - d.mtpFormationLo[r]) / 2,
    mtpEAboveHull: d.mtpEAboveHull[r],
    mtpEAboveHullLo: d.mtpEAboveHullLo[r],
    mtpEAboveHullHi: d.mtpEAboveHullHi[r],
    mtpStable: d.mtpStable[r] === 1,
    difference: d.dftFormation[r] - d.mtpFormation[r],
    inDftJob: d.inDftJob[r] === 1,
  }
}

export type CompareSortKey = 'mtpEAboveHull' | 'dftEAboveHull' | 'difference' | 'id'

/** Row indices in table order, NaN last whatever the direction, ties by id. */
export function sortCompareOrder(d: CompareData, key: CompareSortKey, descending: boolean): Int32Array {
  const value = (r: number): number =>
    key === 'id' ? d.id[r] : key === 'mtpEAboveHull' ? d.mtpEAboveHull[r] : key === 'dftEAboveHull' ? d.dftEAboveHull[r] : Math.abs(d.dftFormation[r] - d.mtpFormation[r])
  const v = Float64Array.from({ length: d.count }, (_, r) => value(r))
  const sign = descending ? -1 : 1
  return Int32Array.from({ length: d.count }, (_, r) => r).sort((a, b) => {
    const na = Number.isNaN(v[a])
    const nb = Number.isNaN(v[b])
    if (na !== nb) return na ? 1 : -1
    return (na ? 0 : sign * (v[a] - v[b])) || d.id[a] - d.id[b]
  })
}

/** An energy for the CSV: 3 decimals, empty when it does not exist. */
const energy = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '')

/**
 * CSV of the comparison in the given order: composition, DFT formation energy and energy above
 * hull, MTP mean formation energy with its 95 % interval, MTP energy above hull with its interval,
 * DFT − MTP, both stable flags (all energies meV/atom, in the header). Lines end in CRLF.
 */
export function compareCsv(d: CompareData, order: ArrayLike<number>, sources: (id: number) => string): string {
  const header = [
    'id',
    'formula',
    ...d.elements.map((e) => `x_${e}`),
    'dft_formation_energy_meV_per_atom',
    'dft_e_above_hull_meV_per_atom',
    'dft_stable',
    'mtp_formation_energy_meV_per_atom',
    'mtp_formation_energy_lo95_meV_per_atom',
    'mtp_formation_energy_hi95_meV_per_atom',
    'mtp_e_above_hull_meV_per_atom',
    'mtp_e_above_hull_lo95_meV_per_atom',
    'mtp_e_above_hull_hi95_meV_per_atom',
    'mtp_stable',
    'dft_minus_mtp_meV_per_atom',
    'source',
  ]
  const lines = [header.join(',')]
  for (let k = 0; k < order.length; k++) {
    const r = order[k]
    const row = compareRow(d, r)
    lines.push(
      [
        row.id,
        row.formula,
        ...row.fractions.map((f) => f.toFixed(6)),
        energy(row.dftFormation),
        energy(row.dftEAboveHull),
        d.hasDft[r] ? row.dftStable : '',
        energy(row.mtpFormation),
        energy(d.mtpFormationLo[r]),
        energy(d.mtpFormationHi[r]),
        energy(row.mtpEAboveHull),
        energy(row.mtpEAboveHullLo),
        energy(row.mtpEAboveHullHi),
        row.mtpStable,
        energy(row.difference),
        sources(row.id),
      ]
        .map(csvField)
        .join(','),
    )
  }
  return lines.join('\r\n') + '\r\n'
}

/**
 * How far the stable sets agree over the entries with DFT energies: stable in both (DFT-stable
 * minus those the MTP misses), in either (DFT-stable plus the MTP's extra ones), and the ratio.
 * Candidates without DFT on the MTP hull are not part of it (the summary lists them apart).
 */
export function stableAgreement(s: CompareReply['summary']): { both: number; either: number; ratio: number } {
  const both = s.dftStable.length - s.missedByMtp.length
  const either = s.dftStable.length + s.extraInMtp.length
  return { both, either, ratio: either ? both / either : 1 }
}
