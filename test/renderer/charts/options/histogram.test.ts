import { describe, expect, it } from 'vitest'
import { histogram, histogramOption } from '../../../../src-renderer/charts/options/histogram'

describe('histogram', () => {
  it('counts values in equal bins, last bin closed', () => {
    const h = histogram([0, 0.5, 1, 1.5, 2, 2, 4], 4)
    expect(h.edges).toEqual([0, 1, 2, 3, 4])
    expect(h.counts).toEqual([2, 2, 2, 1])
    expect(h.excluded).toBe(0)
  })

  it('uses the given range and reports what falls outside or is not finite', () => {
    const h = histogram([-1, 0.1, 0.9, 5, NaN, Infinity], 2, [0, 1])
    expect(h.counts).toEqual([1, 1])
    expect(h.excluded).toBe(4)
  })

  it('gives a single value a bin of non-zero width around it', () => {
    const h = histogram([-3.7, -3.7, -3.7], 3)
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3)
    expect(h.edges[0]).toBeLessThan(-3.7)
    expect(h.edges[3]).toBeGreaterThan(-3.7)
  })

  it('returns no bins for no finite values and rejects bad bin counts', () => {
    expect(histogram([NaN], 5)).toEqual({ edges: [], counts: [], excluded: 1 })
    expect(() => histogram([1], 0)).toThrow(/positive integer/)
    expect(() => histogram([1], 2.5)).toThrow(/positive integer/)
  })

  it('keeps the total for 10^5 random values', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, i) => Math.sin(i) * 3)
    const h = histogram(values, 64)
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(100_000)
    expect(h.edges).toHaveLength(65)
  })
})

describe('histogramOption', () => {
  it('draws one step point per bin plus the closing edge on a numeric axis', () => {
    const option = histogramOption({ histogram: histogram([0, 1, 1, 2], 2), xName: 'Energy (eV/atom)' })
    const series = (option.series as { data: [number, number][]; step: string }[])[0]
    expect(series.step).toBe('end')
    expect(series.data).toEqual([
      [0, 1],
      [1, 3],
      [2, 3],
    ])
    expect(option.xAxis).toMatchObject({ type: 'value', name: 'Energy (eV/atom)', min: 0, max: 2 })
  })
})
