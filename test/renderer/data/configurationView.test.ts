import { describe, expect, it } from 'vitest'
import {
  cellParameters,
  eVPerCubicAngstromInGPa,
  maxForce,
  stressFromVirial,
  toStructureData,
} from '../../../src-renderer/data/configurationView'

describe('toStructureData', () => {
  it('indexes species in the project order and appends unknown ones', () => {
    const s = toStructureData(
      {
        cell: [
          [3, 0, 0],
          [0, 3, 0],
          [0, 0, 3],
        ],
        species: ['Pd', 'Ag', 'Cu', 'Pd'],
        positions: [
          [0, 0, 0],
          [1, 1, 1],
          [2, 2, 2],
          [0, 1, 2],
        ],
      },
      ['Ag', 'Pd'],
    )
    expect(s.speciesLabels).toEqual(['Ag', 'Pd', 'Cu'])
    expect(s.species).toEqual([1, 0, 2, 1])
    expect(s.cell).not.toBeNull()
  })

  it('treats a cell with a missing vector as non-periodic', () => {
    const s = toStructureData({ cell: [[3, 0, 0], null, null], species: ['Mo'], positions: [[0, 0, 0]] })
    expect(s.cell).toBeNull()
    expect(s.speciesLabels).toEqual(['Mo'])
  })
})

describe('cellParameters', () => {
  it('gives lengths, angles and volume of an fcc primitive cell', () => {
    const a0 = 4.09 // Ag, Å
    const h = a0 / 2
    const p = cellParameters([
      [0, h, h],
      [h, 0, h],
      [h, h, 0],
    ])
    expect(p.a).toBeCloseTo(a0 / Math.SQRT2, 12)
    expect(p.alpha).toBeCloseTo(60, 10)
    expect(p.beta).toBeCloseTo(60, 10)
    expect(p.gamma).toBeCloseTo(60, 10)
    expect(p.volume).toBeCloseTo(a0 ** 3 / 4, 10)
  })

  it('is independent of handedness for the volume', () => {
    const p = cellParameters([
      [2, 0, 0],
      [0, 0, 3],
      [0, 4, 0],
    ])
    expect(p.volume).toBeCloseTo(24, 12)
    expect(p.alpha).toBeCloseTo(90, 12)
  })
})

describe('forces and stress', () => {
  it('finds the largest force magnitude', () => {
    expect(
      maxForce([
        [0.1, 0, 0],
        [0, -0.3, 0.4],
      ]),
    ).toBeCloseTo(0.5, 12)
    expect(maxForce([])).toBe(0)
  })

  it('converts PlusStress (eV) to tension-positive stress in GPa: σ = −W/V', () => {
    // The MLIP_FORMATS.md example: PlusStress xx = −7.55215 eV; a 100 Å³ cell.
    const sigma = stressFromVirial([-7.55215, 1, 0, 0, 0, 0.42377], 100)
    expect(sigma[0]).toBeCloseTo((7.55215 / 100) * eVPerCubicAngstromInGPa, 10)
    expect(sigma[1]).toBeCloseTo(-1.6021766208, 10)
    expect(sigma[5]).toBeCloseTo((-0.42377 / 100) * 160.21766208, 10)
    expect(() => stressFromVirial([1, 2, 3], 10)).toThrow(/6 Voigt/)
    expect(() => stressFromVirial([0, 0, 0, 0, 0, 0], 0)).toThrow(/positive/)
  })
})
