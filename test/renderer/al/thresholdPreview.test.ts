import { afterEach, describe, expect, it, vi } from 'vitest'
import { debounce, gammaFromPosition, positionFromGamma, roundGamma, thresholdProblem } from '../../../src-renderer/al/thresholdPreview'

describe('thresholdProblem', () => {
  it('accepts γ_select ≥ 1 with γ_break ≥ γ_select', () => {
    expect(thresholdProblem(2, 10)).toBeNull()
    expect(thresholdProblem(1, 1)).toBeNull()
  })

  it('names what is wrong', () => {
    expect(thresholdProblem(0.5, 5)).toMatch(/at least 1/)
    expect(thresholdProblem(5, 3)).toMatch(/not be below/)
    expect(thresholdProblem(NaN, 3)).toMatch(/γ_select/)
  })
})

describe('γ slider scale', () => {
  it('maps positions logarithmically and back', () => {
    expect(gammaFromPosition(0, 1, 100)).toBe(1)
    expect(gammaFromPosition(0.5, 1, 100)).toBe(10)
    expect(gammaFromPosition(1, 1, 100)).toBe(100)
    expect(gammaFromPosition(2, 1, 100)).toBe(100)
    expect(positionFromGamma(10, 1, 100)).toBeCloseTo(0.5, 12)
    expect(positionFromGamma(0, 1, 100)).toBe(0)
    expect(positionFromGamma(1e6, 1, 100)).toBe(1)
  })

  it('rounds to the precision thresholds are chosen with', () => {
    expect(roundGamma(2.1049)).toBe(2.1)
    expect(roundGamma(2.116)).toBe(2.12)
    expect(roundGamma(12.345)).toBe(12.3)
    expect(roundGamma(345.6)).toBe(346)
  })
})

describe('debounce', () => {
  afterEach(() => vi.useRealTimers())

  it('runs once with the latest arguments after the pause, and not at all when cancelled', () => {
    vi.useFakeTimers()
    const seen: number[] = []
    const d = debounce((n: number) => seen.push(n), 100)
    d.call(1)
    d.call(2)
    vi.advanceTimersByTime(99)
    expect(seen).toEqual([])
    vi.advanceTimersByTime(1)
    expect(seen).toEqual([2])
    d.call(3)
    d.cancel()
    vi.advanceTimersByTime(500)
    expect(seen).toEqual([2])
  })
})
