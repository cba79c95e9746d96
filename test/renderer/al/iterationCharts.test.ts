import { describe, expect, it } from 'vitest'
import { alIterationView } from '../../../src-main/contract/al'
import { iterationPoint, reliabilityOption, trainingSetOption, type IterationPoint } from '../../../src-renderer/al/iterationCharts'

const point = (index: number, over: Partial<IterationPoint> = {}): IterationPoint => ({
  index,
  reliability: null,
  energyRmseMeV: null,
  forceRmseMeV: null,
  trainingSetSize: null,
  selected: null,
  ...over,
})

type Series = { name: string; yAxisIndex?: number; data: (number | null)[] }

describe('iterationPoint', () => {
  it('takes the metrics of an iteration as the contract sends it, forces in meV/Å', () => {
    const view = alIterationView.parse({
      number: 3,
      step: 'done',
      status: 'done',
      potentialId: 7,
      trainingSetId: 12,
      trainingSetSize: 42,
      trainingRunId: 4,
      explored: 20,
      breaks: 5,
      preselected: 30,
      selected: 9,
      reliability: 0.75,
      relaxReliability: 0.75,
      mdReliability: null,
      outcomes: {},
      validation: { energyRmseMeV: 4.2, forceRmse: 0.175, stressRmse: null, count: 50 },
      dft: null,
      gradeHistogram: null,
      startedAt: '2026-11-21T15:00:00Z',
      finishedAt: null,
    })
    const p = iterationPoint(view)
    expect(p).toMatchObject({ index: 3, reliability: 0.75, energyRmseMeV: 4.2, trainingSetSize: 42, selected: 9 })
    expect(p.forceRmseMeV).toBeCloseTo(175, 9)
    expect(iterationPoint({ ...view, validation: null }).energyRmseMeV).toBeNull()
  })
})

describe('reliabilityOption', () => {
  it('plots reliability in percent and leaves missing iterations as gaps', () => {
    const option = reliabilityOption([point(0), point(1, { reliability: 0.123 }), point(2, { reliability: 1 })])
    const series = option.series as Series[]
    expect(series).toHaveLength(1)
    expect(series[0].data).toEqual([null, 12.3, 100])
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['0', '1', '2'] })
    expect(option.yAxis).toHaveLength(1)
  })

  it('adds the validation errors on a second axis when there are any', () => {
    const option = reliabilityOption([point(1, { reliability: 0.5, energyRmseMeV: 12.5, forceRmseMeV: 180 })])
    const series = option.series as Series[]
    expect(series.map((s) => s.name)).toEqual(['Reliability (%)', 'Energy RMSE (meV/atom)', 'Force RMSE (meV/Å)'])
    expect(series[1].yAxisIndex).toBe(1)
    expect(series[2].data).toEqual([180])
    expect(option.yAxis).toHaveLength(2)
  })
})

describe('trainingSetOption', () => {
  it('shows selected per iteration and the training-set size', () => {
    const option = trainingSetOption([point(0, { selected: 8, trainingSetSize: 8 }), point(1, { selected: 4, trainingSetSize: 12 })])
    const series = option.series as Series[]
    expect(series.map((s) => s.name)).toEqual(['Selected', 'Training set'])
    expect(series[0].data).toEqual([8, 4])
    expect(series[1].data).toEqual([8, 12])
  })
})
