import type { StudioChartOption } from '../registerCharts'

/** What the E–V chart draws; volumes Å³/atom, energies eV/atom (the 'analysis/ev' reply's units). */
export interface EvChartInput {
  curve: { volume: number[]; mean: number[]; lo95: number[]; hi95: number[] }
  members: { label: string; points: { volume: number; energy: number }[] }[]
  dft: { id: number; volume: number; energy: number; label: string | null }[]
  /** Equilibrium volume of the ensemble mean, marked with a vertical line. */
  v0?: number
}

const BAND = 'rgba(33, 145, 140, 0.22)'
const MEAN = '#1b6f6a'
/** Members: distinct hues that read on light and dark backgrounds (Tableau 10). */
const MEMBER_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#edc948', '#76b7b2', '#ff9da7', '#9c755f', '#bab0ac', '#e15759']

/**
 * E–V curves: the 95 % ensemble band (drawn as a stacked area between lo95 and hi95), the mean
 * Birch–Murnaghan curve, every member's computed points, and DFT points from the project as
 * larger diamonds. Energies are shown relative to the lowest value of the mean curve (meV/atom),
 * so differences of a few meV are readable; the tooltip gives absolute values.
 */
export function evCurveOption(input: EvChartInput): StudioChartOption {
  const { curve } = input
  const ref = Math.min(...curve.mean)
  const rel = (e: number) => (e - ref) * 1000
  const lower = curve.volume.map((v, k) => [v, rel(curve.lo95[k])])
  const width = curve.volume.map((v, k) => [v, (curve.hi95[k] - curve.lo95[k]) * 1000])
  const series: NonNullable<StudioChartOption['series']> = [
    // stackStrategy 'all': the lower edge may be negative and the width positive; ECharts' default
    // ('samesign') would stack the width on zero instead of on the lower edge.
    {
      type: 'line',
      name: '95 % band lower',
      data: lower,
      stack: 'band',
      stackStrategy: 'all',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      silent: true,
      tooltip: { show: false },
    },
    {
      type: 'line',
      name: 'Ensemble 95 %',
      data: width,
      stack: 'band',
      stackStrategy: 'all',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      itemStyle: { color: BAND },
      areaStyle: { color: BAND },
      silent: true,
      tooltip: { show: false },
    },
    {
      type: 'line',
      name: 'Ensemble mean (BM3)',
      data: curve.volume.map((v, k) => [v, rel(curve.mean[k])]),
      symbol: 'none',
      // The band's hue, darker: the mean reads as the centre of its band, apart from the members' colours.
      lineStyle: { width: 2, color: MEAN },
      itemStyle: { color: MEAN },
    },
    ...input.members.map((m, k) => ({
      type: 'scatter' as const,
      name: m.label,
      data: m.points.map((p) => [p.volume, rel(p.energy), p.energy]),
      symbolSize: 5,
      itemStyle: { color: MEMBER_COLORS[k % MEMBER_COLORS.length] },
    })),
  ]
  if (input.dft.length) {
    series.push({
      type: 'scatter',
      name: 'DFT (project)',
      data: input.dft.map((p) => [p.volume, rel(p.energy), p.energy, p.id]),
      symbol: 'diamond',
      symbolSize: 12,
      itemStyle: { color: '#d1495b', borderColor: '#ffffff', borderWidth: 1 },
      z: 5,
    })
  }
  if (input.v0 !== undefined) {
    ;(series[2] as { markLine?: unknown }).markLine = {
      silent: true,
      symbol: 'none',
      label: { formatter: 'V₀' },
      lineStyle: { type: 'dashed', color: '#888888' },
      data: [{ xAxis: input.v0 }],
    }
  }
  return {
    animation: false,
    grid: { left: 72, right: 24, top: 40, bottom: 56 },
    legend: { top: 4, type: 'scroll', data: ['Ensemble mean (BM3)', 'Ensemble 95 %', ...input.members.map((m) => m.label), ...(input.dft.length ? ['DFT (project)'] : [])] },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { seriesName, data } = p as { seriesName: string; data: number[] }
        const abs = data[2] ?? data[1] / 1000 + ref
        return `${seriesName}<br/>V = ${data[0].toFixed(3)} Å³/atom<br/>E = ${abs.toFixed(5)} eV/atom (${data[1].toFixed(2)} meV/atom above the minimum)`
      },
    },
    xAxis: { type: 'value', name: 'Volume (Å³/atom)', nameLocation: 'middle', nameGap: 32, scale: true },
    yAxis: { type: 'value', name: `E − E_min (meV/atom), E_min = ${ref.toFixed(4)} eV/atom`, nameLocation: 'middle', nameGap: 52, scale: true },
    series,
  }
}
