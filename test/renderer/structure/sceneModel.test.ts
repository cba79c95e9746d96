import { describe, expect, it } from 'vitest'
import { buildSceneModel, cellEdges, type StructureData, type Vec3 } from '../../../src-renderer/structure/sceneModel'
import { hexToRgb, speciesStyles } from '../../../src-renderer/structure/elements'

const fcc: StructureData = {
  cell: [
    [4.0, 0, 0],
    [0, 4.0, 0],
    [0, 0, 4.0],
  ],
  positions: [
    [0, 0, 0],
    [2, 2, 0],
    [2, 0, 2],
    [0, 2, 2],
  ],
  species: [0, 1, 1, 1],
  speciesLabels: ['Ag', 'Pd'],
}

const length = (p: Vec3, q: Vec3) => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])

describe('cellEdges', () => {
  it('returns the 12 edges of a triclinic cell, four along each lattice vector', () => {
    const cell: [Vec3, Vec3, Vec3] = [
      [3, 0, 0],
      [1, 2, 0],
      [0.5, 0.5, 5],
    ]
    const edges = cellEdges(cell)
    expect(edges).toHaveLength(12)
    const lengths = edges.map(([p, q]) => length(p, q)).sort((a, b) => a - b)
    const la = 3
    const lb = Math.hypot(1, 2)
    const lc = Math.hypot(0.5, 0.5, 5)
    const expected = [la, la, la, la, lb, lb, lb, lb, lc, lc, lc, lc].sort((a, b) => a - b)
    lengths.forEach((l, i) => expect(l).toBeCloseTo(expected[i], 12))
    // The far corner a + b + c is reached by exactly three edges.
    const far: Vec3 = [4.5, 2.5, 5]
    expect(edges.filter(([p, q]) => length(p, far) < 1e-12 || length(q, far) < 1e-12)).toHaveLength(3)
  })
})

describe('buildSceneModel', () => {
  it('colours and sizes atoms by species and labels them 1-based', () => {
    const model = buildSceneModel(fcc, { repeats: [1, 1, 1], radiusScale: 0.5 })
    expect(model.atoms).toHaveLength(4)
    expect(model.atoms.every((a) => !a.image)).toBe(true)
    expect(model.atoms[0]).toMatchObject({ label: 'Ag 1', color: '#c0c0c0', radius: 1.45 * 0.5 })
    expect(model.atoms[3]).toMatchObject({ label: 'Pd 4', color: '#006985' })
    expect(model.cellEdges).toHaveLength(12)
  })

  it('adds na·nb·nc − 1 translated copies as periodic images', () => {
    const model = buildSceneModel(fcc, { repeats: [2, 3, 1], radiusScale: 0.5 })
    expect(model.atoms).toHaveLength(4 * 6)
    const images = model.atoms.filter((a) => a.image)
    expect(images).toHaveLength(4 * 5)
    const far = images.find((a) => a.label === 'Pd 2 (image 1 2 0)')
    expect(far?.position).toEqual([2 + 4, 2 + 8, 0])
  })

  it('draws neither images nor a cell for a molecule without a cell', () => {
    const model = buildSceneModel({ ...fcc, cell: null }, { repeats: [3, 3, 3], radiusScale: 0.5 })
    expect(model.atoms).toHaveLength(4)
    expect(model.cellEdges).toEqual([])
  })

  it('refuses inconsistent input with a message naming the problem', () => {
    expect(() => buildSceneModel({ ...fcc, species: [0, 1] })).toThrow(/4 positions but 2 species/)
    expect(() => buildSceneModel({ ...fcc, species: [0, 1, 2, 1] })).toThrow(/species index 2/)
  })
})

describe('speciesStyles', () => {
  it('gives unknown species distinct palette colours in order of appearance', () => {
    const styles = speciesStyles(['0', 'Mo', '1'])
    expect(styles[1].color).toBe('#54b5b5')
    expect(styles[0].color).not.toBe(styles[2].color)
    expect(styles[0].radius).toBe(1.3)
  })

  it('converts hex colours to NGL rgb triples', () => {
    expect(hexToRgb('#ff8000')).toEqual([1, 128 / 255, 0])
    expect(() => hexToRgb('red')).toThrow(/#rrggbb/)
  })
})
