import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { addPotential, countPotentials, ensembleMembers } from '../../../../src-main/db/repositories/potentials'

describe('potentials', () => {
  it('stores the .mtp text byte for byte with its settings and ensemble membership', () => {
    const db = new Database(':memory:')
    migrate(db, migrations)
    const text = 'MTP\nversion = 1.1.0\npotential_name = MTP1m\nspecies_count = 2\n'
    const ids = [0, 1, 2].map((k) => addPotential(db, { name: `AgPd-${k}`, mtpText: text, level: 16, species: ['Ag', 'Pd'], minDist: 2, maxDist: 5, ensemble: 'AgPd x3', ensembleIndex: k, errors: { energyMeVPerAtom: 3.1 } }))
    expect(countPotentials(db)).toBe(3)
    expect(ensembleMembers(db, 'AgPd x3')).toEqual(ids.map((id, index) => ({ id, index })))
    expect(db.prepare('SELECT mtp_text, species, errors FROM potentials WHERE id = ?').get(ids[1])).toEqual({ mtp_text: text, species: '["Ag","Pd"]', errors: '{"energyMeVPerAtom":3.1}' })
    expect(() => addPotential(db, { name: 'dup', mtpText: text, species: ['Ag'], ensemble: 'AgPd x3', ensembleIndex: 1 })).toThrow(/UNIQUE/)
    expect(() => addPotential(db, { name: 'orphan', mtpText: text, species: ['Ag'], trainingSetId: 99 })).toThrow(/FOREIGN KEY/)
  })
})
