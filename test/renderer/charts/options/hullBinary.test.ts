import { describe, expect, it } from 'vitest'
import { bandIndex, energyAxisRange, hullBands, largeThreshold } from '../../../../src-renderer/charts/options/hullBands'
import { binaryHullOption, binaryTooltip, type HullPlotPoint } from '../../../../src-renderer/charts/options/hullBinary'

type Series = { name: string; type: string; data: unknown[]; large?: boolean }

const point = (id: number, x: number, ef: number, eah: number, stable = eah === 0): HullPlotPoint => ({ id, fractions: [1 - x, x], formationEnergy: ef, eAboveHull: eah, stable })

describe('bandIndex', () => {
  it('puts values in half-open bands [0,5) [5,25) [25,100) [100,∞)', () => {
    expect([0, 4.999, 5, 24.9, 25, 99, 100, 1e6].map(bandIndex)).toEqual([0, 0, 1, 1, 2, 2, 3, 3])
    expect(hullBands).toHaveLength(4)
  })
})

describe('energyAxisRange', () => {
  it('pads and rounds outwards to 10, 50 or 100 meV/atom by span', () => {
    expect(energyAxisRange(-61.68, 0)).toEqual([-70, 10])
    expect(energyAxisRange(-64, 55)).toEqual([-70, 60])
    expect(energyAxisRange(-300, 400)).toEqual([-350, 450])
    expect(energyAxisRange(-500, 2000)).toEqual([-600, 2100])
    expect(energyAxisRange(0, 0)).toEqual([-10, 10])
  })
})

describe('binaryHullOption', () => {
  const points = [point(1, 0, 0, 0), point(2, 1, 0, 0), point(3, 0.5, -61.68, 0), point(4, 0.5, -58, 3.68), point(5, 0.25, -10, 20.84), point(6, 0.75, 60, 90.8), point(7, 0.2, 150, 180)]
  const option = binaryHullOption({
    elements: ['Ag', 'Au'],
    points,
    hull: [
      [1, 0],
      [0, 0],
      [0.5, -61.68],
    ],
  })
  const series = option.series as Series[]
  const byName = (name: string) => series.find((s) => s.name === name)!

  it('marks the stable set in its own series and bins the rest by energy above hull', () => {
    expect(byName('on hull').data.map((d) => (d as number[])[3]).sort()).toEqual([1, 2, 3])
    expect(byName('< 5 meV/atom').data).toEqual([[0.5, -58, 3.68, 4]])
    expect(byName('5–25 meV/atom').data).toEqual([[0.25, -10, 20.84, 5]])
    expect(byName('25–100 meV/atom').data).toEqual([[0.75, 60, 90.8, 6]])
    expect(byName('≥ 100 meV/atom').data).toEqual([[0.2, 150, 180, 7]])
  })

  it('draws the hull through its vertices in order of composition', () => {
    expect(byName('hull').data).toEqual([
      [0, 0],
      [0.5, -61.68],
      [1, 0],
    ])
  })

  it('labels axes with composition and units and covers every energy', () => {
    const x = option.xAxis as { name: string; min: number; max: number }
    const y = option.yAxis as { name: string; min: number; max: number }
    expect(x.name).toContain('fraction of Au')
    expect([x.min, x.max]).toEqual([0, 1])
    expect(y.name).toBe('Formation energy (meV/atom)')
    // Data span −61.68 … 180 → 50 meV/atom steps.
    expect([y.min, y.max]).toEqual([-100, 200])
  })

  it('switches a band to large mode above the threshold (10^5 points)', () => {
    const many: HullPlotPoint[] = []
    for (let i = 0; i < 100_000; i++) many.push(point(i + 10, (i % 97) / 96, 200 + (i % 13), 200 + (i % 13), false))
    const big = binaryHullOption({ elements: ['Ag', 'Pd'], points: many, hull: [[0, 0], [1, 0]] })
    const s = (big.series as Series[]).find((k) => k.name === '≥ 100 meV/atom')!
    expect(s.data).toHaveLength(100_000)
    expect(s.large).toBe(true)
    expect((big.series as Series[]).find((k) => k.name === 'on hull')!.large).toBe(false)
    expect(largeThreshold).toBeLessThan(100_000)
  })

  it('writes a tooltip with composition and both energies', () => {
    expect(binaryTooltip(['Ag', 'Au'], [0.25, -10, 20.84, 5])).toBe('#5 · Ag 0.750 Au 0.250<br>E<sub>f</sub> -10.0 meV/atom<br>above hull 20.8 meV/atom')
    expect(binaryTooltip(['Ag', 'Au'], undefined)).toBe('')
  })
})
