import { describe, expect, it } from 'vitest'
import { bandIndex, energyAxisRange, hullBands, largeThreshold } from '../../../../src-renderer/charts/options/hullBands'
import { binaryHullOption } from '../../../../src-renderer/charts/options/hullBinary'
import { pixelGrid, type HullPoints } from '../../../../src-renderer/charts/options/hullSeries'

type Series = { name: string; type: string; data: ArrayLike<unknown>; large?: boolean; dimensions?: string[] }

/** Columns of binary points [id, x_B, E_f, E above hull]; stable when E above hull is 0. */
function binaryPoints(list: [number, number, number, number][]): HullPoints {
  return {
    count: list.length,
    dimensions: 2,
    id: Int32Array.from(list, (p) => p[0]),
    composition: Float64Array.from(list.flatMap((p) => [1 - p[1], p[1]])),
    formationEnergy: Float64Array.from(list, (p) => p[2]),
    eAboveHull: Float64Array.from(list, (p) => p[3]),
    stable: Uint8Array.from(list, (p) => (p[3] === 0 ? 1 : 0)),
  }
}

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
  const points = binaryPoints([
    [1, 0, 0, 0],
    [2, 1, 0, 0],
    [3, 0.5, -61.68, 0],
    [4, 0.5, -58, 3.68],
    [5, 0.25, -10, 20.84],
    [6, 0.75, 60, 90.8],
    [7, 0.2, 150, 180],
  ])
  const { option, rowAt } = binaryHullOption({
    elements: ['Ag', 'Au'],
    points,
    hull: [
      [1, 0],
      [0, 0],
      [0.5, -61.68],
    ],
  })
  const series = option.series as Series[]
  const indexOf = (name: string) => series.findIndex((s) => s.name === name)
  const xy = (name: string) => Array.from(series[indexOf(name)].data as Float64Array)
  const idsIn = (name: string) => Array.from({ length: xy(name).length / 2 }, (_, k) => points.id[rowAt(indexOf(name), k)!])

  it('marks the stable set in its own series and bins the rest by energy above hull, as flat x, y pairs', () => {
    expect(idsIn('on hull')).toEqual([1, 2, 3])
    expect(xy('on hull')).toEqual([0, 0, 1, 0, 0.5, -61.68])
    expect(xy('< 5 meV/atom')).toEqual([0.5, -58])
    expect(idsIn('5–25 meV/atom')).toEqual([5])
    expect(xy('25–100 meV/atom')).toEqual([0.75, 60])
    expect(idsIn('≥ 100 meV/atom')).toEqual([7])
    expect(series[indexOf('on hull')].dimensions).toEqual(['x', 'y'])
    // The hull line is decoration: no entry behind its points.
    expect(rowAt(indexOf('hull'), 0)).toBeNull()
    expect(rowAt(indexOf('on hull'), 3)).toBeNull()
  })

  it('draws the hull through its vertices in order of composition', () => {
    expect(series[indexOf('hull')].data).toEqual([
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

  it('switches a band to large mode above the threshold (10^5 points at distinct places)', () => {
    const many: [number, number, number, number][] = []
    for (let i = 0; i < 100_000; i++) many.push([i + 10, (i % 1000) / 999, 200 + 3 * Math.floor(i / 1000), 200])
    const chart = binaryHullOption({ elements: ['Ag', 'Pd'], points: binaryPoints(many), hull: [[0, 0], [1, 0]] })
    const big = chart.option
    const s = (big.series as Series[]).find((k) => k.name === '≥ 100 meV/atom')!
    expect(s.data).toHaveLength(200_000)
    expect(chart.hidden).toBe(0)
    expect(s.large).toBe(true)
    expect((big.series as Series[]).find((k) => k.name === 'on hull')!.large).toBe(false)
    expect(largeThreshold).toBeLessThan(100_000)
  })

  it('draws one of the band points that fall in the same grid cell, never thinning the stable set', () => {
    // 10^4 entries on 10 places: each place 1000×, within 1e-6 meV/atom (far below a grid cell).
    const list: [number, number, number, number][] = []
    for (let i = 0; i < 10_000; i++) list.push([i + 10, (i % 10) / 9, 50 + (i % 10) * 10 + 1e-6 * (i % 7), 50 + (i % 10) * 10])
    list.push([1, 0, 0, 0], [2, 0, 0, 0], [3, 1, 0, 0])
    const chart = binaryHullOption({ elements: ['Ag', 'Pd'], points: binaryPoints(list), hull: [[0, 0], [1, 0]] })
    const all = chart.option.series as Series[]
    const drawn = all.filter((k) => k.name.includes('meV/atom')).reduce((n, k) => n + k.data.length / 2, 0)
    expect(drawn).toBe(10)
    expect(chart.hidden).toBe(10_000 - 10)
    // The two coincident stable entries at x = 0 are both drawn.
    expect(all.find((k) => k.name === 'on hull')!.data).toHaveLength(6)
    // The drawn point of each place is its first entry.
    const band = all.findIndex((k) => k.name === '25–100 meV/atom')
    expect(chart.rowAt(band, 0)).toBe(0)
  })

  it('thins on a grid of the chart\'s device pixels when given one', () => {
    // 1000 entries at x = 0.5, E_f from 0 to 99.9 meV/atom in 0.1 steps; axis −10 … 110 (120 meV/atom).
    const list: [number, number, number, number][] = [[1, 0, 0, 0], [2, 1, 0, 0]]
    for (let i = 0; i < 1000; i++) list.push([i + 10, 0.5, i / 10, 30])
    const drawnOn = (grid?: ReturnType<typeof pixelGrid>) => {
      const chart = binaryHullOption({ elements: ['Ag', 'Pd'], points: binaryPoints(list), hull: [[0, 0], [1, 0]], grid })
      return { drawn: 1000 - chart.hidden, hidden: chart.hidden }
    }
    // 240 px tall at ratio 1: 2 cells per meV/atom, so 0.1-meV/atom steps fill 200 cells.
    expect(pixelGrid(800, 240, 1)).toEqual({ x: 800, y: 240 })
    expect(drawnOn(pixelGrid(800, 240, 1)).drawn).toBe(200)
    // A device-pixel ratio of 2 doubles the cells; the default 2048 cells draw every entry here.
    expect(drawnOn(pixelGrid(800, 240, 2)).drawn).toBe(400)
    expect(drawnOn().drawn).toBe(1000)
    // Clamped to 64 … 8192 cells per axis.
    expect(pixelGrid(10, 10_000, 1)).toEqual({ x: 64, y: 8192 })
  })

  it('writes a tooltip with composition and both energies', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    expect(formatter({ seriesIndex: indexOf('5–25 meV/atom'), dataIndex: 0 })).toBe('#5 · Ag 0.750 Au 0.250<br>E<sub>f</sub> -10.0 meV/atom<br>above hull 20.8 meV/atom')
    expect(formatter({ seriesIndex: indexOf('hull'), dataIndex: 0 })).toBe('')
  })
})
