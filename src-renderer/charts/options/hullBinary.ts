import type { StudioChartOption } from '../registerCharts'
import { bandIndex, energyAxisRange, hullBands, largeThreshold, stableColor } from './hullBands'

/** One entry on a hull plot. Energies in meV/atom. */
export interface HullPlotPoint {
  id: number
  /** Composition fractions in the order of the plot's elements; they sum to 1. */
  fractions: readonly number[]
  formationEnergy: number
  eAboveHull: number
  stable: boolean
}

export interface BinaryHullInput {
  /** [A, B]: x is the fraction of B. */
  elements: readonly [string, string]
  points: readonly HullPlotPoint[]
  /** Hull vertices as [x_B, formation energy in meV/atom]; sorted by x here. */
  hull: readonly (readonly [number, number])[]
}

/** Data item of every scatter series: [x_B, E_f (meV/atom), E above hull (meV/atom), id]. */
export type BinaryDatum = [number, number, number, number]

/**
 * Formation energy vs composition: one large-mode scatter series per energy-above-hull band, the
 * stable set on top with bigger symbols, and the lower hull as a line through its vertices.
 */
export function binaryHullOption(input: BinaryHullInput): StudioChartOption {
  const [a, b] = input.elements
  const bands: BinaryDatum[][] = hullBands.map(() => [])
  const stable: BinaryDatum[] = []
  let yMin = 0
  let yMax = 0
  for (const p of input.points) {
    const d: BinaryDatum = [p.fractions[1], p.formationEnergy, p.eAboveHull, p.id]
    if (p.stable) stable.push(d)
    else bands[bandIndex(p.eAboveHull)].push(d)
    if (p.formationEnergy < yMin) yMin = p.formationEnergy
    if (p.formationEnergy > yMax) yMax = p.formationEnergy
  }
  const hull = [...input.hull].sort((p, q) => p[0] - q[0]).map(([x, e]) => [x, e])
  const [lo, hi] = energyAxisRange(yMin, yMax)
  const scatter = (name: string, data: BinaryDatum[], color: string, size: number, z: number) => ({
    type: 'scatter' as const,
    name,
    data,
    symbolSize: size,
    itemStyle: { color },
    large: data.length > largeThreshold,
    largeThreshold,
    progressive: 20000,
    z,
    emphasis: { scale: 1.8 },
  })
  return {
    animation: false,
    grid: { left: 72, right: 24, top: 40, bottom: 56 },
    legend: { top: 4, data: ['on hull', ...hullBands.map((band) => band.name)] },
    tooltip: { trigger: 'item', formatter: (params: unknown) => binaryTooltip(input.elements, (params as { data?: unknown }).data) },
    xAxis: { type: 'value', min: 0, max: 1, name: `x in ${a}₁₋ₓ${b}ₓ (fraction of ${b})`, nameLocation: 'middle', nameGap: 32 },
    yAxis: { type: 'value', min: lo, max: hi, name: 'Formation energy (meV/atom)', nameLocation: 'middle', nameGap: 52 },
    series: [
      ...hullBands.map((band, i) => scatter(band.name, bands[i], band.color, 5, 2)),
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
      scatter('on hull', stable, stableColor, 10, 4),
    ],
  }
}

/** Tooltip text of one point: id, composition, formation energy and distance to the hull. */
export function binaryTooltip(elements: readonly [string, string], data: unknown): string {
  if (!Array.isArray(data) || data.length < 4) return ''
  const [x, ef, eah, id] = data as BinaryDatum
  return `#${id} · ${elements[0]} ${(1 - x).toFixed(3)} ${elements[1]} ${x.toFixed(3)}<br>E<sub>f</sub> ${ef.toFixed(1)} meV/atom<br>above hull ${eah.toFixed(1)} meV/atom`
}
