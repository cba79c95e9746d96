import { describe, expect, it } from 'vitest'
import type { JobState } from '../../../src-main/contract'
import { presentJob } from '../../../src-renderer/jobs/jobPresentation'

const job = (state: JobState) => ({ state })

describe('presentJob', () => {
  it('shows progress as a fraction when the engine reports a total', () => {
    const v = presentJob(job({ status: 'running', pid: 12, startedAt: 't', progress: { stage: 'bfgs', done: 25, total: 100, extra: {} } }))
    expect(v).toMatchObject({ status: 'running', fraction: 0.25, detail: 'bfgs: 25 / 100', canCancel: true, active: true })
  })

  it('uses an indeterminate bar without a total or before the first progress line', () => {
    expect(presentJob(job({ status: 'running', pid: 1, startedAt: 't', progress: { stage: 'reading', done: 3, total: 0, extra: {} } })).fraction).toBeNull()
    expect(presentJob(job({ status: 'running', pid: 1, startedAt: 't', progress: null })).detail).toBe('running')
    expect(presentJob(job({ status: 'starting' })).fraction).toBeNull()
  })

  it('names file, line, field and the exit of a failed job', () => {
    const v = presentJob(
      job({
        status: 'failed',
        finishedAt: 't',
        error: { code: 'input', message: 'bad number', file: 'train.cfg', line: 17, field: 'Energy' },
        exitCode: 1,
        signal: null,
      }),
    )
    expect(v).toMatchObject({ status: 'failed', color: 'error', canCancel: false, active: false })
    expect(v.detail).toBe('bad number — train.cfg:17, field Energy (exit code 1)')
    const killed = presentJob(job({ status: 'failed', finishedAt: 't', error: { code: 'killed', message: 'terminated' }, exitCode: null, signal: 'SIGKILL' }))
    expect(killed.detail).toBe('terminated (killed by SIGKILL)')
  })

  it('cannot cancel a job that is already stopping or finished', () => {
    expect(presentJob(job({ status: 'cancelling', pid: 3, startedAt: 't' }))).toMatchObject({ canCancel: false, active: true })
    expect(presentJob(job({ status: 'succeeded', finishedAt: 't', result: {} }))).toMatchObject({ canCancel: false, active: false, status: 'done' })
    expect(presentJob(job({ status: 'cancelled', finishedAt: 't' }))).toMatchObject({ canCancel: false, status: 'cancelled' })
  })
})
