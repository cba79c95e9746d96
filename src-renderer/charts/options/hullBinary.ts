import type { StudioChartOption } from '../registerCharts'
import { energyAxisRange, hullBands, stableColor } from './hullBands'
import { hullTooltipOption, rowLookup, scatterSeries, splitByBand, type HullPoints, type ThinningGrid } from './hullSeries'

export type { HullPoints } from './hullSeries'

export interface BinaryHullInput {
  /** [A, B]: x is the fraction of B. */
  elements: readonly [string, string]
  points: HullPoints
  /** Hull vertices as [x_B, formation energy in meV/atom]; sorted by x here. */
  hull: readonly (readonly [number, number])[]
  /** Thinning grid (hullSeries.ts pixelGrid); default 2048 cells per axis. */
  grid?: ThinningGrid
}

/** A hull chart: the option, the entry row drawn at (series index, data index), if any, and how many entries coincide with a drawn one and are not drawn. */
export interface HullChart {
  option: StudioChartOption
  rowAt: (seriesIndex: number, dataIndex: number) => number | null
  hidden: number
}

/**
 * Formation energy vs composition: one large-mode scatter series per energy-above-hull band, the
 * stable set on top with bigger symbols, and the lower hull as a line through its vertices.
 */
export function binaryHullOption(input: BinaryHullInput): HullChart {
  const [a, b] = input.elements
  const p = input.points
  let yMin = 0
  let yMax = 0
  for (let r = 0; r < p.count; r++) {
    const e = p.formationEnergy[r]
    if (e < yMin) yMin = e
    if (e > yMax) yMax = e
  }
  const [lo, hi] = energyAxisRange(yMin, yMax)
  const { series: groups, hidden } = splitByBand(
    p,
    (r, xy, at) => {
      xy[at] = p.composition[2 * r + 1]
      xy[at + 1] = p.formationEnergy[r]
    },
    { x0: 0, x1: 1, y0: lo, y1: hi },
    input.grid,
  )
  const bands = groups.slice(0, hullBands.length)
  const stable = groups[hullBands.length]
  const hull = [...input.hull].sort((u, v) => u[0] - v[0]).map(([x, e]) => [x, e])
  const rowAt = rowLookup([...bands.map((s) => s.rows), null, stable.rows])
  const option: StudioChartOption = {
    animation: false,
    grid: { left: 72, right: 24, top: 40, bottom: 56 },
    legend: { top: 4, data: ['on hull', ...hullBands.map((band) => band.name)] },
    tooltip: hullTooltipOption(input.elements, p, rowAt),
    xAxis: { type: 'value', min: 0, max: 1, name: `x in ${a}₁₋ₓ${b}ₓ (fraction of ${b})`, nameLocation: 'middle', nameGap: 32 },
    yAxis: { type: 'value', min: lo, max: hi, name: 'Formation energy (meV/atom)', nameLocation: 'middle', nameGap: 52 },
    series: [
      ...bands.map(scatterSeries),
      {
        type: 'line',
        name: 'hull',
        data: hull,
        symbol: 'none',
        silent: true,
        z: 3,
        lineStyle: { width: 1.5, color: stableColor },
        tooltip: { show: false },
      },
      scatterSeries(stable),
    ],
  }
  return { option, rowAt, hidden }
}
