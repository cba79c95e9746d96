import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { insertConfigurations } from '../../../../src-main/db/repositories/configurations'
import { emptyStructure } from '../../../../src-main/io/types'

function structure(species: string[], energy: number) {
  const s = emptyStructure(species.length, { file: 'a', frame: 0, parser: 'cfg', code: null, settings: {}, label: null })
  s.species = species
  s.energy = energy
  return s
}

describe('migration 3 (project data)', () => {
  it('upgrades a schema-2 file: element masks back-filled, energy per atom computed, indexes present', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, { target: 2 })
    // 'S' and 'Si' must not be confused, nor 'C' and 'Cu'.
    insertConfigurations(db, [structure(['Si', 'Si'], -10), structure(['S', 'Cu'], -6), structure(['C', 'Si', 'S'], -9)])
    expect(migrate(db, migrations, { target: 3 })).toEqual([3])
    expect(db.prepare('SELECT element FROM species ORDER BY type_index').pluck().all()).toEqual(['Si', 'S', 'Cu', 'C'])
    expect(db.prepare('SELECT element_mask, energy_per_atom FROM configurations ORDER BY id').all()).toEqual([
      { element_mask: 0b0001, energy_per_atom: -5 },
      { element_mask: 0b0110, energy_per_atom: -3 },
      { element_mask: 0b1011, energy_per_atom: -3 },
    ])
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'configurations'").pluck().all()
    expect(indexes).toEqual(expect.arrayContaining(['configurations_mask', 'configurations_source_id', 'configurations_quarantined', 'configurations_energy', 'configurations_key']))
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM configurations WHERE element_mask = 3 AND id > 10 ORDER BY id LIMIT 100").all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join()).toMatch(/USING COVERING INDEX configurations_mask/)
    const offsetPlan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM configurations INDEXED BY configurations_id WHERE id > 0 ORDER BY id LIMIT 100 OFFSET 500000').all() as { detail: string }[]
    expect(offsetPlan.map((p) => p.detail).join()).toMatch(/COVERING INDEX configurations_id/)
  })
})
