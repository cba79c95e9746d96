import { describe, expect, it } from 'vitest'
import { summariseOutcomes, type JobOutcome } from '../../../src-renderer/dft/localRun'

const outcome = (jobId: number, state: JobOutcome['state'], extra: Partial<JobOutcome> = {}): JobOutcome => ({
  jobId,
  state,
  resultConfigurationId: state === 'imported' ? 100 + jobId : null,
  quarantineReason: null,
  error: null,
  ...extra,
})

describe('summariseOutcomes', () => {
  it('counts imported, quarantined and failed jobs of a finished run', () => {
    const r = summariseOutcomes([outcome(1, 'imported'), outcome(2, 'imported', { quarantineReason: 'SCF not converged' }), outcome(3, 'failed', { error: 'pw.x: not found' })], 3, false)
    expect(r).toEqual({ level: 'warning', text: '2 job(s) imported, 1 in quarantine, 1 failed' })
    expect(summariseOutcomes([outcome(1, 'imported')], 1, false)).toEqual({ level: 'success', text: '1 job(s) imported' })
  })

  it('tells stopped jobs (interrupted) from failed ones and counts those never started after a cancel', () => {
    const stopped = outcome(2, 'failed', { error: 'interrupted: stopped while running (pw.x killed by SIGTERM): cancelled by the user' })
    const r = summariseOutcomes([outcome(1, 'imported'), stopped], 5, true)
    expect(r).toEqual({ level: 'info', text: 'Run cancelled: 1 job(s) imported, 1 stopped (can be run again), 3 not started (still exported)' })
  })
})
