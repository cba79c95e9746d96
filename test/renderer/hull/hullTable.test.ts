import { describe, expect, it } from 'vitest'
import type { HullInputEntry } from '../../../src-main/analysis/hull'
import { csvField, hullCsv, hullTableRow, sortHullOrder, type HullTableRow } from '../../../src-renderer/hull/hullTable'
import { decodeHull } from '../../../src-renderer/hull/hullView'
import { hullReplyOf } from './hullFixture'

const src = { file: '/x/a.extxyz', frame: 0, label: null }
/** Ag −2.8 and Au −3.2 eV/atom; two AgAu cells (ids 3, 4) and Ag3Au1 (id 1) above the line. */
const entries: HullInputEntry[] = [
  { id: 3, counts: { Ag: 2, Au: 2 }, energy: -12.3, source: src },
  { id: 1, counts: { Ag: 3, Au: 1 }, energy: -11.7, source: src },
  { id: 2, counts: { Au: 1 }, energy: -3.2, source: src },
  { id: 4, counts: { Ag: 2, Au: 2 }, energy: -12.06, source: src },
  { id: 5, counts: { Ag: 1 }, energy: -2.8, source: src },
]
const data = decodeHull(hullReplyOf(entries, { elements: ['Ag', 'Au'] }))
const ids = (order: Int32Array) => Array.from(order, (r) => data.id[r])

describe('sortHullOrder', () => {
  it('sorts by energy above hull, ties by id', () => {
    // On the hull: 2, 3, 5. Id 1 (Ag3Au1, −25 meV/atom) is 12.5 above the tie line at −37.5; id 4 (−15) is 60 above.
    const order = sortHullOrder(data, { key: 'eAboveHull', descending: false })
    expect(ids(order)).toEqual([2, 3, 5, 1, 4])
    expect(data.eAboveHull[order[3]]).toBeCloseTo(12.5, 9)
    expect(data.eAboveHull[order[4]]).toBeCloseTo(60, 9)
  })

  it('sorts descending, by composition (fraction of the second element) and by formula', () => {
    expect(ids(sortHullOrder(data, { key: 'formationEnergy', descending: true }))).toEqual([2, 5, 4, 1, 3])
    expect(ids(sortHullOrder(data, { key: 'composition', descending: false }))).toEqual([5, 1, 3, 4, 2])
    expect(ids(sortHullOrder(data, { key: 'formula', descending: false }))).toEqual([5, 3, 4, 1, 2])
  })

  it('builds the rows of a page with formula, fractions and source', () => {
    const r = hullTableRow(data, 0, { id: 3, ...src })
    expect(r).toMatchObject({ id: 3, formula: 'Ag2Au2', fractions: [0.5, 0.5], stable: true, source: 'a.extxyz #0' })
    expect(hullTableRow(data, 1).source).toBe('')
    expect(r.formationEnergy).toBeCloseTo(-75, 9)
  })
})

const row = (id: number, xAu: number, ef: number, eah: number, stable: boolean, source = 'a.extxyz'): HullTableRow => ({
  id,
  formula: `Ag${Math.round((1 - xAu) * 4)}Au${Math.round(xAu * 4)}`,
  fractions: [1 - xAu, xAu],
  formationEnergy: ef,
  eAboveHull: eah,
  stable,
  source,
})

describe('hullCsv', () => {
  it('writes a header with units and one line per row in the given order', () => {
    const csv = hullCsv(['Ag', 'Au'], [row(3, 0.5, -61.68, 0, true), row(1, 0.25, -40.1, 5.03, false)])
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe('id,formula,x_Ag,x_Au,formation_energy_meV_per_atom,e_above_hull_meV_per_atom,stable,source')
    expect(lines[1]).toBe('3,Ag2Au2,0.500000,0.500000,-61.680,0.000,true,a.extxyz')
    expect(lines[2]).toBe('1,Ag3Au1,0.750000,0.250000,-40.100,5.030,false,a.extxyz')
    expect(lines[3]).toBe('')
    expect(lines).toHaveLength(4)
  })

  it('quotes fields with commas and quotes', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(hullCsv(['Ag', 'Au'], [row(9, 0, 0, 0, true, 'run 1, "final"')]).split('\r\n')[1]).toBe('9,Ag4Au0,1.000000,0.000000,0.000,0.000,true,"run 1, ""final"""')
  })
})
