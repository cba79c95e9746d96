import { describe, expect, it } from 'vitest'
import { gammaTick, gradeHistogram, gradeHistogramOption } from '../../../src-renderer/al/gradeHistogram'

describe('gradeHistogram', () => {
  it('turns log10 edges back into γ', () => {
    const h = gradeHistogram({ log10Edges: [0, 0.5, 1], counts: [3, 1] })
    expect(h.edges[0]).toBe(1)
    expect(h.edges[1]).toBeCloseTo(Math.sqrt(10), 12)
    expect(h.edges[2]).toBe(10)
    expect(h.counts).toEqual([3, 1])
  })

  it('rejects edges that do not fit the bins', () => {
    expect(() => gradeHistogram({ log10Edges: [0, 1], counts: [1, 2] })).toThrow(/2 bins need 3 edges, got 2/)
    expect(gradeHistogram({ log10Edges: [], counts: [] }).counts).toEqual([])
  })
})

type Series = { data: [number, number][]; markLine: { data: { xAxis: number; name: string }[] } }

describe('gradeHistogramOption', () => {
  it('draws on a log axis with markers at 1, γ_select and γ_break', () => {
    const h = gradeHistogram({ log10Edges: [-0.2, 0.4, 1.0, 1.6], counts: [5, 2, 1] })
    const option = gradeHistogramOption({ histogram: h, gammaSelect: 2.1, gammaBreak: 10 })
    const series = (option.series as Series[])[0]
    expect(series.data).toHaveLength(4)
    expect(series.data[1][0]).toBeCloseTo(10 ** 0.4, 12)
    expect(series.markLine.data.map((m) => m.xAxis)).toEqual([1, 2.1, 10])
    expect(series.markLine.data[2].name).toBe('γ_break 10')
    // Half decades around the data: 10^−0.5 … 10^2.
    const axis = option.xAxis as { type: string; min: number; max: number }
    expect(axis.type).toBe('log')
    expect(axis.min).toBeCloseTo(10 ** -0.5, 12)
    expect(axis.max).toBe(100)
  })

  it('extends the axis to γ_break when every grade is small (a converged iteration)', () => {
    const h = gradeHistogram({ log10Edges: [-0.1, 0, 0.05], counts: [4, 2] })
    const axis = gradeHistogramOption({ histogram: h, gammaSelect: 2, gammaBreak: 30 }).xAxis as { min: number; max: number }
    expect(axis.max).toBeGreaterThanOrEqual(30 * 1.25)
    expect(axis.min).toBeLessThanOrEqual(0.8)
  })
})

describe('gammaTick', () => {
  it('writes small grades plainly and large ones as powers of ten', () => {
    expect(gammaTick(1)).toBe('1')
    expect(gammaTick(0.31622776601683794)).toBe('0.316')
    expect(gammaTick(1000)).toBe('1000')
    expect(gammaTick(1e5)).toBe('10⁵')
    expect(gammaTick(1e12)).toBe('10¹²')
    expect(gammaTick(3.16e5)).toBe('3.2e+5')
  })
})
