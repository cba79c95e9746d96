import { describe, expect, it } from 'vitest'
import { levelCostOption } from '../../../../src-renderer/charts/options/levelCost'

const rows = [
  { level: 12, parameters: 54, relativeCost: 0.6, typicalTrainingSize: 226 },
  { level: 16, parameters: 125, relativeCost: 1, typicalTrainingSize: 442 },
  { level: 20, parameters: 329, relativeCost: 2.2, typicalTrainingSize: 920 },
]

describe('levelCostOption', () => {
  it('puts parameters and training-set size on the left log axis, the relative cost on the right', () => {
    const o = levelCostOption({ rows, chosen: 16, recommended: 20 })
    const series = o.series as { name: string; yAxisIndex?: number; data: unknown[]; markLine?: { data: { xAxis: string }[] } }[]
    expect((o.xAxis as { data: string[] }).data).toEqual(['12', '16', '20'])
    const params = series[0]
    expect(params.data.map((d) => (d as { value: number }).value)).toEqual([54, 125, 329])
    // The chosen level's bar is outlined, the recommended level marked.
    expect((params.data[1] as { itemStyle?: object }).itemStyle).toBeDefined()
    expect((params.data[0] as { itemStyle?: object }).itemStyle).toBeUndefined()
    expect(params.markLine!.data[0].xAxis).toBe('20')
    expect(series[1].data).toEqual([226, 442, 920])
    expect(series[2].yAxisIndex).toBe(1)
    expect(series[2].data).toEqual([0.6, 1, 2.2])
    expect((o.yAxis as { type: string }[]).map((a) => a.type)).toEqual(['log', 'log'])
  })

  it('has no cost series before the cost is measured', () => {
    const o = levelCostOption({ rows: rows.map((r) => ({ ...r, relativeCost: null })), chosen: 16, recommended: 16 })
    expect((o.series as unknown[]).length).toBe(2)
    expect((o.yAxis as { show: boolean }[])[1].show).toBe(false)
  })
})
