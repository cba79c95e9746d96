import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { ConfigurationWriter } from '../../../../src-main/db/repositories/configuration-store'
import { countMatching, distinctMasks, pageConfigurations, selectIds } from '../../../../src-main/db/repositories/configuration-query'
import { insertConfigurations } from '../../../../src-main/db/repositories/configurations'
import { tagConfigurations, setGroup } from '../../../../src-main/db/repositories/tags'
import { emptyStructure, type ParsedStructure } from '../../../../src-main/io/types'

function structure(species: string[], energy: number | null, file = 'a.cfg'): ParsedStructure {
  const s = emptyStructure(species.length, { file, frame: 0, parser: 'cfg', code: null, settings: {}, label: null })
  s.species = species
  s.cell = [[3, 0, 0], [0, 3, 0], [0, 0, 3]]
  s.positions = Float64Array.from({ length: 3 * species.length }, (_, i) => 0.3 * i)
  s.energy = energy
  if (energy !== null) s.forces = new Float64Array(3 * species.length)
  return s
}

/** 60 configurations cycling through Mo, Mo+Ta, Ta, Mo+Nb, energies −(1 + id/100) eV/atom. */
function fixture() {
  const db = new Database(':memory:')
  migrate(db, migrations)
  const kinds = [['Mo', 'Mo'], ['Mo', 'Ta'], ['Ta', 'Ta', 'Ta'], ['Mo', 'Nb']]
  const w = new ConfigurationWriter(db)
  db.transaction(() => {
    for (let k = 0; k < 60; k++) {
      const sp = kinds[k % 4]
      w.add(structure(sp, k % 5 === 0 ? null : -(1 + (k + 1) / 100) * sp.length, k < 30 ? '/d/first.cfg' : '/d/second.cfg'), { quarantineReason: k === 7 ? 'SCF not converged' : null })
    }
  })()
  return db
}

const all = (db: Database.Database, f: Parameters<typeof selectIds>[1]) => selectIds(db, f, { limit: 1000 })
const brute = (pred: (k: number) => boolean) => Array.from({ length: 60 }, (_, k) => k + 1).filter((id) => pred(id - 1))

describe('configuration queries', () => {
  it('filters by composition through the element mask and formula indexes', () => {
    const db = fixture()
    expect(distinctMasks(db).map(Number)).toEqual([1, 2, 3, 5])
    expect(all(db, { elements: ['Mo'] })).toEqual(brute((k) => k % 4 !== 2))
    expect(all(db, { elements: ['Mo', 'Ta'] })).toEqual(brute((k) => k % 4 === 1))
    expect(all(db, { onlyElements: ['Mo', 'Ta'] })).toEqual(brute((k) => k % 4 !== 3))
    expect(all(db, { onlyElements: ['Ta', 'W'] })).toEqual(brute((k) => k % 4 === 2))
    expect(all(db, { elements: ['W'] })).toEqual([])
    expect(all(db, { formulas: ['Mo2', 'Ta3'] })).toEqual(brute((k) => k % 2 === 0))
    expect(countMatching(db, { formulas: ['Mo2', 'Ta3'] })).toBe(30)
    expect(countMatching(db, { elements: ['Mo'], formulas: ['Mo1Ta1', 'Ta3'] })).toBe(15)
  })

  it('pages with keyset and offset in id order, merging several index ranges', () => {
    const db = fixture()
    const f = { elements: ['Mo'] }
    const want = all(db, f)
    const pages: number[] = []
    for (let after = 0; ; ) {
      const page = selectIds(db, f, { after, limit: 7 })
      if (!page.length) break
      pages.push(...page)
      after = page[page.length - 1]
    }
    expect(pages).toEqual(want)
    expect(selectIds(db, f, { offset: 10, limit: 5 })).toEqual(want.slice(10, 15))
    expect(selectIds(db, {}, { offset: 58, limit: 5 })).toEqual([59, 60])
  })

  it('filters by source, tag, group, energy per atom, forces and quarantine', () => {
    const db = fixture()
    expect(all(db, { source: 'second.cfg' })).toEqual(brute((k) => k >= 30))
    expect(all(db, { source: '/d/first.cfg' })).toEqual(brute((k) => k < 30))
    tagConfigurations(db, 'picked', [3, 9, 40])
    expect(all(db, { tag: 'picked' })).toEqual([3, 9, 40])
    expect(all(db, { tag: 'nothing' })).toEqual([])
    setGroup(db, 'Elastic', [5, 6])
    expect(all(db, { group: 'Elastic', elements: ['Ta'] })).toEqual([6])
    expect(all(db, { energyMin: -1.105, energyMax: -1.095 })).toEqual([10])
    expect(all(db, { hasForces: false })).toEqual(brute((k) => k % 5 === 0))
    expect(all(db, { quarantined: true })).toEqual([8])
    expect(countMatching(db, { quarantined: false, hasForces: true })).toBe(47)
    const [row] = pageConfigurations(db, { ids: [8] }, { limit: 10 })
    expect(row).toMatchObject({ id: 8, formula: 'Mo1Nb1', quarantineReason: 'SCF not converged', hasForces: true, hasVirial: false })
    expect(row.energyPerAtom).toBeCloseTo(-1.08, 12)
  })

  it('fills the element mask for rows inserted without it (the trigger)', () => {
    const db = fixture()
    const [id] = insertConfigurations(db, [structure(['Nb', 'Ta'], -2)])
    expect(db.prepare('SELECT element_mask FROM configurations WHERE id = ?').pluck().get(id)).toBe(0b110)
    expect(all(db, { elements: ['Nb', 'Ta'] })).toEqual([id])
  })
})
