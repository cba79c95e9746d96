import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { getTrainingRun } from '../../../../src-main/db/repositories/training-runs'

describe('migration 4 (training runs)', () => {
  it('upgrades a schema-3 file: old runs and potentials keep their rows and get defaults, parity table present', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations, { target: 3 })
    const t = '2026-11-21T00:00:00.000Z'
    db.prepare(`INSERT INTO training_sets (id, name, version, size, digest, sealed, created_at) VALUES (1, 'Mo', 1, 0, 'x', 1, ?)`).run(t)
    db.prepare(`INSERT INTO training_runs (id, training_set_id, level, seed, settings, status, created_at) VALUES (1, 1, 16, 3, '{"trainingSetId":1,"level":16}', 'succeeded', ?)`).run(t)
    db.prepare(`INSERT INTO potentials (id, name, mtp_text, species, training_run_id, created_at) VALUES (1, 'old', 'MTP', '["Mo"]', 1, ?)`).run(t)
    expect(migrate(db, migrations, { target: 4 })).toEqual([4])

    expect(getTrainingRun(db, 1)).toMatchObject({ id: 1, name: '', status: 'succeeded', ensemble: 1, restartOf: null, history: [], species: [], spec: { level: 16, weighting: 'vibrations', seed: 1 } })
    expect(getTrainingRun(db, 1)!.potentials).toEqual([{ id: 1, name: 'old', ensembleIndex: 0, seed: 3, iterations: null, stopReason: null, errors: null }])
    const columns = db.prepare(`SELECT name FROM pragma_table_info('training_parity')`).pluck().all()
    expect(columns).toEqual(['potential_id', 'run_id', 'configuration_ids', 'split', 'natoms', 'force_atoms', 'energy_ref', 'energy_pred', 'force_ref', 'force_pred', 'stress_ref', 'stress_pred'])
  })
})
