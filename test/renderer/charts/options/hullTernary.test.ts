import { describe, expect, it } from 'vitest'
import { facetEdges, ternaryHullOption, ternaryXY } from '../../../../src-renderer/charts/options/hullTernary'

type Series = { name: string; data: ArrayLike<unknown> & unknown[] }
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
  /** [id, fractions, E_f, E above hull]. */
  const list: [number, number[], number, number][] = [
    [1, [1, 0, 0], 0, 0],
    [2, [0.5, 0.5, 0], -61.7, 0],
    [3, [1 / 3, 1 / 3, 1 / 3], -20, 12],
  ]
  const points = {
    count: list.length,
    dimensions: 3,
    id: Int32Array.from(list, (p) => p[0]),
    composition: Float64Array.from(list.flatMap((p) => p[1])),
    formationEnergy: Float64Array.from(list, (p) => p[2]),
    eAboveHull: Float64Array.from(list, (p) => p[3]),
    stable: Uint8Array.from(list, (p) => (p[3] === 0 ? 1 : 0)),
  }
  const vertices = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [0.5, 0.5, 0],
  ]
  const { option, rowAt } = ternaryHullOption({
    elements: ['Ag', 'Au', 'Cu'],
    points,
    vertices,
    facets: [
      [0, 3, 2],
      [3, 1, 2],
    ],
  })
  const series = option.series as Series[]
  const indexOf = (name: string) => series.findIndex((s) => s.name === name)
  const byName = (name: string) => series[indexOf(name)]

  it('projects points as flat x, y pairs and maps them back to their rows', () => {
    const [x, y] = Array.from(byName('5–25 meV/atom').data as unknown as Float64Array)
    expect(x).toBeCloseTo(0.5, 12)
    expect(y).toBeCloseTo(h / 3, 12)
    expect(points.id[rowAt(indexOf('5–25 meV/atom'), 0)!]).toBe(3)
    const onHull = indexOf('on hull')
    expect([0, 1].map((k) => points.id[rowAt(onHull, k)!])).toEqual([1, 2])
    expect(rowAt(indexOf('tie lines'), 0)).toBeNull()
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

  it('gives the composition and energies in the tooltip', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    expect(formatter({ seriesIndex: indexOf('5–25 meV/atom'), dataIndex: 0 })).toBe('#3 · Ag 0.333 Au 0.333 Cu 0.333<br>E<sub>f</sub> -20.0 meV/atom<br>above hull 12.0 meV/atom')
  })
})
