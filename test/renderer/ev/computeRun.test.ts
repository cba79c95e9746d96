import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../src-main/contract/api'
import { describeProgress, isCancelled, type ComputeProgress } from '../../../src-renderer/ev/computeRun'

const p = (over: Partial<ComputeProgress>): ComputeProgress => ({
  computeId: 'x',
  kind: 'ev',
  member: 0,
  members: 3,
  step: 0,
  steps: 1,
  done: 0,
  total: 0,
  fraction: 0,
  message: 'calc-efs 11 structures (m1)',
  jobId: 'j',
  ...over,
})

describe('describeProgress', () => {
  it('names the member, the step when there are several, and the structures done', () => {
    expect(describeProgress(null)).toBe('starting…')
    expect(describeProgress(p({ member: 1 }))).toBe('member 2 of 3 · calc-efs 11 structures (m1)')
    expect(describeProgress(p({ member: 2, steps: 2, step: 1, done: 4, total: 11, message: 'relax' }))).toBe('member 3 of 3 · step 2 of 2 · 4 of 11 structures · relax')
    expect(describeProgress(p({ member: 3 }))).toBe('finishing…')
  })
})

describe('isCancelled', () => {
  it('is true only for the cancelled error', () => {
    expect(isCancelled(new ApiError('analysis/ev', { code: 'cancelled', message: 'cancelled: the E–V computation was stopped; nothing was stored' }))).toBe(true)
    expect(isCancelled(new ApiError('analysis/ev', { code: 'engine_unavailable', message: 'cannot run the engine' }))).toBe(false)
    expect(isCancelled(new Error('cancelled'))).toBe(false)
  })
})
