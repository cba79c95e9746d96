import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { emptyStructure, type ParsedStructure } from '../../../../src-main/io/types'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { countConfigurations, formulaOf, getConfiguration, insertConfigurations, listConfigurations } from '../../../../src-main/db/repositories/configurations'
import { speciesList } from '../../../../src-main/db/repositories/species'

function structure(species: string[], energy: number | null): ParsedStructure {
  const s = emptyStructure(species.length, { file: 'a.extxyz', frame: 3, parser: 'extxyz', code: 'VASP', settings: { ENCUT: 520 }, label: 'L' })
  s.species = species
  s.cell = [[4.09, 0, 0], [0, 4.09, 0], [0, 0, 4.09]]
  // Values that do not survive a decimal round trip, to check the BLOBs are bit-exact.
  s.positions = Float64Array.from({ length: 3 * species.length }, (_, i) => 0.1 * i + 1 / 3)
  s.energy = energy
  s.energyKind = 'free'
  s.forces = Float64Array.from({ length: 3 * species.length }, (_, i) => Math.PI * (i - 1))
  s.virial = Float64Array.of(1e-17, 2, 3, 4, 5, -6.000000000000001)
  s.features = { mlearn_group: 'Elastic' }
  return s
}

function db() {
  const d = new Database(':memory:')
  migrate(d, migrations)
  return d
}

describe('configurations repository', () => {
  it('stores and reads back every array bit-exactly with provenance', () => {
    const d = db()
    const s = structure(['Pd', 'Ag', 'Ag'], -7.123456789012345)
    const [id] = insertConfigurations(d, [s])
    const c = getConfiguration(d, id)!
    expect(c.species).toEqual(['Pd', 'Ag', 'Ag'])
    expect(Array.from(c.positions)).toEqual(Array.from(s.positions))
    expect(Array.from(c.forces!)).toEqual(Array.from(s.forces!))
    expect(Array.from(c.virial!)).toEqual(Array.from(s.virial!))
    expect(c.energy).toBe(-7.123456789012345)
    expect(c.cell).toEqual([[4.09, 0, 0], [0, 4.09, 0], [0, 0, 4.09]])
    expect(c).toMatchObject({ sourceFile: 'a.extxyz', sourceFrame: 3, parser: 'extxyz', dftCode: 'VASP', energyKind: 'free', label: 'L', features: { mlearn_group: 'Elastic' } })
  })

  it('extends the species map in order of first appearance and keeps it fixed', () => {
    const d = db()
    insertConfigurations(d, [structure(['Pd', 'Ag'], 1)])
    insertConfigurations(d, [structure(['Ag', 'Cu'], 2)])
    expect(speciesList(d)).toEqual(['Pd', 'Ag', 'Cu'])
    expect(listConfigurations(d, { offset: 0, limit: 10 }).map((r) => r.formula)).toEqual(['Pd1Ag1', 'Ag1Cu1'])
  })

  it('maps MLIP type indices to elements when a file has no symbols', () => {
    const d = db()
    const s = structure(['X', 'X'], null)
    s.species = null
    s.types = Int32Array.of(1, 0)
    insertConfigurations(d, [s], { typeElements: ['Mo', 'Nb'] })
    expect(getConfiguration(d, 1)!.species).toEqual(['Nb', 'Mo'])
  })

  it('lists pages, filters by formula and counts', () => {
    const d = db()
    insertConfigurations(d, [structure(['Ag'], 1), structure(['Ag', 'Pd'], 2), structure(['Ag'], null), structure(['Ag'], 4)])
    expect(countConfigurations(d)).toBe(4)
    expect(countConfigurations(d, { formula: 'Ag1' })).toBe(3)
    const page = listConfigurations(d, { offset: 1, limit: 2, formula: 'Ag1' })
    expect(page.map((r) => [r.id, r.energy, r.hasForces, r.hasVirial])).toEqual([
      [3, null, true, true],
      [4, 4, true, true],
    ])
  })

  it('inserts a batch all or nothing', () => {
    const d = db()
    const bad = structure(['Ag'], 1)
    bad.species = null
    expect(() => insertConfigurations(d, [structure(['Ag'], 1), bad])).toThrow(/no element symbols/)
    expect(countConfigurations(d)).toBe(0)
    expect(speciesList(d)).toEqual([])
  })

  it('writes formulas in species-map order', () => {
    expect(formulaOf([1, 1, 0, 1], ['Ag', 'Pd'])).toBe('Ag1Pd3')
    expect(formulaOf([], ['Ag'])).toBe('')
  })
})
