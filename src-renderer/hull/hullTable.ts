/**
 * The energy-above-hull table: rows with composition and energies, stable-first or by any column,
 * and the CSV text of exactly what the table shows (energies in meV/atom, as on screen).
 */
export interface HullTableRow {
  id: number
  formula: string
  /** Composition fractions in the order of `HullTableModel.elements`. */
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

const compareBy: Record<HullSortKey, (a: HullTableRow, b: HullTableRow) => number> = {
  eAboveHull: (a, b) => a.eAboveHull - b.eAboveHull,
  formationEnergy: (a, b) => a.formationEnergy - b.formationEnergy,
  id: (a, b) => a.id - b.id,
  formula: (a, b) => a.formula.localeCompare(b.formula),
  // Lexicographic over the fractions of the 2nd, 3rd … element: runs along x for a binary.
  composition: (a, b) => {
    for (let k = a.fractions.length - 1; k >= 1; k--) {
      const d = a.fractions[k] - b.fractions[k]
      if (d !== 0) return d
    }
    return 0
  },
}

/** A sorted copy; ties are broken by id so the order is the same on every run. */
export function sortHullRows(rows: readonly HullTableRow[], sort: HullSort): HullTableRow[] {
  const compare = compareBy[sort.key]
  const sign = sort.descending ? -1 : 1
  return [...rows].sort((a, b) => sign * compare(a, b) || a.id - b.id)
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
