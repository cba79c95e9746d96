import { describe, expect, it } from 'vitest'
import { elasticConstants, elasticEnsemble, elasticStrainSet, strainCell, strainedVolume, type StrainedStress } from '../../../src-main/analysis/elastic'
import type { Cell } from '../../../src-main/io/types'
import { cellVolume, EV_PER_A3_IN_GPA } from '../../../src-main/io/units'

const cell: Cell = [
  [3.1, 0.05, 0],
  [0.1, 3.2, 0.02],
  [0, 0.03, 3.0],
]
// A symmetric, positive-definite, non-cubic stiffness (GPa).
const C = [
  [460, 160, 150, 5, -3, 2],
  [160, 470, 155, 1, 4, -2],
  [150, 155, 480, -4, 2, 3],
  [5, 1, -4, 100, 6, 1],
  [-3, 4, 2, 6, 95, -2],
  [2, -2, 3, 1, -2, 98],
]
const residual = [0.3, -0.2, 0.1, 0.05, 0, -0.04] // GPa

/** Virial (eV, −V·σ) of a linear-elastic solid σ = σ0 + C·e at the strained cell's volume. */
function linearElastic(stiffness: number[][], delta: number): StrainedStress[] {
  return elasticStrainSet(cell, delta).map((s) => {
    const volume = strainedVolume(s)
    const sigma = stiffness.map((row, i) => (residual[i] + row.reduce((acc, c, j) => acc + c * s.strain[j], 0)) / EV_PER_A3_IN_GPA)
    return { component: s.component, sign: s.sign, delta, volume, virial: sigma.map((x) => -volume * x) }
  })
}

describe('elastic constants from ±strain stresses', () => {
  it('recovers a synthetic linear-elastic 6×6 to 1e-8 and the cubic averages', () => {
    const r = elasticConstants(linearElastic(C, 0.01))
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(Math.abs(r.c[i][j] - C[i][j])).toBeLessThan(1e-8)
    expect(r.asymmetry).toBeLessThan(1e-8)
    expect(r.cubic!.c11).toBeCloseTo(470, 8)
    expect(r.cubic!.c12).toBeCloseTo(155, 8)
    expect(r.cubic!.c44).toBeCloseTo(293 / 3, 8)
    expect(r.cubic!.bulkModulus).toBeCloseTo((470 + 2 * 155) / 3, 8)
  })

  it('sign convention: virial W = −∂E/∂e (compressive positive) gives C = (1/V) ∂²E/∂e² > 0', () => {
    // Energy of a cubic solid, E = E0 + (V0/2) e·C·e; its virial is −∂E/∂e (eV).
    const cubicC = [
      [472, 154, 154, 0, 0, 0],
      [154, 472, 154, 0, 0, 0],
      [154, 154, 472, 0, 0, 0],
      [0, 0, 0, 95, 0, 0],
      [0, 0, 0, 0, 95, 0],
      [0, 0, 0, 0, 0, 95],
    ].map((r) => r.map((x) => x / EV_PER_A3_IN_GPA))
    const v0 = cellVolume(cell)
    const delta = 0.001
    const samples = elasticStrainSet(cell, delta).map((s) => {
      const virial = cubicC.map((row) => -v0 * row.reduce((acc, c, j) => acc + c * s.strain[j], 0))
      return { component: s.component, sign: s.sign, delta, volume: strainedVolume(s), virial }
    })
    const compressedXX = samples.find((s) => s.component === 0 && s.sign === -1)!
    expect(compressedXX.virial[0]).toBeGreaterThan(0)
    const r = elasticConstants(samples)
    // σ = −W/V(strained) differs from −W/V0 at O(δ²): 1e-6 relative.
    expect(r.cubic!.c11).toBeCloseTo(472, 2)
    expect(r.cubic!.c12).toBeCloseTo(154, 2)
    expect(r.cubic!.c44).toBeCloseTo(95, 2)
  })

  it('strains cells by F = I + ε with engineering shears', () => {
    const s = strainCell(
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      [0.01, 0, 0, 0, 0, 0.02],
    )
    expect(s[0]).toEqual([1.01, 0.01, 0])
    expect(s[1]).toEqual([0.01, 1, 0])
    expect(elasticStrainSet(cell, 0.01)).toHaveLength(12)
    expect(elasticStrainSet(cell, 0.01, [0, 3]).map((x) => x.strain)).toEqual([
      [0.01, 0, 0, 0, 0, 0],
      [-0.01, 0, 0, 0, 0, 0],
      [0, 0, 0, 0.01, 0, 0],
      [0, 0, 0, -0.01, 0, 0],
    ])
    expect(() => elasticConstants(linearElastic(C, 0.01).filter((x) => !(x.component === 2 && x.sign === 1)))).toThrow(/component 2/)
  })

  it('ensemble: mean and 95 % interval of C11, C12, C44 over members', () => {
    const members = [0.98, 1, 1.02].map((f) => linearElastic(C.map((r) => r.map((x) => x * f)), 0.005))
    const e = elasticEnsemble(members)
    expect(e.cubic!.c11.mean).toBeCloseTo(470, 6)
    expect(e.cubic!.c11.halfWidth95).toBeCloseTo(1.96 * 470 * 0.02, 6)
    expect(e.c[3][3].mean).toBeCloseTo(100, 6)
  })
})
