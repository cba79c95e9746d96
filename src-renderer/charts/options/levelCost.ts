import type { StudioChartOption } from '../registerCharts'

export interface LevelChartInput {
  rows: { level: number; parameters: number; relativeCost: number | null; typicalTrainingSize: number }[]
  chosen: number
  recommended: number
}

/**
 * What a level costs, on logarithmic axes: parameters and the typical training-set size on the
 * left, the measured evaluation cost relative to level 16 on the right. The chosen level's bar is
 * outlined, the recommended one marked.
 */
export function levelCostOption(input: LevelChartInput): StudioChartOption {
  const levels = input.rows.map((r) => String(r.level))
  const measured = input.rows.some((r) => r.relativeCost !== null)
  return {
    animation: false,
    grid: { left: 64, right: measured ? 72 : 24, top: 56, bottom: 48 },
    legend: { top: 4 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: levels, name: 'Level', nameLocation: 'middle', nameGap: 30 },
    yAxis: [
      { type: 'log', name: 'Parameters, configurations', nameLocation: 'middle', nameGap: 48, min: 1 },
      { type: 'log', name: 'Cost relative to level 16', nameLocation: 'middle', nameGap: 48, position: 'right', show: measured, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: 'Parameters',
        data: input.rows.map((r) => ({
          value: r.parameters,
          itemStyle: r.level === input.chosen ? { borderColor: '#222222', borderWidth: 2 } : undefined,
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#888888' },
          label: { formatter: 'recommended' },
          data: [{ xAxis: String(input.recommended) }],
        },
      },
      { type: 'line', name: 'Typical training set (configurations)', data: input.rows.map((r) => r.typicalTrainingSize), symbol: 'circle' },
      ...(measured
        ? [{ type: 'line' as const, name: 'Evaluation cost (level 16 = 1)', yAxisIndex: 1, data: input.rows.map((r) => r.relativeCost), symbol: 'triangle' }]
        : []),
    ],
  }
}
