import { describe, expect, it } from 'vitest'
import { canRunLocally, stateCounts, upsertJob, type DftJobView } from '../../../src-renderer/dft/jobStates'

describe('job states', () => {
  const job = (id: number, state: DftJobView['state'], code: DftJobView['code'] = 'qe'): DftJobView => ({
    id,
    batch: 'b',
    configurationId: id,
    code,
    state,
    folder: `/tmp/b/job-${id}`,
    settings: {},
    resultConfigurationId: null,
    exitCode: null,
    error: null,
    createdAt: '',
    updatedAt: '',
  })

  it('runs exported or failed QE/EAM jobs locally, never VASP or finished ones', () => {
    expect([job(1, 'exported'), job(2, 'failed', 'eam'), job(3, 'exported', 'vasp'), job(4, 'imported'), job(5, 'running')].map(canRunLocally)).toEqual([true, true, false, false, false])
  })

  it('counts per state in state-machine order and replaces a job on an event', () => {
    const jobs = [job(1, 'imported'), job(2, 'exported'), job(3, 'exported')]
    expect(stateCounts(jobs)).toEqual([
      { state: 'exported', count: 2 },
      { state: 'imported', count: 1 },
    ])
    const next = upsertJob(jobs, job(2, 'running'))
    expect(next.map((j) => j.state)).toEqual(['imported', 'running', 'exported'])
    expect(upsertJob(jobs, job(9, 'exported'))[0].id).toBe(9)
  })
})
