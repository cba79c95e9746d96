import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { ConfigurationWriter } from '../../../../src-main/db/repositories/configuration-store'
import { createTrainingSetVersion, overrideQuarantine, trainingSetMembers } from '../../../../src-main/db/repositories/training-sets'
import { emptyStructure } from '../../../../src-main/io/types'

function db() {
  const d = new Database(':memory:')
  migrate(d, migrations)
  const w = new ConfigurationWriter(d)
  d.transaction(() => {
    for (let k = 0; k < 6; k++) {
      const s = emptyStructure(1, { file: 'x', frame: k, parser: 'cfg', code: null, settings: {}, label: null })
      s.species = ['Mo']
      s.cell = [[3, 0, 0], [0, 3, 0], [0, 0, 3]]
      s.energy = k === 5 ? null : -k
      w.add(s, { quarantineReason: k === 2 ? 'SCF not converged' : null })
    }
  })()
  return d
}

describe('training-set versions', () => {
  it('snapshots trainable configurations, numbers versions and never changes afterwards', () => {
    const d = db()
    const v1 = createTrainingSetVersion(d, { name: 'Mo', filter: {}, weights: { stress: 0.1 } })
    expect(v1).toMatchObject({ name: 'Mo', version: 1, size: 4, parentId: null })
    // Quarantined (3) and energy-less (6) configurations stay out.
    expect(trainingSetMembers(d, v1.id).map((m) => m.configurationId)).toEqual([1, 2, 4, 5])
    expect(trainingSetMembers(d, v1.id)[0].weights).toEqual({ energy: 1, forces: 1, stress: 0.1 })
    expect(() => d.prepare('DELETE FROM training_set_members WHERE set_id = ?').run(v1.id)).toThrow(/immutable/)
    expect(() => d.prepare('UPDATE training_set_members SET weight_energy = 2').run()).toThrow(/immutable/)
    expect(() => d.prepare('INSERT INTO training_set_members (set_id, configuration_id) VALUES (?, 3)').run(v1.id)).toThrow(/immutable/)
    expect(() => d.prepare("UPDATE training_sets SET description = 'x'").run()).toThrow(/immutable/)
    expect(() => d.prepare('DELETE FROM configurations WHERE id = 1').run()).toThrow(/FOREIGN KEY/)

    expect(overrideQuarantine(d, [3, 4], true)).toBe(1)
    const v2 = createTrainingSetVersion(d, { name: 'Mo', filter: {} })
    expect(v2).toMatchObject({ version: 2, parentId: v1.id, size: 5 })
    expect(v2.digest).not.toBe(v1.digest)
    expect(trainingSetMembers(d, v1.id)).toHaveLength(4)
  })
})
