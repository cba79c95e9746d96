import { describe, expect, it } from 'vitest'
import { evCurveOption } from '../../../../src-renderer/charts/options/evCurve'

const input = {
  curve: { volume: [15, 16, 17], mean: [-10.84, -10.85, -10.845], lo95: [-10.841, -10.851, -10.847], hi95: [-10.839, -10.849, -10.843] },
  members: [
    { label: 'm1', points: [{ volume: 15, energy: -10.8405 }, { volume: 17, energy: -10.8452 }] },
    { label: 'm2', points: [{ volume: 16, energy: -10.8501 }] },
  ],
  dft: [{ id: 7, volume: 15.92, energy: -10.8486, label: 'relaxed' }],
  v0: 15.9,
}

type S = { name: string; type: string; data: number[][]; stack?: string; stackStrategy?: string; markLine?: { data: { xAxis: number }[] } }

describe('evCurveOption', () => {
  const option = evCurveOption(input)
  const series = option.series as S[]
  const byName = (n: string) => series.find((s) => s.name === n)!

  it('draws the band as lower edge plus stacked width, in meV/atom above the mean curve’s minimum', () => {
    const lower = byName('95 % band lower')
    const width = byName('Ensemble 95 %')
    expect(lower.stack).toBe('band')
    expect(width.stack).toBe('band')
    // Negative lower edges must still carry the width (ECharts stacks same-sign values by default).
    expect([lower.stackStrategy, width.stackStrategy]).toEqual(['all', 'all'])
    // Minimum of the mean: −10.85 eV/atom. lo95 at V = 15: −10.841 → 9 meV/atom; width 2 meV/atom.
    expect(lower.data[0][1]).toBeCloseTo(9, 9)
    expect(width.data[0][1]).toBeCloseTo(2, 9)
    expect(byName('Ensemble mean (BM3)').data[1]).toEqual([16, 0])
  })

  it('keeps every member point with its absolute energy, the DFT points with their id, and marks V0', () => {
    expect(byName('m1').data).toHaveLength(2)
    expect(byName('m1').data[0][2]).toBe(-10.8405)
    expect(byName('m2').data[0][1]).toBeCloseTo(-0.1, 9)
    const dft = byName('DFT (project)')
    expect(dft.data[0][3]).toBe(7)
    expect(dft.data[0][1]).toBeCloseTo(1.4, 9)
    expect(byName('Ensemble mean (BM3)').markLine!.data[0].xAxis).toBe(15.9)
    expect((option.yAxis as { name: string }).name).toContain('E_min = -10.8500 eV/atom')
  })

  it('leaves the DFT series and legend entry out when there are no DFT points', () => {
    const o = evCurveOption({ ...input, dft: [] })
    expect((o.series as S[]).some((s) => s.name === 'DFT (project)')).toBe(false)
    expect((o.legend as { data: string[] }).data).not.toContain('DFT (project)')
  })
})
