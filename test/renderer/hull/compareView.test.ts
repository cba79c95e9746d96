import { describe, expect, it } from 'vitest'
import { binaryCompareOption, maxIntervalBars, ternaryCompareOption } from '../../../src-renderer/charts/options/hullCompare'
import { compareCsv, compareRow, decodeCompare, sortCompareOrder, stableAgreement, type CompareReply } from '../../../src-renderer/hull/compareView'
import { hullCompareResult } from '../../../src-main/contract/hull-compare'
import { columnText } from './hullFixture'

type Series = { name: string; data: ArrayLike<unknown> }

/**
 * A two-member Ag–Au comparison of four entries: the pure references, AgAu with DFT, and a
 * candidate Ag3Au without DFT (NaN DFT columns). Energies in meV/atom.
 */
function reply(): CompareReply {
  const f64 = (v: number[]) => columnText(Float64Array.from(v))
  const u8 = (v: number[]) => columnText(Uint8Array.from(v))
  const hull = { vertices: [{ composition: [1, 0], formationEnergyMeV: 0, entryId: 1 }, { composition: [0.5, 0.5], formationEnergyMeV: -60, entryId: 3 }, { composition: [0, 1], formationEnergyMeV: 0, entryId: 2 }], facets: [[0, 1], [1, 2]] }
  return hullCompareResult.parse({
    computeId: 'c1',
    elements: ['Ag', 'Au'],
    tolerance: 1e-9,
    relax: 'none',
    rows: 4,
    members: [{ label: 'm0', references: [] }, { label: 'm1', references: [] }],
    dftReferences: [],
    formulas: ['Ag1', 'Au1', 'Ag1Au1', 'Ag3Au1'],
    columns: {
      id: columnText(Int32Array.from([1, 2, 3, 4])),
      natoms: columnText(Int32Array.from([1, 1, 2, 4])),
      formula: columnText(Int32Array.from([0, 1, 2, 3])),
      composition: f64([1, 0, 0, 1, 0.5, 0.5, 0.75, 0.25]),
      hasDft: u8([1, 1, 1, 0]),
      inDftJob: u8([0, 0, 0, 1]),
      dftFormationMeV: f64([0, 0, -61.7, NaN]),
      dftEAboveHullMeV: f64([0, 0, 0, NaN]),
      dftStable: u8([1, 1, 1, 0]),
      mtpFormationMeV: f64([0, 0, -60, -20]),
      mtpFormationStdMeV: f64([0, 0, 2, 5]),
      mtpFormationLo95MeV: f64([0, 0, -63.92, -29.8]),
      mtpFormationHi95MeV: f64([0, 0, -56.08, -10.2]),
      mtpEAboveHullMeV: f64([0, 0, 0, 10]),
      mtpEAboveHullLo95MeV: f64([0, 0, 0, 0.2]),
      mtpEAboveHullHi95MeV: f64([0, 0, 1, 19.8]),
      mtpStable: u8([1, 1, 1, 0]),
      mtpStableMembers: u8([2, 2, 2, 0]),
    },
    dftHull: hull,
    mtpHull: hull,
    summary: { compared: 3, rmseMeV: 0.98, maeMeV: 0.57, maxAbsMeV: 1.7, biasMeV: 0.57, memberRmseMeV: [1, 1.2], dftStable: [1, 3, 2], mtpStable: [1, 3, 2], missedByMtp: [], extraInMtp: [], candidatesOnMtpHull: [], unevaluated: 0 },
    skipped: 0,
    warnings: [],
  })
}

