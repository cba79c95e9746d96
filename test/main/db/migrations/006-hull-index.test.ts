import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { HULL_SELECTION } from '../../../../src-main/analysis/hull-input'
import { projectHullColumns } from '../../../../src-main/analysis/hull-reply'
import { decodeColumn } from '../../../../src-main/contract/columns'

const insert = (db: Database.Database, id: number, formula: string, energy: number | null, extra: { quarantine?: string; override?: number; duplicateOf?: number } = {}) =>
  db
    .prepare(
      `INSERT INTO configurations (id, natoms, formula, cell, positions, types, energy, energy_kind, quarantine_reason, quarantine_override, duplicate_of, created_at)
       VALUES (?, ?, ?, zeroblob(72), zeroblob(?), zeroblob(?), ?, 'free', ?, ?, ?, '2026-11-21T00:00:00Z')`,
    )
    .run(id, 2, formula, 48, 8, energy, extra.quarantine ?? null, extra.override ?? 0, extra.duplicateOf ?? null)

describe('migration 6 (hull index)', () => {
  it('upgrades a schema-5 file; the hull reads its rows from the index only and selects the same rows', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations, { target: 5 })
    db.prepare(`INSERT INTO species (type_index, element) VALUES (0, 'Ag'), (1, 'Pd')`).run()
    insert(db, 1, 'Ag2', -5.0)
    insert(db, 2, 'Pd2', -7.0)
    insert(db, 3, 'Ag1Pd1', -6.2)
    insert(db, 4, 'Ag1Pd1', -6.5, { quarantine: 'not converged' })
    insert(db, 5, 'Ag1Pd1', -6.4, { quarantine: 'not converged', override: 1 })
    insert(db, 6, 'Ag1Pd1', -6.6, { duplicateOf: 3 })
    insert(db, 7, 'Ag1Pd1', null)
    expect(migrate(db, migrations, { target: 6 })).toEqual([6])

    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id, formula, energy, energy_kind FROM configurations WHERE ${HULL_SELECTION}`)
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join('; ')).toContain('USING COVERING INDEX configurations_hull')

    const hull = projectHullColumns(db)
    expect(Array.from(decodeColumn(hull.columns.id, 'i32', hull.rows))).toEqual([1, 2, 3, 5])
    // E_f(AgPd, id 5) = (−6.4 − (−2.5 − 3.5)) / 2 eV/atom = −0.2 eV/atom: the lowest at 50 %, on the hull.
    expect(hull.stable).toEqual([1, 5, 2])
    expect(decodeColumn(hull.columns.formationEnergyMeV, 'f64', hull.rows)[3]).toBeCloseTo(-200, 9)
  })
})
