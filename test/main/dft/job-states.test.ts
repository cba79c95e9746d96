import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src-main/db/migrate'
import { migrations } from '../../../src-main/db/migrations/index'
import { ConfigurationWriter } from '../../../src-main/db/repositories/configuration-store'
import { createDftJobs, getDftJob, listDftJobs, transitionDftJob } from '../../../src-main/db/repositories/dft-jobs'
import { canTransition, DFT_JOB_STATES, DftStateError, isTerminalDftState } from '../../../src-main/dft/job-states'
import { emptyStructure } from '../../../src-main/io/types'

describe('DFT job state machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = DFT_JOB_STATES.flatMap((a) => DFT_JOB_STATES.filter((b) => canTransition(a, b)).map((b) => `${a}>${b}`))
    expect(allowed).toEqual([
      'draft>exported',
      'exported>exported', 'exported>running', 'exported>done', 'exported>failed',
      'running>done', 'running>failed',
      'done>failed', 'done>imported',
      'failed>exported', 'failed>running', 'failed>done', 'failed>imported',
    ])
    expect(DFT_JOB_STATES.filter(isTerminalDftState)).toEqual(['imported'])
  })

  it('keeps states in the database and refuses illegal moves', () => {
    const db = new Database(':memory:')
    migrate(db, migrations)
    const s = emptyStructure(1, { file: 'x', frame: 0, parser: 'cfg', code: null, settings: {}, label: null })
    s.species = ['Si']
    const id = db.transaction(() => new ConfigurationWriter(db).add(s))()
    const [job] = createDftJobs(db, 'b1', 'qe', [id], { qe: { ecutwfc: 20 } })
    expect(getDftJob(db, job)).toMatchObject({ state: 'draft', batch: 'b1', code: 'qe', configurationId: id, settings: { qe: { ecutwfc: 20 } } })
    expect(() => transitionDftJob(db, job, 'running')).toThrow(DftStateError)
    transitionDftJob(db, job, 'exported', { folder: '/tmp/b1/job-1' })
    transitionDftJob(db, job, 'running')
    transitionDftJob(db, job, 'failed', { exitCode: 3, error: 'killed' })
    expect(getDftJob(db, job)).toMatchObject({ state: 'failed', exitCode: 3, error: 'killed', folder: '/tmp/b1/job-1' })
    transitionDftJob(db, job, 'running')
    transitionDftJob(db, job, 'done', { exitCode: 0, error: null })
    transitionDftJob(db, job, 'imported', { resultConfigurationId: id })
    expect(getDftJob(db, job)).toMatchObject({ state: 'imported', exitCode: 0, error: null, resultConfigurationId: id })
    expect(() => transitionDftJob(db, job, 'exported')).toThrow(/cannot go from imported to exported/)
    expect(listDftJobs(db, { state: 'imported' }).map((j) => j.id)).toEqual([job])
    expect(() => db.prepare("UPDATE dft_jobs SET state = 'lost'").run()).toThrow(/CHECK/)
  })
})

describe('jobs cut off by a crash', () => {
  it('are marked failed when the project is opened again', async () => {
    const { Project } = await import('../../../src-main/projects/project')
    const { tempDir } = await import('../support/temp')
    const { join } = await import('node:path')
    const path = join(tempDir(), 'p.mtpstudio')
    const p = Project.create(path, 'p')
    const s = emptyStructure(1, { file: 'x', frame: 0, parser: 'cfg', code: null, settings: {}, label: null })
    s.species = ['Si']
    const id = p.db.transaction(() => new ConfigurationWriter(p.db).add(s))()
    const [a, b] = createDftJobs(p.db, 'b', 'qe', [id, id], {})
    for (const j of [a, b]) transitionDftJob(p.db, j, 'exported', { folder: '/x' })
    transitionDftJob(p.db, a, 'running')
    p.close()
    const again = Project.open(path)
    expect(getDftJob(again.db, a)).toMatchObject({ state: 'failed', error: expect.stringMatching(/^interrupted/) })
    expect(getDftJob(again.db, b)!.state).toBe('exported')
    again.close()
  })
})
