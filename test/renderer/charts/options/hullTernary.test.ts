import { describe, expect, it } from 'vitest'
import type { HullPlotPoint } from '../../../../src-renderer/charts/options/hullBinary'
import { facetEdges, ternaryHullOption, ternaryTooltip, ternaryXY } from '../../../../src-renderer/charts/options/hullTernary'

type Series = { name: string; data: unknown[] }
const h = Math.sqrt(3) / 2

describe('ternaryXY', () => {
  it('maps the corners and the centre of the triangle', () => {
    expect(ternaryXY([1, 0, 0])).toEqual([0, 0])
    expect(ternaryXY([0, 1, 0])).toEqual([1, 0])
    const [x, y] = ternaryXY([0, 0, 1])
    expect(x).toBeCloseTo(0.5, 15)
    expect(y).toBeCloseTo(h, 15)
    const [cx, cy] = ternaryXY([1 / 3, 1 / 3, 1 / 3])
    expect(cx).toBeCloseTo(0.5, 15)
    expect(cy).toBeCloseTo(h / 3, 15)
  })

  it('normalises fractions and rejects an empty composition', () => {
    expect(ternaryXY([2, 2, 0])).toEqual([0.5, 0])
    expect(() => ternaryXY([0, 0, 0])).toThrow(/positive/)
  })
})

describe('facetEdges', () => {
  it('returns each shared edge once', () => {
    expect(facetEdges([
      [0, 1, 3],
      [1, 2, 3],
    ])).toEqual([
      [0, 1],
      [1, 3],
      [0, 3],
      [1, 2],
      [2, 3],
    ])
  })
})

describe('ternaryHullOption', () => {
  const pt = (id: number, f: number[], ef: number, eah: number): HullPlotPoint => ({ id, fractions: f, formationEnergy: ef, eAboveHull: eah, stable: eah === 0 })
  const vertices = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [0.5, 0.5, 0],
  ]
  const option = ternaryHullOption({
    elements: ['Ag', 'Au', 'Cu'],
    points: [pt(1, [1, 0, 0], 0, 0), pt(2, [0.5, 0.5, 0], -61.7, 0), pt(3, [1 / 3, 1 / 3, 1 / 3], -20, 12)],
    vertices,
    facets: [
      [0, 3, 2],
      [3, 1, 2],
    ],
  })
  const series = option.series as Series[]
  const byName = (name: string) => series.find((s) => s.name === name)!

  it('projects points and keeps id and energies in each datum', () => {
    const [x, y, eah, id, ef] = byName('5–25 meV/atom').data[0] as number[]
    expect(x).toBeCloseTo(0.5, 12)
    expect(y).toBeCloseTo(h / 3, 12)
    expect([eah, id, ef]).toEqual([12, 3, -20])
    expect(byName('on hull').data.map((d) => (d as number[])[3])).toEqual([1, 2])
  })

  it('draws every tie line once, separated by gaps', () => {
    const lines = byName('tie lines').data
    // 5 unique edges × (2 ends + 1 gap).
    expect(lines).toHaveLength(15)
    expect(lines.filter((d) => d === '-')).toHaveLength(5)
    expect(lines[0]).toEqual([0, 0])
    expect(lines[1]).toEqual([0.5, 0])
  })

  it('labels the corners with the elements, left, right and top', () => {
    const corners = byName('corners').data as { name: string; value: number[] }[]
    expect(corners.map((c) => c.name)).toEqual(['Ag', 'Au', 'Cu'])
    expect(corners[2].value[1]).toBeCloseTo(h, 15)
  })

  it('recovers the composition in the tooltip', () => {
    const d = byName('5–25 meV/atom').data[0]
    expect(ternaryTooltip(['Ag', 'Au', 'Cu'], d)).toBe('#3 · Ag 0.333 Au 0.333 Cu 0.333<br>E<sub>f</sub> -20.0 meV/atom<br>above hull 12.0 meV/atom')
  })
})
