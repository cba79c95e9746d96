import type { AlIterationView } from '../../src-main/contract/al'
import type { StudioChartOption } from '../charts/registerCharts'

/**
 * What the per-iteration plots (the paper's figs. 5–7) need of one active-learning iteration.
 * `reliability` is the fraction (0…1) of the exploration finished before γ_break stopped it;
 * errors are RMSEs of the iteration's potential on the validation set.
 */
export interface IterationPoint {
  /** Iteration number (0 = the initial training). */
  index: number
  reliability: number | null
  /** meV/atom */
  energyRmseMeV: number | null
  /** meV/Å (the contract gives eV/Å; the paper plots meV/Å). */
  forceRmseMeV: number | null
  trainingSetSize: number | null
  selected: number | null
}

export function iterationPoint(it: AlIterationView): IterationPoint {
  return {
    index: it.number,
    reliability: it.reliability,
    energyRmseMeV: it.validation?.energyRmseMeV ?? null,
    forceRmseMeV: it.validation?.forceRmse == null ? null : it.validation.forceRmse * 1000,
    trainingSetSize: it.trainingSetSize,
    selected: it.selected,
  }
}

/** Reliability as a percentage with one decimal, null where the iteration has none (yet). */
const percent = (fraction: number | null): number | null => (fraction === null ? null : Math.round(fraction * 1000) / 10)

/** One category per iteration: bars and points line up, and ECharts thins the labels of long runs. */
const iterationAxis = (points: readonly IterationPoint[]) => ({
  type: 'category' as const,
  name: 'Iteration',
  nameLocation: 'middle' as const,
  nameGap: 28,
  data: points.map((p) => String(p.index)),
})

/**
 * Reliability (%) on the left axis and validation errors on the right, per iteration (figs. 5 and 6):
 * the loop has converged when reliability reaches 100 % and the errors level off. Missing values are
 * gaps, not zeros.
 */
export function reliabilityOption(points: readonly IterationPoint[]): StudioChartOption {
  const hasErrors = points.some((p) => p.energyRmseMeV !== null || p.forceRmseMeV !== null)
  const series: NonNullable<StudioChartOption['series']> = [
    { type: 'line', name: 'Reliability (%)', yAxisIndex: 0, symbolSize: 7, data: points.map((p) => percent(p.reliability)) },
  ]
  if (hasErrors) {
    series.push(
      { type: 'line', name: 'Energy RMSE (meV/atom)', yAxisIndex: 1, symbol: 'diamond', symbolSize: 7, lineStyle: { type: 'dashed' }, data: points.map((p) => p.energyRmseMeV) },
      { type: 'line', name: 'Force RMSE (meV/Å)', yAxisIndex: 1, symbol: 'triangle', symbolSize: 7, lineStyle: { type: 'dotted' }, data: points.map((p) => p.forceRmseMeV) },
    )
  }
  return {
    animation: false,
    grid: { left: 64, right: hasErrors ? 64 : 24, top: 40, bottom: 48 },
    legend: { top: 4 },
    tooltip: { trigger: 'axis' },
    xAxis: iterationAxis(points),
    yAxis: [
      { type: 'value', name: 'Reliability (%)', min: 0, max: 100, nameLocation: 'middle', nameGap: 40 },
      ...(hasErrors ? [{ type: 'value' as const, name: 'RMSE', min: 0, splitLine: { show: false }, nameLocation: 'middle' as const, nameGap: 44 }] : []),
    ],
    series,
  }
}

/** Configurations selected in each iteration (bars) and the training-set size after it (line), fig. 7. */
export function trainingSetOption(points: readonly IterationPoint[]): StudioChartOption {
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 40, bottom: 48 },
    legend: { top: 4 },
    tooltip: { trigger: 'axis' },
    xAxis: iterationAxis(points),
    yAxis: { type: 'value', name: 'Configurations', minInterval: 1, min: 0, nameLocation: 'middle', nameGap: 44 },
    series: [
      { type: 'bar', name: 'Selected', barMaxWidth: 18, data: points.map((p) => p.selected) },
      { type: 'line', name: 'Training set', symbolSize: 7, data: points.map((p) => p.trainingSetSize) },
    ],
  }
}
