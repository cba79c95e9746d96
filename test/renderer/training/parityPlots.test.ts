import { describe, expect, it } from 'vitest'
import type { ParityDataView } from '../../../src-main/contract/training'
import { parityOption } from '../../../src-renderer/charts/options/parity'
import { clickedConfiguration, parityInput } from '../../../src-renderer/training/parityPlots'
import { errorRows } from '../../../src-renderer/training/errorTable'

const parity: ParityDataView = {
  potentialId: 9,
  configurationIds: [11, 12],
  split: ['train', 'valid'],
  natoms: [1, 2],
  groups: ['bulk', 'surface'],
  energyRef: [-10, -9],
  energyPred: [-10.1, -8.8],
  forceRef: [0.1, 0.2, 0.3, 1, 2, 3, 4, 5, 6],
  forcePred: [0.1, 0.2, 0.3, 1, 2, 3, 4, 5, 6.5],
  forceConfig: [0, 0, 0, 1, 1, 1, 1, 1, 1],
  stressRef: [[1, 2, 3, 4, 5, 6], null],
  stressPred: [[1.5, 2, 3, 4, 5, 6], null],
}

describe('parity plots', () => {
  it('select the points of a quantity and split, each with its configuration id', () => {
    expect(parityInput(parity, 'energy', 'all')).toMatchObject({ reference: [-10, -9], predicted: [-10.1, -8.8], ids: [11, 12], unit: 'eV/atom' })
    const forces = parityInput(parity, 'force', 'valid')
    expect(forces.ids).toEqual([12, 12, 12, 12, 12, 12])
    expect(forces.predicted[5]).toBe(6.5)
    expect(parityInput(parity, 'stress', 'all')).toMatchObject({ reference: [1, 2, 3, 4, 5, 6], ids: [11, 11, 11, 11, 11, 11], unit: 'GPa' })
    expect(parityInput(parity, 'stress', 'valid').reference).toEqual([])
  })

  it('a click on a point gives back its configuration', () => {
    const option = parityOption(parityInput(parity, 'energy', 'all'))
    const data = (option.series as { data: unknown[] }[])[0].data
    expect(data.map(clickedConfiguration).sort()).toEqual([11, 12])
    expect(clickedConfiguration(undefined)).toBeNull()
  })

  it('error rows in meV/atom, eV/Å and GPa, totals first', () => {
    const s = (e: number, f: number, fc: number, st: number) => ({ energy: { rmse: e, mae: e / 2, max: e, count: 2 }, force: { rmse: f, mae: f, max: f, count: fc }, stress: { rmse: st, mae: st, max: st, count: st ? 6 : 0 } })
    const rows = errorRows({ train: { all: s(0.005, 0.1, 9, 0.4), groups: { bulk: s(0.004, 0.1, 3, 0) } }, valid: null })
    expect(rows).toEqual([
      { split: 'training', group: 'all', total: true, configurations: 2, energyRmse: 5, energyMae: 2.5, forceRmse: 0.1, forceMae: 0.1, stressRmse: 0.4 },
      { split: 'training', group: 'bulk', total: false, configurations: 2, energyRmse: 4, energyMae: 2, forceRmse: 0.1, forceMae: 0.1, stressRmse: null },
    ])
  })
})

describe('parity chart option', () => {
  it('is the shared builder’s, with the unrounded axis ends hidden and one-frame drawing below 2·10⁵ points', async () => {
    const { parityChartOption } = await import('../../../src-renderer/training/parityPlots')
    const input = parityInput(parity, 'energy', 'all')
    const o = parityChartOption(input)
    expect(o.xAxis).toMatchObject({ min: (parityOption(input).xAxis as { min: number }).min, axisLabel: { showMinLabel: false, showMaxLabel: false } })
    expect(o.yAxis).toMatchObject({ axisLabel: { showMaxLabel: false } })
    const [points, line] = o.series as object[]
    const [shared, sharedLine] = parityOption(input).series as object[]
    expect(points).toEqual({ ...shared, progressiveThreshold: 200_000 })
    expect(line).toEqual(sharedLine)
  })
})
