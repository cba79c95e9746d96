import { hostname } from 'node:os'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { trainingSpec } from '../../../../src-main/contract/training'
import { insertConfigurations } from '../../../../src-main/db/repositories/configurations'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { countPotentials } from '../../../../src-main/db/repositories/potentials'
import { readParity, type ParityArrays } from '../../../../src-main/db/repositories/training-parity'
import {
  createTrainingRun,
  finishTrainingRun,
  getTrainingRun,
  listTrainingRuns,
  markStaleTrainingRuns,
  markTrainingRunRunning,
} from '../../../../src-main/db/repositories/training-runs'
import { createTrainingSetVersion } from '../../../../src-main/db/repositories/training-sets'
import { saveEngineRun } from '../../../../src-main/db/repositories/engine-runs'
import { emptyStructure } from '../../../../src-main/io/types'

function setup() {
  const db = new Database(':memory:')
  migrate(db, migrations)
  const s = emptyStructure(2, { file: 'a.cfg', frame: 0, parser: 'cfg', code: null, settings: {}, label: null })
  s.species = ['Mo', 'Mo']
  s.positions = Float64Array.from([0, 0, 0, 1.5, 1.5, 1.5])
  s.cell = [[3, 0, 0], [0, 3, 0], [0, 0, 3]]
  s.energy = -20
  insertConfigurations(db, [s, { ...s, energy: -21 }], { typeElements: ['Mo'] })
  const set = createTrainingSetVersion(db, { name: 'Mo', filter: {} })
  const spec = trainingSpec.parse({ trainingSetId: set.id, level: 8, seed: 4, ensemble: 2 })
  return { db, spec }
}

const parity = (n: number): ParityArrays => ({
  configurationIds: Int32Array.from({ length: n }, (_, k) => k + 1),
  split: new Int32Array(n),
  natoms: new Int32Array(n).fill(2),
  forceAtoms: new Int32Array(n),
  energyRef: new Float64Array(n).fill(-10),
  energyPred: new Float64Array(n).fill(-10.01),
  forceRef: new Float64Array(0),
  forcePred: new Float64Array(0),
  stressRef: new Float64Array(6 * n).fill(NaN),
  stressPred: new Float64Array(6 * n).fill(NaN),
})

const potential = (k: number) => ({ name: `p${k}`, mtpText: `MTP ${k}\n`, species: ['Mo'], ensemble: 'run', ensembleIndex: k, seed: 4 + k, fit: { iterations: 3, stopReason: 'max-iter' } })

describe('training runs repository', () => {
  it('stores a run from queued to succeeded with its potentials, parity data and history', () => {
    const { db, spec } = setup()
    const id = createTrainingRun(db, { spec, name: 'Mo v1 L8', species: ['Mo'] })
    expect(listTrainingRuns(db)).toMatchObject([{ id, status: 'queued', trainingSetName: 'Mo', trainingSetVersion: 1, level: 8, seed: 4, ensemble: 2 }])
    saveEngineRun(db, { id: 'job-1', command: 'train', args: [], label: 'train', createdAt: 'now', state: { status: 'starting' }, logPath: '/tmp/x.log' })
    markTrainingRunRunning(db, id, 'job-1')
    const history = [{ member: 0, iteration: 1, loss: 2, energyRmse: 0.1, forceRmse: 0.2, stressRmse: 0.3, validLoss: null, validEnergyRmse: null, validForceRmse: null, validStressRmse: null, elapsed: 0.5 }]
    const ids = finishTrainingRun(db, id, { status: 'succeeded', history, potentials: [{ potential: potential(0), parity: parity(2) }, { potential: potential(1), parity: null }] })
    const run = getTrainingRun(db, id)!
    expect(run).toMatchObject({ status: 'succeeded', engineJobId: 'job-1', history, species: ['Mo'] })
    expect(run.spec).toEqual(spec)
    expect(run.potentials.map((p) => [p.id, p.ensembleIndex, p.seed, p.iterations, p.stopReason])).toEqual([[ids[0], 0, 4, 3, 'max-iter'], [ids[1], 1, 5, 3, 'max-iter']])
    expect(Array.from(readParity(db, ids[0])!.energyPred)).toEqual([-10.01, -10.01])
    expect(readParity(db, ids[1])).toBeUndefined()
    expect(() => finishTrainingRun(db, id, { status: 'failed', history: [] })).toThrow(/already ended/)
  })

  it('writes nothing when any part of the final transaction fails', () => {
    const { db, spec } = setup()
    const id = createTrainingRun(db, { spec, name: 'x', species: ['Mo'] })
    const bad = { ...parity(2), energyPred: new Float64Array(1) }
    expect(() => finishTrainingRun(db, id, { status: 'succeeded', history: [], potentials: [{ potential: potential(0), parity: parity(2) }, { potential: potential(1), parity: bad }] })).toThrow(/energyPred/)
    expect(countPotentials(db)).toBe(0)
    expect(db.prepare('SELECT COUNT(*) FROM training_parity').pluck().get()).toBe(0)
    expect(getTrainingRun(db, id)!.status).toBe('queued')
  })

  it('marks runs of dead processes, and of this one when not live, as interrupted', () => {
    const { db, spec } = setup()
    const mine = createTrainingRun(db, { spec, name: 'mine', species: ['Mo'] })
    const live = createTrainingRun(db, { spec, name: 'live', species: ['Mo'] })
    const dead = createTrainingRun(db, { spec, name: 'dead', species: ['Mo'] })
    const elsewhere = createTrainingRun(db, { spec, name: 'elsewhere', species: ['Mo'] })
    // 2^22 + 1 is above Linux's largest possible pid_max (2^22), so no process has this pid.
    db.prepare('UPDATE training_runs SET owner_pid = ? WHERE id = ?').run(4_194_305, dead)
    db.prepare('UPDATE training_runs SET owner_host = ? WHERE id = ?').run(`${hostname()}-other`, elsewhere)
    expect(markStaleTrainingRuns(db, new Set([live])).sort()).toEqual([mine, dead].sort())
    const status = Object.fromEntries(listTrainingRuns(db).map((r) => [r.name, r.status]))
    expect(status).toEqual({ mine: 'interrupted', live: 'queued', dead: 'interrupted', elsewhere: 'queued' })
    expect(getTrainingRun(db, dead)!.error).toMatch(/ended before the training finished/)
  })
})
