/**
 * The 'analysis/hull' reply of a project: configurations read as columns (grouped by stored
 * formula), the columnar hull, and its columns encoded for the contract; and the sources of given
 * configurations, which the hull page fetches only for the table rows on screen and for a CSV export.
 * Same selection as hullEntriesFromProject: with an energy, not quarantined (unless overridden),
 * not a duplicate. Rows and replies are cached per database revision (revision-cache.ts): switching
 * between a binary and the ternary, or coming back to the page, costs no new read while nothing changed.
 */
import type { Db } from '../db/connection.js'
import type { HullColumnsView, HullSourceView } from '../contract/analysis.js'
import { encodeColumn } from './encode-columns.js'
import { computeHullColumns, type HullOptions } from './hull-columns.js'
import { countsOfFormula, HULL_SELECTION } from './hull-input.js'
import { RevisionCache } from './revision-cache.js'

/** Indices of distinct strings, in order of first appearance; null is −1. */
class StringTable {
  readonly values: string[] = []
  private readonly index = new Map<string, number>()

  add(value: string | null): number {
    if (value === null) return -1
    let i = this.index.get(value)
    if (i === undefined) {
      i = this.values.length
      this.index.set(value, i)
      this.values.push(value)
    }
    return i
  }
}

interface HullRows {
  ids: Int32Array
  group: Int32Array
  energy: Float64Array
  kind: Int32Array
  formulas: string[]
  kinds: string[]
}

/**
 * Reads id, energy, formula and energy kind of every selected configuration straight into typed
 * arrays. A SQL function called once per row does it: handing 10^5 rows to JavaScript as row
 * arrays costs 2–3× more (one array and its values allocated per row).
 */
function readHullRows(db: Db): HullRows {
  const formulas = new StringTable()
  const kinds = new StringTable()
  let n = 0
  let ids = new Int32Array(0)
  let groupAll = new Int32Array(0)
  let energyAll = new Float64Array(0)
  let kindAll = new Int32Array(0)
  db.function('mtp_hull_row', { directOnly: true }, (id: unknown, e: unknown, formula: unknown, energyKind: unknown) => {
    ids[n] = Number(id)
    energyAll[n] = Number(e)
    groupAll[n] = formulas.add(String(formula))
    kindAll[n] = kinds.add(energyKind === null ? null : String(energyKind))
    n++
    return 0
  })
  // One read transaction: the bound and the scan see the same snapshot.
  db.transaction(() => {
    // Ids are positive and unique, so the largest bounds the count (a b-tree lookup, where count(*) scans).
    const bound = (db.prepare('SELECT max(id) FROM configurations').pluck().get() as number | null) ?? 0
    ids = new Int32Array(bound)
    groupAll = new Int32Array(bound)
    energyAll = new Float64Array(bound)
    kindAll = new Int32Array(bound)
    db.prepare(`SELECT sum(mtp_hull_row(id, energy, formula, energy_kind)) FROM configurations WHERE ${HULL_SELECTION}`).get()
  })()
  const group = groupAll.subarray(0, n)
  const energy = energyAll.subarray(0, n)
  const kind = kindAll.subarray(0, n)
  // Ties (equal lowest energies) go to the first entry, so rows must be in id order whatever plan SQLite chose.
  let sorted = true
  for (let i = 1; i < n && sorted; i++) sorted = ids[i - 1] < ids[i]
  const idList = ids.subarray(0, n)
  if (!sorted) {
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => ids[a] - ids[b])
    const permute = <T extends Int32Array | Float64Array>(a: T): T => a.map((_, i) => a[order[i]]) as T
    return { ids: permute(idList), group: permute(group), energy: permute(energy), kind: permute(kind), formulas: formulas.values, kinds: kinds.values }
  }
  return { ids: idList, group, energy, kind, formulas: formulas.values, kinds: kinds.values }
}

const rowsCache = new RevisionCache<HullRows>(1)
/** A few element choices and reference sets (each reply of 10^5 rows holds ~6 MB of column text). */
const replyCache = new RevisionCache<HullColumnsView>(6)

export function projectHullColumns(db: Db, opts: HullOptions = {}): HullColumnsView {
  const key = JSON.stringify([opts.elements ?? null, opts.references ?? null, opts.tolerance ?? null])
  return replyCache.get(db, key, () => computeProjectHullColumns(db, opts))
}

function computeProjectHullColumns(db: Db, opts: HullOptions): HullColumnsView {
  const r = rowsCache.get(db, 'rows', () => readHullRows(db))
  if (r.ids.length === 0) throw new Error('the project has no configurations with energies')
  const h = computeHullColumns({ groups: r.formulas.map(countsOfFormula), group: r.group, energy: r.energy, kind: r.kind, kinds: r.kinds }, opts)
  const idOf = (row: number | null) => (row === null ? null : r.ids[h.entry[row]])
  const rowIds = new Int32Array(h.rows)
  for (let row = 0; row < h.rows; row++) rowIds[row] = r.ids[h.entry[row]]
  return {
    elements: h.elements,
    references: h.references.map((ref) => ({ element: ref.element, mu: ref.mu, origin: ref.origin, entryId: ref.entry === null ? null : r.ids[ref.entry] })),
    tolerance: h.tolerance,
    rows: h.rows,
    columns: {
      id: encodeColumn(rowIds),
      formula: encodeColumn(h.formula),
      formationEnergyMeV: encodeColumn(h.formationEnergyMeV),
      eAboveHullMeV: encodeColumn(h.eAboveHullMeV),
      stable: encodeColumn(h.stable),
    },
    formulas: h.formulas,
    formulaAtoms: h.formulaAtoms,
    formulaFractions: h.formulaFractions,
    stable: Array.from(h.stableRows, (row) => r.ids[h.entry[row]]),
    vertices: h.vertices.map((v) => ({ composition: v.composition, formationEnergyMeV: v.formationEnergyMeV, entryId: idOf(v.row) })),
    facets: h.facets,
    skipped: h.skipped,
    warnings: h.warnings,
  }
}

/** Source file, frame and label of the given configurations, in the order asked (unknown ids left out). */
export function configurationSources(db: Db, ids: readonly number[]): HullSourceView[] {
  const rows = db
    .prepare(`SELECT c.id AS id, c.source_file AS file, c.source_frame AS frame, c.label AS label FROM json_each(?) j JOIN configurations c ON c.id = j.value ORDER BY j.key`)
    .all(JSON.stringify(ids)) as HullSourceView[]
  return rows
}
