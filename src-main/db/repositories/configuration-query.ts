/**
 * Filtered, paged configuration lists at 10^6 rows. Pages are id-ordered and keyset-paged
 * (`after` = last id seen), so every page is an index range scan whatever its position.
 * Composition filters drive the query through the (formula, id) or (element_mask, id) index: one
 * range scan per matching formula or mask, merged by id here, because SQLite cannot merge an IN
 * list in id order itself and would sort every matching row instead.
 */
import type { Db } from '../connection.js'

export interface ConfigurationFilter {
  /** Exact formulas in species-map order, e.g. ['Mo54', 'Mo53']. */
  formulas?: string[]
  /** Contains every one of these elements. */
  elements?: string[]
  /** Contains no element outside this list. */
  onlyElements?: string[]
  sourceId?: number
  /** Source file path, or its base name. */
  source?: string
  tag?: string
  group?: string
  /** Energy per atom range, eV/atom, inclusive. */
  energyMin?: number
  energyMax?: number
  hasForces?: boolean
  hasVirial?: boolean
  quarantined?: boolean
  duplicate?: boolean
  dftJobId?: number
  ids?: number[]
}

export interface ConfigurationPageRow {
  id: number
  natoms: number
  formula: string
  energy: number | null
  energyPerAtom: number | null
  hasForces: boolean
  hasVirial: boolean
  sourceFile: string | null
  sourceFrame: number | null
  label: string | null
  quarantineReason: string | null
  duplicateOf: number | null
}

interface Where {
  sql: string[]
  params: unknown[]
  /** Column and values of the composition index, or null to let SQLite choose. */
  drive: { column: 'formula' | 'element_mask'; values: unknown[] } | null
  /** A filter that matches nothing (unknown element, tag, …). */
  empty: boolean
}

function speciesIndex(db: Db): Map<string, number> {
  const rows = db.prepare('SELECT element, type_index FROM species').all() as { element: string; type_index: number }[]
  return new Map(rows.map((r) => [r.element, r.type_index]))
}

/** Distinct element masks present, by a loose index scan (one index seek per distinct value). */
export function distinctMasks(db: Db): bigint[] {
  const next = db.prepare('SELECT element_mask AS m FROM configurations WHERE element_mask > ? ORDER BY element_mask LIMIT 1').safeIntegers(true)
  const out: bigint[] = []
  let last = -1n
  for (;;) {
    const r = next.get(last) as { m: bigint } | undefined
    if (!r) return out
    out.push(r.m)
    last = r.m
  }
}

function maskOf(index: Map<string, number>, elements: string[]): bigint | null {
  let m = 0n
  for (const el of elements) {
    const t = index.get(el)
    if (t === undefined) return null
    m |= 1n << BigInt(t)
  }
  return m
}

export function buildWhere(db: Db, f: ConfigurationFilter): Where {
  const w: Where = { sql: [], params: [], drive: null, empty: false }
  if (f.formulas?.length) w.drive = { column: 'formula', values: [...new Set(f.formulas)] }
  if (f.elements?.length || f.onlyElements?.length) {
    const index = speciesIndex(db)
    const need = f.elements?.length ? maskOf(index, f.elements) : 0n
    // Elements unknown to the project cannot occur, so they do not widen "only".
    const allow = f.onlyElements ? f.onlyElements.reduce((m, el) => (index.has(el) ? m | (1n << BigInt(index.get(el)!)) : m), 0n) : null
    if (need === null) w.empty = true
    else {
      const masks = distinctMasks(db).filter((m) => (m & need) === need && (allow === null || (m & ~allow) === 0n))
      if (masks.length === 0) w.empty = true
      if (w.drive) w.sql.push(`element_mask IN (${masks.map(() => '?').join(',') || 'NULL'})`), w.params.push(...masks)
      else w.drive = { column: 'element_mask', values: masks }
    }
  }
  if (f.sourceId !== undefined) w.sql.push('source_id = ?'), w.params.push(f.sourceId)
  if (f.source !== undefined) {
    w.sql.push("(source_file = ? OR source_file LIKE ? ESCAPE '\\')")
    w.params.push(f.source, `%/${f.source.replace(/[\\%_]/g, (c) => `\\${c}`)}`)
  }
  if (f.tag !== undefined) {
    const tag = db.prepare('SELECT id FROM tags WHERE name = ?').get(f.tag) as { id: number } | undefined
    if (!tag) w.empty = true
    else w.sql.push('id IN (SELECT configuration_id FROM configuration_tags WHERE tag_id = ?)'), w.params.push(tag.id)
  }
  if (f.group !== undefined) {
    const g = db.prepare('SELECT id FROM config_groups WHERE name = ?').get(f.group) as { id: number } | undefined
    if (!g) w.empty = true
    else w.sql.push('group_id = ?'), w.params.push(g.id)
  }
  if (f.energyMin !== undefined) w.sql.push('energy_per_atom >= ?'), w.params.push(f.energyMin)
  if (f.energyMax !== undefined) w.sql.push('energy_per_atom <= ?'), w.params.push(f.energyMax)
  if (f.hasForces !== undefined) w.sql.push(f.hasForces ? 'forces IS NOT NULL' : 'forces IS NULL')
  if (f.hasVirial !== undefined) w.sql.push(f.hasVirial ? 'virial IS NOT NULL' : 'virial IS NULL')
  if (f.quarantined !== undefined) w.sql.push(f.quarantined ? 'quarantine_reason IS NOT NULL' : 'quarantine_reason IS NULL')
  if (f.duplicate !== undefined) w.sql.push(f.duplicate ? 'duplicate_of IS NOT NULL' : 'duplicate_of IS NULL')
  if (f.dftJobId !== undefined) w.sql.push('dft_job_id = ?'), w.params.push(f.dftJobId)
  if (f.ids) {
    if (f.ids.length === 0) w.empty = true
    else w.sql.push(`id IN (SELECT value FROM json_each(?))`), w.params.push(JSON.stringify(f.ids))
  }
  return w
}

