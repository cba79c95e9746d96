import { describe, expect, it } from 'vitest'
import { csvField, hullCsv, sortHullRows, type HullTableRow } from '../../../src-renderer/hull/hullTable'

const row = (id: number, xAu: number, ef: number, eah: number, stable: boolean, source = 'a.extxyz'): HullTableRow => ({
  id,
  formula: `Ag${Math.round((1 - xAu) * 4)}Au${Math.round(xAu * 4)}`,
  fractions: [1 - xAu, xAu],
  formationEnergy: ef,
  eAboveHull: eah,
  stable,
  source,
})

const rows = [row(3, 0.5, -61.68, 0, true), row(1, 0.25, -40.1, 5.03, false), row(2, 0.75, -45.69, 0, true), row(4, 0.5, -20, 41.68, false)]

describe('sortHullRows', () => {
  it('sorts by energy above hull, ties by id, without touching the input', () => {
    expect(sortHullRows(rows, { key: 'eAboveHull', descending: false }).map((r) => r.id)).toEqual([2, 3, 1, 4])
    expect(rows.map((r) => r.id)).toEqual([3, 1, 2, 4])
  })

  it('sorts descending and by composition (fraction of the second element)', () => {
    expect(sortHullRows(rows, { key: 'formationEnergy', descending: true }).map((r) => r.id)).toEqual([4, 1, 2, 3])
    expect(sortHullRows(rows, { key: 'composition', descending: false }).map((r) => r.id)).toEqual([1, 3, 4, 2])
  })
})

describe('hullCsv', () => {
  it('writes a header with units and one line per row in the given order', () => {
    const csv = hullCsv(['Ag', 'Au'], [rows[0], rows[1]])
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
