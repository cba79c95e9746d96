import { describe, expect, it } from 'vitest'
import type { AlCampaignDetail, AlCampaignSummary, AlIterationView } from '../../../src-main/contract/al'
import { durationText, gradedIterations, percentText, upsertCampaign, withIteration, withSummary } from '../../../src-renderer/al/campaignState'

const summary = (id: number, over: Partial<AlCampaignSummary> = {}): AlCampaignSummary => ({
  id,
  name: `c${id}`,
  status: 'running',
  iteration: 0,
  step: 'explore',
  referenceKind: 'eam',
  level: 8,
  gammaSelect: 2,
  gammaBreak: 10,
  trainingSetSize: 0,
  potentialId: null,
  error: null,
  createdAt: '2026-11-21T15:00:00Z',
  updatedAt: '2026-11-21T15:00:00Z',
  ...over,
})

const iteration = (number: number, over: Partial<AlIterationView> = {}): AlIterationView => ({
  number,
  step: 'done',
  status: 'done',
  potentialId: null,
  trainingSetId: null,
  trainingSetSize: null,
  trainingRunId: null,
  explored: 10,
  breaks: 0,
  preselected: 0,
  selected: 0,
  reliability: null,
  relaxReliability: null,
  mdReliability: null,
  outcomes: {},
  validation: null,
  dft: null,
  gradeHistogram: { log10Edges: [0, 1], counts: [10] },
  startedAt: '2026-11-21T15:00:00Z',
  finishedAt: null,
  ...over,
})

describe('upsertCampaign', () => {
  it('replaces by id and keeps newest first', () => {
    const list = upsertCampaign([summary(1), summary(3)], summary(2))
    expect(list.map((c) => c.id)).toEqual([3, 2, 1])
    const updated = upsertCampaign(list, summary(2, { status: 'converged' }))
    expect(updated.map((c) => [c.id, c.status])).toEqual([
      [3, 'running'],
      [2, 'converged'],
      [1, 'running'],
    ])
  })
})

describe('withIteration and withSummary', () => {
  const detail: AlCampaignDetail = { summary: summary(1), spec: {}, iterations: [iteration(0), iteration(2)], waitingFor: null }

  it('inserts a new iteration in order and replaces an existing one', () => {
    const added = withIteration(detail, iteration(1, { selected: 4 }))
    expect(added.iterations.map((it) => it.number)).toEqual([0, 1, 2])
    const replaced = withIteration(added, iteration(2, { selected: 7 }))
    expect(replaced.iterations.map((it) => it.selected)).toEqual([0, 4, 7])
    // The original is not changed (the page swaps whole objects in a shallowRef).
    expect(detail.iterations).toHaveLength(2)
  })

  it('takes a summary only for the same campaign', () => {
    expect(withSummary(detail, summary(1, { status: 'paused' })).summary.status).toBe('paused')
    expect(withSummary(detail, summary(9, { status: 'paused' }))).toBe(detail)
  })
})

describe('gradedIterations', () => {
  it('lists explored iterations with a histogram, newest first', () => {
    const list = [iteration(0, { explored: 0, gradeHistogram: null }), iteration(1), iteration(2), iteration(3, { gradeHistogram: null })]
    expect(gradedIterations(list)).toEqual([2, 1])
  })
})

describe('text helpers', () => {
  it('writes reliability and durations', () => {
    expect(percentText(0.875)).toBe('87.5 %')
    expect(percentText(1)).toBe('100.0 %')
    expect(percentText(null)).toBe('–')
    expect(durationText('2026-11-21T15:00:00Z', '2026-11-21T15:00:12Z')).toBe('12 s')
    expect(durationText('2026-11-21T15:00:00Z', '2026-11-21T15:03:05Z')).toBe('3 min 05 s')
    expect(durationText('2026-11-21T15:00:00Z', '2026-11-21T16:02:00Z')).toBe('1 h 02 min')
    expect(durationText('2026-11-21T15:00:00Z', null, new Date('2026-11-21T15:00:30Z'))).toBe('30 s')
    expect(durationText('garbage', null)).toBe('–')
  })
})
