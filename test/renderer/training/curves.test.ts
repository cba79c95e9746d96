import { describe, expect, it } from 'vitest'
import type { TrainingProgressPoint } from '../../../src-main/contract/training'
import { curveOption, curveSeries, iterationAxisMax } from '../../../src-renderer/training/curves'

const point = (member: number, iteration: number, loss: number, valid: number | null = null): TrainingProgressPoint => ({
  member, iteration, loss, energyRmse: 0.002 * (10 - iteration), forceRmse: 0.1, stressRmse: 0.5,
  validLoss: valid, validEnergyRmse: valid === null ? null : 0.003, validForceRmse: valid === null ? null : 0.2, validStressRmse: valid === null ? null : 0.6, elapsed: iteration,
})

describe('training curves', () => {
  it('one series per member and split, in iteration order, energies in meV/atom', () => {
    const h = [point(0, 2, 0.5, 0.7), point(0, 0, 2, 2.5), point(1, 0, 3), point(1, 1, 1)]
    const s = curveSeries(h, 'energy')
    expect(s.map((x) => x.name)).toEqual(['training #1', 'validation #1', 'training #2'])
    expect(s[0].data).toEqual([[0, 20], [2, 16]])
    expect(s[1].data).toEqual([[0, 3], [2, 3]])
  })

  it('the loss on a log axis leaves out non-positive values', () => {
    const o = curveOption([point(0, 0, 0), point(0, 1, 0.4)], 'loss', 50)
    expect(o.yAxis).toMatchObject({ type: 'log' })
    expect(o.xAxis).toMatchObject({ max: 10 })
    expect((o.series as { data: number[][] }[])[0].data).toEqual([[1, 0.4]])
    expect(JSON.stringify(o.title)).toContain('Loss')
    expect(JSON.stringify(curveOption([point(0, 0, 1)], 'stress').title)).toContain('GPa')
  })
})

describe('iteration axis', () => {
  it('ends a quarter past the newest iteration, rounded to tens, within the run’s maximum', () => {
    expect(iterationAxisMax([point(0, 20, 1)], 5000)).toBe(30)
    expect(iterationAxisMax([point(0, 38, 1)], 40)).toBe(40)
    expect(iterationAxisMax([], 200)).toBe(10)
    expect(iterationAxisMax([point(0, 3, 1)], 5)).toBe(5)
    expect(iterationAxisMax([point(0, 100, 1)])).toBe(130)
  })
})
