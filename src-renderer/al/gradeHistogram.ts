import type { LineSeriesOption } from 'echarts/charts'
import { histogramOption, type Histogram } from '../charts/options/histogram'
import type { StudioChartOption } from '../charts/registerCharts'

/** The core's grade histogram: counts in bins of log10 γ (one γ per relaxed structure or MD run). */
export interface Log10Histogram {
  log10Edges: readonly number[]
  counts: readonly number[]
}

/** Bin edges back in γ, for a log axis. */
export function gradeHistogram(h: Log10Histogram): Histogram {
  if (h.log10Edges.length !== h.counts.length + 1 && h.counts.length > 0) {
    throw new Error(`${h.counts.length} bins need ${h.counts.length + 1} edges, got ${h.log10Edges.length}`)
  }
  return { edges: h.log10Edges.map((e) => 10 ** e), counts: [...h.counts], excluded: 0 }
}

/** Marker colours readable on the light and the dark theme (the sliders use the theme's warning and error). */
const selectColor = '#e39b1b'
const breakColor = '#e0554b'

const superscript: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' }

/**
 * Log-axis tick text: plain below 10⁴, powers of ten above, so an early iteration whose runs blew up
 * to γ ≈ 10⁷ does not print overlapping "10,000,000" labels.
 */
export function gammaTick(value: number): string {
  if (value < 1e4) return String(Number(value.toPrecision(3)))
  const exponent = Math.log10(value)
  if (Math.abs(exponent - Math.round(exponent)) < 1e-9) return `10${[...String(Math.round(exponent))].map((c) => superscript[c]).join('')}`
  return value.toExponential(1)
}

export interface GradeHistogramInput {
  histogram: Histogram
  gammaSelect: number
  gammaBreak: number
}

/**
 * Step histogram of grades (the shared histogram chart) on a log γ axis with markers at γ = 1 (edge
 * of the training domain), γ_select and γ_break. The axis reaches past the markers when the grades
 * do not (a converged iteration has all γ near 1). Each data item is [γ at the bin's left edge, count].
 */
export function gradeHistogramOption(input: GradeHistogramInput): StudioChartOption {
  const { edges } = input.histogram
  const base = histogramOption({ histogram: input.histogram, xName: 'Extrapolation grade γ (largest per structure or MD run)' })
  const [steps] = base.series as LineSeriesOption[]
  const lowest = Math.min(edges[0] ?? 1, 0.8)
  const highest = Math.max(edges[edges.length - 1] ?? 1, input.gammaBreak * 1.25)
  return {
    ...base,
    grid: { left: 56, right: 24, top: 32, bottom: 48 },
    xAxis: {
      type: 'log',
      logBase: 10,
      name: 'Extrapolation grade γ (largest per structure or MD run)',
      nameLocation: 'middle',
      nameGap: 28,
      // Half decades keep the log axis labels readable (0.5, 1, 5, 10 …).
      min: 10 ** (Math.floor(Math.log10(lowest) * 2) / 2),
      max: 10 ** (Math.ceil(Math.log10(highest) * 2) / 2),
      // The lowest label (a half decade below 1) would crowd the "1".
      axisLabel: { formatter: gammaTick, showMinLabel: false },
    },
    series: [
      {
        ...steps,
        name: 'Structures / runs',
        markLine: {
          symbol: 'none',
          silent: true,
          // Along the lines: γ_select and γ_break are often close on the log axis, and labels across them would overlap.
          label: { formatter: '{b}', position: 'insideEndTop', fontSize: 11, textBorderWidth: 0 },
          data: [
            { xAxis: 1, name: 'γ = 1', lineStyle: { type: 'dotted', color: '#888888' }, label: { show: false } },
            { xAxis: input.gammaSelect, name: `γ_select ${input.gammaSelect}`, lineStyle: { type: 'dashed', color: selectColor }, label: { color: selectColor } },
            { xAxis: input.gammaBreak, name: `γ_break ${input.gammaBreak}`, lineStyle: { type: 'solid', color: breakColor }, label: { color: breakColor } },
          ],
        },
      },
    ],
  }
}
