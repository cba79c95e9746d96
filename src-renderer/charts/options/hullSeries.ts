/**
 * Hull entries as plot series: one large-mode scatter series per energy-above-hull band plus the
 * stable set, each holding its points as a flat typed array [x0, y0, x1, y1, …] (ECharts reads
 * typed arrays with `dimensions` without a per-point object) and the row of each point, so hover
 * and click find the entry from (series, data index).
 */
import { bandIndex, hullBands, largeThreshold, stableColor } from './hullBands'

/** Pixels: symbols of large-mode series. */
export const largeSymbolSize = 3

/** Hull entries as columns; energies in meV/atom. */
export interface HullPoints {
  count: number
  /** Elements per composition. */
  dimensions: number
  /** count × dimensions, row-major: fractions summing to 1. */
  composition: Float64Array
  formationEnergy: Float64Array
  eAboveHull: Float64Array
  /** 1: on the hull. */
  stable: Uint8Array
  /** Configuration id. */
  id: Int32Array
}

export interface PointSeries {
  name: string
  color: string
  size: number
  z: number
  /** Flat [x, y] pairs. */
  xy: Float64Array
  /** Row of each point. */
  rows: Int32Array
}

/** Writes the plot position of `row` at xy[at], xy[at + 1]. */
export type Placement = (row: number, xy: Float64Array, at: number) => void

/** The band series (in hullBands order) and then the stable set ('on hull'). */
export function splitByBand(points: HullPoints, place: Placement): PointSeries[] {
  const groups = hullBands.length + 1
  const groupOf = new Uint8Array(points.count)
  const sizes = new Int32Array(groups)
  for (let r = 0; r < points.count; r++) {
    const g = points.stable[r] ? hullBands.length : bandIndex(points.eAboveHull[r])
    groupOf[r] = g
    sizes[g]++
  }
  const series: PointSeries[] = Array.from({ length: groups }, (_, g) => ({
    name: g < hullBands.length ? hullBands[g].name : 'on hull',
    color: g < hullBands.length ? hullBands[g].color : stableColor,
    size: g < hullBands.length ? 5 : 10,
    z: g < hullBands.length ? 2 : 4,
    xy: new Float64Array(2 * sizes[g]),
    rows: new Int32Array(sizes[g]),
  }))
  const filled = new Int32Array(groups)
  for (let r = 0; r < points.count; r++) {
    const s = series[groupOf[r]]
    const k = filled[groupOf[r]]++
    s.rows[k] = r
    place(r, s.xy, 2 * k)
  }
  return series
}

/** A scatter series of typed-array points, in large mode (one draw call) above the threshold. */
export function scatterSeries(s: PointSeries) {
  const large = s.rows.length > largeThreshold
  return {
    type: 'scatter' as const,
    name: s.name,
    data: s.xy as unknown as number[],
    dimensions: ['x', 'y'],
    // Below 4 px ECharts draws large-mode symbols with one fillRect each instead of an arc path:
    // ~10× faster at 10^5 points, and at that density a 3 px square reads as a dot.
    symbolSize: large ? Math.min(s.size, largeSymbolSize) : s.size,
    itemStyle: { color: s.color },
    large,
    largeThreshold,
    // Large mode draws 10^5 points as one path in tens of ms; ECharts' default would instead spread
    // them over frames of 5000 points (20 frames, ~0.5 s before the plot is complete).
    progressive: 0,
    z: s.z,
    emphasis: { scale: 1.8 },
  }
}

/** Tooltip text of one row: id, composition, formation energy and distance to the hull. */
export function hullTooltip(elements: readonly string[], points: HullPoints, row: number): string {
  const n = points.dimensions
  const comp = elements.map((el, k) => `${el} ${points.composition[row * n + k].toFixed(3)}`).join(' ')
  return `#${points.id[row]} · ${comp}<br>E<sub>f</sub> ${points.formationEnergy[row].toFixed(1)} meV/atom<br>above hull ${points.eAboveHull[row].toFixed(1)} meV/atom`
}

/** Maps (series index, data index) back to rows, given each series' rows (null: not entries). */
export function rowLookup(seriesRows: readonly (Int32Array | null)[]): (seriesIndex: number, dataIndex: number) => number | null {
  return (seriesIndex, dataIndex) => {
    const rows = seriesRows[seriesIndex]
    return rows && dataIndex >= 0 && dataIndex < rows.length ? rows[dataIndex] : null
  }
}

/** The item tooltip of a hull chart: the entry under the pointer, nothing for decoration series. */
export function hullTooltipOption(elements: readonly string[], points: HullPoints, rowAt: (seriesIndex: number, dataIndex: number) => number | null) {
  return {
    trigger: 'item' as const,
    formatter: (params: unknown) => {
      const { seriesIndex, dataIndex } = params as { seriesIndex: number; dataIndex: number }
      const row = rowAt(seriesIndex, dataIndex)
      return row === null ? '' : hullTooltip(elements, points, row)
    },
  }
}