describe('decodeCompare and its rows', () => {
  const d = decodeCompare(reply())

  it('gives the DFT and MTP values of a row, the interval half-width and DFT − MTP', () => {
    const r = compareRow(d, 2)
    expect(r).toMatchObject({ id: 3, formula: 'Ag1Au1', fractions: [0.5, 0.5], dftFormation: -61.7, mtpFormation: -60, dftStable: true, mtpStable: true })
    expect(r.mtpFormationHalf).toBeCloseTo(3.92, 10)
    expect(r.difference).toBeCloseTo(-1.7, 10)
    expect(compareRow(d, 3).difference).toBeNaN()
    expect(compareRow(d, 3).inDftJob).toBe(true)
  })

  it('sorts with missing values last in either direction, ties by id', () => {
    expect(Array.from(sortCompareOrder(d, 'mtpEAboveHull', false), (r) => d.id[r])).toEqual([1, 2, 3, 4])
    expect(Array.from(sortCompareOrder(d, 'mtpEAboveHull', true), (r) => d.id[r])).toEqual([4, 1, 2, 3])
    expect(Array.from(sortCompareOrder(d, 'dftEAboveHull', true), (r) => d.id[r])).toEqual([1, 2, 3, 4])
    expect(Array.from(sortCompareOrder(d, 'difference', true), (r) => d.id[r])).toEqual([3, 1, 2, 4])
  })

  it('writes every column to the CSV, empty where a value does not exist', () => {
    const lines = compareCsv(d, [2, 3], (id) => (id === 4 ? 'cands.cfg #0' : '')).split('\r\n')
    expect(lines[0].split(',')).toContain('mtp_formation_energy_lo95_meV_per_atom')
    expect(lines[0].split(',')).toContain('dft_minus_mtp_meV_per_atom')
    expect(lines[1]).toBe('3,Ag1Au1,0.500000,0.500000,-61.700,0.000,true,-60.000,-63.920,-56.080,0.000,0.000,1.000,true,-1.700,')
    expect(lines[2]).toBe('4,Ag3Au1,0.750000,0.250000,,,,-20.000,-29.800,-10.200,10.000,0.200,19.800,false,,cands.cfg #0')
    expect(lines[3]).toBe('')
  })

  it('measures the stable-set agreement over the entries with DFT', () => {
    expect(stableAgreement({ ...d.summary, dftStable: [1, 2, 3, 5], missedByMtp: [5], extraInMtp: [7, 8] })).toEqual({ both: 3, either: 6, ratio: 0.5 })
    expect(stableAgreement(d.summary).ratio).toBe(1)
  })
})

describe('binaryCompareOption and ternaryCompareOption', () => {
  const d = decodeCompare(reply())

  it('draws DFT and MTP points, the MTP intervals as bars and both hull lines; points map back to rows', () => {
    const { option, rowAt } = binaryCompareOption(d)
    const series = option.series as Series[]
    const index = (name: string) => series.findIndex((s) => s.name === name)
    expect(Array.from(series[index('DFT')].data as Float64Array)).toEqual([0, 0, 1, 0, 0.5, -61.7])
    expect(Array.from(series[index('MTP (mean)')].data as Float64Array)).toEqual([0, 0, 1, 0, 0.5, -60, 0.25, -20])
    expect(rowAt(index('MTP (mean)'), 3)).toBe(3)
    expect(rowAt(index('MTP 95 % interval'), 0)).toBeNull()
    // The references' zero-width intervals are bars too; the candidate's is [−29.8, −10.2].
    expect(series[index('MTP 95 % interval')].data).toContainEqual([0.25, -29.8])
    expect(series[index('MTP 95 % interval')].data).toContainEqual([0.25, -10.2])
    expect(series[index('DFT hull')].data).toEqual([[0, 0], [0.5, -60], [1, 0]])
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    expect(tooltip({ seriesIndex: index('MTP (mean)'), dataIndex: 3 })).toContain('MTP E<sub>f</sub> -20.0 ± 9.8 meV/atom (95 %)')
    expect(tooltip({ seriesIndex: index('MTP (mean)'), dataIndex: 3 })).toContain('DFT E<sub>f</sub> –')
    expect(maxIntervalBars).toBeGreaterThan(1000)
  })

  it('refuses the wrong number of elements', () => {
    expect(() => ternaryCompareOption(d)).toThrow(/3 elements/)
  })
})
