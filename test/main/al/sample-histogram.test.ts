import { describe, expect, it } from 'vitest'
import { spreadSample } from '../../../src-main/al/step-select'
import { gradeHistogram } from '../../../src-main/al/views'

describe('initial sample and grade histogram', () => {
  it('spreads the sample over the candidate list, offset by the seed', () => {
    const ids = Array.from({ length: 100 }, (_, i) => 1000 + i)
    const a = spreadSample(ids, 10, 1)
    expect(a).toHaveLength(10)
    expect(new Set(a).size).toBe(10)
    // One from every tenth of the list.
    a.forEach((id, k) => expect(Math.floor((id - 1000) / 10)).toBe(k))
    expect(spreadSample(ids, 10, 1)).toEqual(a)
    expect(spreadSample(ids, 10, 700)).not.toEqual(a)
    expect(spreadSample(ids.slice(0, 3), 10, 5)).toEqual(ids.slice(0, 3))
  })

  it('bins log10 γ in half decades from γ = 1, every grade counted once', () => {
    const h = gradeHistogram([0.5, 1, 2, 3.5, 10, 12, 1e6, Infinity])
    expect(h.log10Edges[0]).toBe(-0.5)
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(8)
    expect(h.log10Edges).toHaveLength(h.counts.length + 1)
    const bin = (g: number) => h.counts[h.log10Edges.findIndex((e, i) => Math.log10(g) >= e && Math.log10(g) < h.log10Edges[i + 1])]
    // γ = 1 and 2 share [0, 0.5); 3.5 is alone in [0.5, 1).
    expect(bin(2)).toBe(2)
    expect(bin(3.5)).toBe(1)
    // 10 and 12 share [1, 1.5); 1e6 and ∞ land in the last bin.
    expect(bin(10)).toBe(2)
    expect(h.counts[h.counts.length - 1]).toBe(2)
    expect(h.log10Edges[h.log10Edges.length - 1]).toBeGreaterThanOrEqual(6)
  })
})
