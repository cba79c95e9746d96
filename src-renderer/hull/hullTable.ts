/**
 * The energy-above-hull table over the hull's columns: a sort order of row indices (stable-first or
 * by any column; no per-row objects for 10^5 entries), the rows of one visible page with their
 * fetched sources, and the CSV text of exactly what the table shows (energies in meV/atom).
 */
import { sourceText, type HullData, type HullSource } from './hullView'

export interface HullTableRow {
  id: number
  formula: string
  /** Composition fractions in the order of the hull's elements. */
  fractions: readonly number[]
  /** meV/atom. */
  formationEnergy: number
  /** meV/atom, ≥ 0. */
  eAboveHull: number
  stable: boolean
  source: string
}

export type HullSortKey = 'eAboveHull' | 'formationEnergy' | 'id' | 'formula' | 'composition'

export interface HullSort {
  key: HullSortKey
  descending: boolean
}

function comparator(d: HullData, key: HullSortKey): (a: number, b: number) => number {
  switch (key) {
    case 'eAboveHull':
      return (a, b) => d.eAboveHull[a] - d.eAboveHull[b]
    case 'formationEnergy':
      return (a, b) => d.formationEnergy[a] - d.formationEnergy[b]
    case 'id':
      return (a, b) => d.id[a] - d.id[b]
    case 'formula': {
      // Rank the few distinct formulas once instead of comparing strings 10^6 times.
      const order = d.formulas.map((_, i) => i).sort((a, b) => d.formulas[a].localeCompare(d.formulas[b]))
      const rank = new Int32Array(d.formulas.length)
      order.forEach((f, k) => (rank[f] = k))
      return (a, b) => rank[d.formula[a]] - rank[d.formula[b]]
    }
    case 'composition': {
      // Lexicographic over the fractions of the 2nd, 3rd … element: runs along x for a binary.
      const n = d.dimensions
      return (a, b) => {
        for (let k = n - 1; k >= 1; k--) {
          const diff = d.composition[a * n + k] - d.composition[b * n + k]
          if (diff !== 0) return diff
        }
        return 0
      }
    }
  }
}

/** Row indices in table order; ties are broken by id so the order is the same on every run. */
export function sortHullOrder(d: HullData, sort: HullSort): Int32Array {
  const compare = comparator(d, sort.key)
  const sign = sort.descending ? -1 : 1
  return Int32Array.from({ length: d.count }, (_, r) => r).sort((a, b) => sign * compare(a, b) || d.id[a] - d.id[b])
}

/** One table row; `source` as fetched from 'analysis/hull-sources' (empty until then). */
export function hullTableRow(d: HullData, row: number, source?: HullSource): HullTableRow {
  const n = d.dimensions
  return {
    id: d.id[row],
    formula: d.formulas[d.formula[row]],
    fractions: Array.from(d.composition.subarray(row * n, row * n + n)),
    formationEnergy: d.formationEnergy[row],
    eAboveHull: d.eAboveHull[row],
    stable: d.stable[row] === 1,
    source: sourceText(source),
  }
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(value: string | number | boolean): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * CSV of the rows in the given order: id, formula, one x_<element> column per element, formation
 * energy and energy above hull in meV/atom (units in the header), stable, source. Lines end in CRLF.
 */
export function hullCsv(elements: readonly string[], rows: readonly HullTableRow[]): string {
  const header = ['id', 'formula', ...elements.map((e) => `x_${e}`), 'formation_energy_meV_per_atom', 'e_above_hull_meV_per_atom', 'stable', 'source']
  const lines = [header.join(',')]
  for (const r of rows) {
    lines.push(
      [r.id, r.formula, ...r.fractions.map((f) => f.toFixed(6)), r.formationEnergy.toFixed(3), r.eAboveHull.toFixed(3), r.stable, r.source].map(csvField).join(','),
    )
  }
  return lines.join('\r\n') + '\r\n'
}
