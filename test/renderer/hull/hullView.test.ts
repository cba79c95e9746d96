import { describe, expect, it } from 'vitest'
import type { HullInputEntry } from '../../../src-main/analysis/hull'
import { binaryInput, decodeHull, rowsById, sourceText, stableFormulas, ternaryInput } from '../../../src-renderer/hull/hullView'
import { hullReplyOf } from './hullFixture'

const src = (frame: number) => ({ file: '/data/pyclupan/AgAu.extxyz', frame, label: frame === 4 ? '4-6-7' : null })
/** A small Ag–Au set (eV per cell): pure Ag −2.8, pure Au −3.2 eV/atom, one ordered AgAu below the tie line. */
const entries: HullInputEntry[] = [
  { id: 1, counts: { Ag: 1 }, energy: -2.8, source: src(0) },
  { id: 2, counts: { Au: 2 }, energy: -6.4, source: src(1) },
  { id: 3, counts: { Ag: 1, Au: 1 }, energy: -6.1, source: src(2) },
  { id: 4, counts: { Ag: 2, Au: 2 }, energy: -12.1, source: src(3) },
  { id: 5, counts: { Ag: 3, Au: 1 }, energy: -11.5, source: src(4) },
]
const data = decodeHull(hullReplyOf(entries, { elements: ['Ag', 'Au'] }))
const row = rowsById(data)

describe('hullView', () => {
  it('decodes energies in meV/atom and the stable flag of each entry', () => {
    expect(data.count).toBe(5)
    expect(Array.from(data.id)).toEqual([1, 2, 3, 4, 5])
    const agau = row.get(3)!
    // E_f = (−6.1 − (−2.8 − 3.2))/2 = −0.05 eV/atom.
    expect(data.formationEnergy[agau]).toBeCloseTo(-50, 9)
    expect(data.stable[agau]).toBe(1)
    expect(data.eAboveHull[row.get(4)!]).toBeCloseTo(25, 9)
    expect(data.stable[row.get(4)!]).toBe(0)
    expect(Array.from(data.composition.subarray(2 * agau, 2 * agau + 2))).toEqual([0.5, 0.5])
  })

  it('gives binary hull vertices as [x_Au, E_f]', () => {
    const input = binaryInput(data)
    expect(input.elements).toEqual(['Ag', 'Au'])
    const hull = [...input.hull].sort((a, b) => a[0] - b[0])
    expect(hull.map((v) => v[0])).toEqual([0, 0.5, 1])
    expect(hull[1][1]).toBeCloseTo(-50, 9)
    expect(() => ternaryInput(data)).toThrow(/3 elements, got 2/)
  })

  it('writes a readable source and the stable formulas', () => {
    expect(sourceText({ id: 5, ...src(4) })).toBe('AgAu.extxyz #4 (4-6-7)')
    expect(sourceText({ id: 4, ...src(3) })).toBe('AgAu.extxyz #3')
    expect(sourceText({ id: 9, file: null, frame: null, label: 'relaxed' })).toBe('relaxed')
    expect(sourceText(undefined)).toBe('')
    expect(stableFormulas(data)).toEqual(['Ag1', 'Ag1Au1', 'Au2'])
  })

  it('rejects a column of the wrong length', () => {
    const reply = hullReplyOf(entries, { elements: ['Ag', 'Au'] })
    expect(() => decodeHull({ ...reply, rows: 4 })).toThrow(/i32 column of 4 values has 20 bytes/)
  })
})
