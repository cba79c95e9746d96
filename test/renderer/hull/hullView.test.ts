import { describe, expect, it } from 'vitest'
import { computeHull, type HullInputEntry } from '../../../src-main/analysis/hull'
import { hullResult } from '../../../src-main/contract/analysis'
import { binaryInput, hullPlotPoints, hullTableRows, stableFormulas, ternaryInput } from '../../../src-renderer/hull/hullView'

const src = (frame: number) => ({ file: '/data/pyclupan/AgAu.extxyz', frame, label: frame === 4 ? '4-6-7' : null })
/** A small Ag–Au set (eV per cell): pure Ag −2.8, pure Au −3.2 eV/atom, one ordered AgAu below the tie line. */
const entries: HullInputEntry[] = [
  { id: 1, counts: { Ag: 1 }, energy: -2.8, source: src(0) },
  { id: 2, counts: { Au: 2 }, energy: -6.4, source: src(1) },
  { id: 3, counts: { Ag: 1, Au: 1 }, energy: -6.1, source: src(2) },
  { id: 4, counts: { Ag: 2, Au: 2 }, energy: -12.1, source: src(3) },
  { id: 5, counts: { Ag: 3, Au: 1 }, energy: -11.5, source: src(4) },
]
// Through the contract's schema, as the renderer receives it.
const reply = hullResult.parse(computeHull(entries, { elements: ['Ag', 'Au'] }))

describe('hullView', () => {
  it('keeps energies in meV/atom and the stable flag of each entry', () => {
    const points = hullPlotPoints(reply)
    const agau = points.find((p) => p.id === 3)!
    // E_f = (−6.1 − (−2.8 − 3.2))/2 = −0.05 eV/atom.
    expect(agau.formationEnergy).toBeCloseTo(-50, 9)
    expect(agau.stable).toBe(true)
    const second = points.find((p) => p.id === 4)!
    expect(second.eAboveHull).toBeCloseTo(25, 9)
    expect(second.stable).toBe(false)
  })

  it('gives binary hull vertices as [x_Au, E_f]', () => {
    const input = binaryInput(reply)
    expect(input.elements).toEqual(['Ag', 'Au'])
    const hull = [...input.hull].sort((a, b) => a[0] - b[0])
    expect(hull.map((v) => v[0])).toEqual([0, 0.5, 1])
    expect(hull[1][1]).toBeCloseTo(-50, 9)
    expect(() => ternaryInput(reply)).toThrow(/3 elements, got 2/)
  })

  it('builds table rows with a readable source and the stable formulas', () => {
    const rows = hullTableRows(reply)
    expect(rows).toHaveLength(5)
    expect(rows.find((r) => r.id === 5)!.source).toBe('AgAu.extxyz #4 (4-6-7)')
    expect(rows.find((r) => r.id === 4)!.source).toBe('AgAu.extxyz #3')
    expect(stableFormulas(reply)).toEqual(['Ag1', 'Ag1Au1', 'Au2'])
  })

  it('leaves out entries without a configuration id (file-based hulls)', () => {
    const fromFile = hullResult.parse(computeHull(entries.map((e) => ({ ...e, id: `f:${e.id}` })), { elements: ['Ag', 'Au'] }))
    expect(hullPlotPoints(fromFile)).toEqual([])
    expect(stableFormulas(fromFile)).toHaveLength(3)
  })
})
