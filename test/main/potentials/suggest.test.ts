import { describe, expect, it } from 'vitest'
import { recommendLevel, suggestRadial } from '../../../src-main/potentials/suggest'
import { MTP_LEVELS } from '../../../src-main/potentials/level-table'

describe('suggestRadial', () => {
  it('puts R_min just below the smallest distance and R_cut at ≈2.7·R_min, at least 5 Å', () => {
    // The mlearn Mo training set: smallest distance 1.8829 Å.
    const mo = suggestRadial(1.8829, 194)
    expect(mo.minDist).toBe(1.8)
    expect(mo.maxDist).toBe(5)
    expect(mo.reason).toContain('1.883 Å')
    const wide = suggestRadial(2.31, 10)
    expect(wide.minDist).toBe(2.3)
    expect(wide.maxDist).toBe(6.3)
  })

  it('falls back to MLIP’s defaults without data', () => {
    expect(suggestRadial(null, 0)).toMatchObject({ minDist: 2, maxDist: 5 })
  })
})

describe('recommendLevel', () => {
  it('takes the highest level whose typical training set the data covers, in small-cell equivalents', () => {
    // 30 configurations of 8 atoms = 30 equivalents: below level 8's ≈59 → the lowest offered, 6.
    expect(recommendLevel({ configurations: 30, atoms: 240 }, MTP_LEVELS).level).toBe(6)
    // 450 small cells: level 16 (442) fits, 18 (≈638) does not.
    const r = recommendLevel({ configurations: 450, atoms: 3600 }, MTP_LEVELS)
    expect(r.level).toBe(16)
    expect(r.reason).toContain('≈442')
    expect(r.reason).toContain('Level 18 would typically need ≈638')
    // The mlearn Mo set (217 configurations, 11,276 atoms ≈ 1,410 small cells) reaches the cap, 20.
    expect(recommendLevel({ configurations: 217, atoms: 11276 }, MTP_LEVELS).level).toBe(20)
  })

  it('starts active learning at level 16 without data', () => {
    expect(recommendLevel({ configurations: 0, atoms: 0 }, MTP_LEVELS).level).toBe(16)
  })
})
