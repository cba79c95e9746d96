import { describe, expect, it } from 'vitest'
import { birchMurnaghanEnergy, refineBirchMurnaghan, cubicLatticeConstant, fitBirchMurnaghan, fitEosEnsemble, isotropicStrainCells } from '../../../src-main/analysis/eos'
import type { Cell } from '../../../src-main/io/types'
import { EV_PER_A3_IN_GPA } from '../../../src-main/io/units'

// bcc Mo-like cell (2 atoms, conventional cube).
const a = 3.16
const bcc: Cell = [
  [a, 0, 0],
  [0, a, 0],
  [0, 0, a],
]
const truth = { e0: -21.87, v0: 31.6, b0: 262 / EV_PER_A3_IN_GPA, b0Prime: 4.21 }

const points = (p: typeof truth, range = 0.08, n = 11) => isotropicStrainCells(bcc, range, n).map((c) => ({ volume: c.volume, energy: birchMurnaghanEnergy(c.volume, p) }))

describe('Birch–Murnaghan fit', () => {
  it('recovers V0, E0, B0 (GPa), B0′ of synthetic BM3 data to 1e-8', () => {
    const fit = fitBirchMurnaghan(points(truth))
    expect(Math.abs(fit.v0 / truth.v0 - 1)).toBeLessThan(1e-8)
    expect(Math.abs(fit.e0 - truth.e0)).toBeLessThan(1e-8)
    expect(Math.abs(fit.b0 / 262 - 1)).toBeLessThan(1e-8)
    expect(Math.abs(fit.b0Prime - truth.b0Prime)).toBeLessThan(1e-8)
    expect(fit.rmse).toBeLessThan(1e-10)
    expect(fit.v0InRange).toBe(true)
    // bcc: 2 atoms per cube, a = V0^(1/3).
    expect(cubicLatticeConstant(fit.v0, 2, 2)).toBeCloseTo(truth.v0 ** (1 / 3), 10)
    // fcc primitive cell of 1 atom: a = (4 V0)^(1/3).
    expect(cubicLatticeConstant(16, 1, 4)).toBeCloseTo(4, 12)
  })

  it('recovers the parameters from off-centre points (equilibrium near the edge of the range)', () => {
    const shifted = { ...truth, v0: 31.6 * 1.06 }
    const fit = fitBirchMurnaghan(points(shifted, 0.1, 9))
    expect(Math.abs(fit.v0 / shifted.v0 - 1)).toBeLessThan(1e-8)
    expect(Math.abs(fit.b0Prime - shifted.b0Prime)).toBeLessThan(1e-7)
  })

  it('Gauss–Newton ends at a least-squares stationary point for data that are not BM3 (Vinet)', () => {
    const vinet = (v: number) => {
      const x = (v / 31.6) ** (1 / 3)
      const eta = 1.5 * (4.6 - 1)
      const b = 262 / EV_PER_A3_IN_GPA
      return -21.87 + ((4 * b * 31.6) / (4.6 - 1) ** 2) * (1 - (1 + eta * (x - 1)) * Math.exp(-eta * (x - 1)))
    }
    const pts = isotropicStrainCells(bcc, 0.15, 15).map((c) => ({ volume: c.volume, energy: vinet(c.volume) }))
    const fit = fitBirchMurnaghan(pts)
    expect(fit.rmse).toBeGreaterThan(1e-6)
    const sse = (p: { e0: number; v0: number; b0: number; b0Prime: number }) => pts.reduce((s, q) => s + (q.energy - birchMurnaghanEnergy(q.volume, p)) ** 2, 0)
    const best = { e0: fit.e0, v0: fit.v0, b0: fit.b0 / EV_PER_A3_IN_GPA, b0Prime: fit.b0Prime }
    const base = sse(best)
    for (const key of ['e0', 'v0', 'b0', 'b0Prime'] as const)
      for (const h of [1e-4, -1e-4]) expect(sse({ ...best, [key]: best[key] * (1 + h) })).toBeGreaterThanOrEqual(base)
    expect(fit.v0).toBeCloseTo(31.6, 1)
  })

  it('Gauss–Newton converges from a start 5–10 % off', () => {
    const p = refineBirchMurnaghan(points(truth), { e0: truth.e0 + 0.05, v0: truth.v0 * 1.05, b0: truth.b0 * 0.9, b0Prime: 5 })
    expect(Math.abs(p.v0 / truth.v0 - 1)).toBeLessThan(1e-8)
    expect(Math.abs(p.b0 / truth.b0 - 1)).toBeLessThan(1e-8)
    expect(Math.abs(p.b0Prime - truth.b0Prime)).toBeLessThan(1e-7)
    expect(Math.abs(p.e0 - truth.e0)).toBeLessThan(1e-9)
  })

  it('refuses data without a minimum and too few points', () => {
    const pts = isotropicStrainCells(bcc, 0.05, 7).map((c) => ({ volume: c.volume, energy: -c.volume }))
    expect(() => fitBirchMurnaghan(pts)).toThrow(/no minimum|rank/)
    expect(() => fitBirchMurnaghan(pts.slice(0, 4))).toThrow(/at least 5/)
    expect(() => isotropicStrainCells(bcc, 0.05, 3)).toThrow()
  })

  it('ensemble: one fit per member, mean and 95 % interval (mean ± 1.96 σ)', () => {
    const b0s = [255, 260, 262, 266, 270]
    const ens = fitEosEnsemble(b0s.map((b) => points({ ...truth, b0: b / EV_PER_A3_IN_GPA })))
    const mean = b0s.reduce((x, y) => x + y) / 5
    const sd = Math.sqrt(b0s.reduce((s, b) => s + (b - mean) ** 2, 0) / 4)
    expect(ens.b0.mean).toBeCloseTo(mean, 6)
    expect(ens.b0.halfWidth95).toBeCloseTo(1.96 * sd, 6)
    expect(ens.b0.lo95).toBeCloseTo(mean - 1.96 * sd, 6)
    expect(ens.v0.std).toBeLessThan(1e-7)
    expect(ens.members).toHaveLength(5)
  })
})
