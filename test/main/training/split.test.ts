import { describe, expect, it } from 'vitest'
import { validationMask } from '../../../src-main/training/split'

describe('validation split', () => {
  it('holds out round(f·n) configurations, the same ones for the same seed', () => {
    const a = validationMask(100, 0.1, 7)
    expect(a.filter(Boolean)).toHaveLength(10)
    expect(validationMask(100, 0.1, 7)).toEqual(a)
    expect(validationMask(100, 0.1, 8)).not.toEqual(a)
    expect(validationMask(8, 0.25, 1).filter(Boolean)).toHaveLength(2)
  })

  it('keeps at least one configuration for training and holds out none at f = 0', () => {
    expect(validationMask(1, 0.5, 1)).toEqual([false])
    expect(validationMask(2, 0.5, 3).filter(Boolean)).toHaveLength(1)
    expect(validationMask(50, 0, 3).some(Boolean)).toBe(false)
    expect(validationMask(0, 0.2, 3)).toEqual([])
  })
})