const ROW_COLUMNS = `id, natoms, formula, energy, energy_per_atom, forces IS NOT NULL AS has_forces, virial IS NOT NULL AS has_virial,
  source_file, source_frame, label, quarantine_reason, duplicate_of`

interface RawRow {
  id: number
  natoms: number
  formula: string
  energy: number | null
  energy_per_atom: number | null
  has_forces: number
  has_virial: number
  source_file: string | null
  source_frame: number | null
  label: string | null
  quarantine_reason: string | null
  duplicate_of: number | null
}

const toRow = (r: RawRow): ConfigurationPageRow => ({
  id: r.id,
  natoms: r.natoms,
  formula: r.formula,
  energy: r.energy,
  energyPerAtom: r.energy_per_atom,
  hasForces: r.has_forces === 1,
  hasVirial: r.has_virial === 1,
  sourceFile: r.source_file,
  sourceFrame: r.source_frame,
  label: r.label,
  quarantineReason: r.quarantine_reason,
  duplicateOf: r.duplicate_of,
})

/**
 * Ids matching the filter in increasing order, after `after`, at most `limit` (plus `offset`
 * skipped). With a composition filter, one index range scan per formula/mask, merged.
 */
export function selectIds(db: Db, f: ConfigurationFilter, page: { after?: number; offset?: number; limit: number }): number[] {
  const w = buildWhere(db, f)
  if (w.empty) return []
  const offset = page.offset ?? 0
  const conds = [...w.sql, 'id > ?']
  const params = [...w.params, page.after ?? 0]
  const values = w.drive ? w.drive.values : [undefined]
  const indexName = w.drive?.column === 'formula' ? 'configurations_formula' : 'configurations_mask'
  // Without any filter, OFFSET walks the ids-only index (migration 3) rather than the table.
  const plain = w.sql.length === 0 ? 'INDEXED BY configurations_id ' : ''
  const sql = w.drive
    ? `SELECT id FROM configurations INDEXED BY ${indexName} WHERE ${w.drive.column} = ? AND ${conds.join(' AND ')} ORDER BY id LIMIT ?`
    : `SELECT id FROM configurations ${plain}WHERE ${conds.join(' AND ')} ORDER BY id LIMIT ? OFFSET ?`
  const stmt = db.prepare(sql).pluck()
  if (!w.drive) return stmt.all(...params, page.limit, offset) as number[]
  const lists = values.map((v) => stmt.all(v, ...params, page.limit + offset) as number[])
  return mergeSorted(lists, offset, page.limit)
}

/** k-way merge of increasing id lists (disjoint: each id has one formula and one mask). */
function mergeSorted(lists: number[][], skip: number, limit: number): number[] {
  const pos = lists.map(() => 0)
  const out: number[] = []
  let skipped = 0
  while (out.length < limit) {
    let best = -1
    for (let k = 0; k < lists.length; k++) if (pos[k] < lists[k].length && (best < 0 || lists[k][pos[k]] < lists[best][pos[best]])) best = k
    if (best < 0) break
    const id = lists[best][pos[best]++]
    if (skipped < skip) skipped++
    else out.push(id)
  }
  return out
}

export function pageConfigurations(db: Db, f: ConfigurationFilter, page: { after?: number; offset?: number; limit: number }): ConfigurationPageRow[] {
  const ids = selectIds(db, f, page)
  if (ids.length === 0) return []
  const rows = db.prepare(`SELECT ${ROW_COLUMNS} FROM configurations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(ids)) as RawRow[]
  return rows.map(toRow)
}

export function countMatching(db: Db, f: ConfigurationFilter): number {
  const w = buildWhere(db, f)
  if (w.empty) return 0
  const where = w.sql.length ? w.sql.join(' AND ') : '1'
  if (!w.drive) return (db.prepare(`SELECT COUNT(*) FROM configurations WHERE ${where}`).pluck().get(...w.params) as number)
  const stmt = db.prepare(`SELECT COUNT(*) FROM configurations WHERE ${w.drive.column} = ? AND ${where}`).pluck()
  return w.drive.values.reduce<number>((n, v) => n + (stmt.get(v, ...w.params) as number), 0)
}

/** Every matching id, in id order, in batches (exporters, training-set snapshots). */
export function* iterateIds(db: Db, f: ConfigurationFilter, batch = 1000): Generator<number[]> {
  let after = 0
  for (;;) {
    const ids = selectIds(db, f, { after, limit: batch })
    if (ids.length === 0) return
    yield ids
    after = ids[ids.length - 1]
  }
}
