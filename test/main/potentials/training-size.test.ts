import { describe, expect, it } from 'vitest'
import { typicalTrainingSize } from '../../../src-main/potentials/training-size'

describe('typicalTrainingSize', () => {
  it('gives the paper’s Ag–Pd numbers at levels 12, 16, 20', () => {
    expect(typicalTrainingSize(12)).toEqual({ configurations: 226, source: 'paper' })
    expect(typicalTrainingSize(16)).toEqual({ configurations: 442, source: 'paper' })
    expect(typicalTrainingSize(20)).toEqual({ configurations: 920, source: 'paper' })
  })

  it('interpolates geometrically in between', () => {
    // Halfway in level between 12 and 16: the geometric mean √(226·442) = 316.06.
    expect(typicalTrainingSize(14)).toEqual({ configurations: 316, source: 'interpolated' })
    expect(typicalTrainingSize(18)).toEqual({ configurations: Math.round(Math.sqrt(442 * 920)), source: 'interpolated' })
  })

  it('extends the end segments outside 12–20 and says so', () => {
    const low = typicalTrainingSize(8)
    expect(low.source).toBe('extrapolated')
    // Two level-4 steps below 12 at the 12→16 ratio 442/226.
    expect(low.configurations).toBe(Math.round(226 / (442 / 226)))
    const high = typicalTrainingSize(24)
    expect(high.source).toBe('extrapolated')
    expect(high.configurations).toBe(Math.round(920 * (920 / 442)))
  })
})
