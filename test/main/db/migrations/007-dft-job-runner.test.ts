import Database from 'better-sqlite3'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { createDftJobs, getDftJob, runningDftJobs, transitionDftJob } from '../../../../src-main/db/repositories/dft-jobs'
import { markInterruptedDftJobs } from '../../../../src-main/dft/interrupted-jobs'

describe('migration 7 (DFT job runner)', () => {
  it('upgrades a schema-6 file: a job left running without a runner is cut off; one whose runner lives is not', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations, { target: 6 })
    db.prepare(`INSERT INTO configurations (id, natoms, formula, cell, positions, types, created_at) VALUES (1, 1, 'Cu1', zeroblob(72), zeroblob(24), zeroblob(4), 'now')`).run()
    const [old, live, dead] = createDftJobs(db, 'b', 'eam', [1, 1, 1], {})
    for (const id of [old, live, dead]) {
      transitionDftJob(db, id, 'exported', { folder: `/jobs/${id}` })
      if (id === old) transitionDftJob(db, id, 'running')
    }
    expect(migrate(db, migrations, { target: 7 })).toEqual([7])

    transitionDftJob(db, live, 'running', { runner: { pid: process.pid, host: hostname() } })
    // A pid above the kernel's default pid_max names no process.
    transitionDftJob(db, dead, 'running', { runner: { pid: 4_194_304 + 1, host: hostname() } })
    expect(runningDftJobs(db).map((j) => [j.id, j.runnerPid, j.processGroup])).toEqual([
      [old, null, null],
      [live, process.pid, null],
      [dead, 4_194_305, null],
    ])
    expect(markInterruptedDftJobs(db)).toEqual([old, dead])
    expect([old, live, dead].map((id) => getDftJob(db, id)!.state)).toEqual(['failed', 'running', 'failed'])
  })
})
