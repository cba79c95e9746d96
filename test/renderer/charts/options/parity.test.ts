import { describe, expect, it } from 'vitest'
import { gridDensity, parityOption, parityStats } from '../../../../src-renderer/charts/options/parity'

describe('parityStats', () => {
  it('computes RMSE, MAE and the largest error of predicted − reference', () => {
    const s = parityStats([1, 2, 3, 4], [1, 2.5, 2, 4])
    expect(s.count).toBe(4)
    expect(s.rmse).toBeCloseTo(Math.sqrt((0.25 + 1) / 4), 12)
    expect(s.meanAbsoluteError).toBeCloseTo(1.5 / 4, 12)
    expect(s.maxAbsoluteError).toBe(1)
  })

  it('rejects arrays of different lengths', () => {
    expect(() => parityStats([1, 2], [1])).toThrow(/2 values, predicted 1/)
  })
})

describe('gridDensity', () => {
  it('gives each point the count of its grid cell', () => {
    const d = gridDensity([0.1, 0.2, 0.15, 0.9], [0.1, 0.2, 0.12, 0.9], 0, 1, 2)
    expect(Array.from(d)).toEqual([3, 3, 3, 1])
  })

  it('clamps points on the upper edge into the last cell', () => {
    const d = gridDensity([1, 1], [1, 0.99], 0, 1, 4)
    expect(Array.from(d)).toEqual([2, 2])
  })
})

describe('parityOption', () => {
  const reference = [-3.0, -3.1, -3.2, -2.0]
  const predicted = [-3.01, -3.12, -3.18, -2.2]
  const option = parityOption({ reference, predicted, ids: [11, 12, 13, 14], quantity: 'Energy per atom', unit: 'eV/atom' })
  const [scatter, diagonal] = option.series as { data: number[][] }[]

  it('uses equal ranges on both axes covering every point', () => {
    const x = option.xAxis as { min: number; max: number; name: string }
    const y = option.yAxis as { min: number; max: number; name: string }
    expect(x.min).toBe(y.min)
    expect(x.max).toBe(y.max)
    expect(x.min).toBeLessThan(-3.2)
    expect(x.max).toBeGreaterThan(-2.0)
    expect(x.name).toBe('Energy per atom, DFT (eV/atom)')
    expect(y.name).toBe('Energy per atom, MTP (eV/atom)')
  })

  it('keeps every point with its id, densest last, and draws y = x', () => {
    expect(scatter.data).toHaveLength(4)
    expect(scatter.data.map((d) => d[3]).sort()).toEqual([11, 12, 13, 14])
    const densities = scatter.data.map((d) => d[2])
    expect([...densities].sort((a, b) => a - b)).toEqual(densities)
    expect(diagonal.data[0][0]).toBe(diagonal.data[0][1])
    expect(diagonal.data[1][0]).toBe(diagonal.data[1][1])
  })

  it('states RMSE and MAE with their unit in the title', () => {
    const title = (option.title as { text: string }).text
    // errors 0.01, 0.02, 0.02, 0.2: RMSE = sqrt(0.0409/4) = 0.10112, MAE = 0.25/4.
    expect(title).toContain('RMSE 0.1011 eV/atom   MAE 0.0625 eV/atom')
    expect(title).toContain('n = 4')
  })
})
