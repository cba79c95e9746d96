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

/** The plot's data range; points are thinned on a grid over it (see `ThinningGrid`). */
export interface PlotRange {
  x0: number
  x1: number
  y0: number
  y1: number
}

/** Cells per axis of the thinning grid over the plot range (see splitByBand). */
export interface ThinningGrid {
  x: number
  y: number
}

/**
 * Without the chart's size: 2048 cells per axis, a cell under 0.6 px on any plot up to ~1200 px
 * wide, so two band points in one cell overlap almost exactly and only one is drawn (3 px symbols).
 */
export const defaultGrid: ThinningGrid = { x: 2048, y: 2048 }

/**
 * One cell per device pixel of a chart of this CSS size (the plot range is drawn inside the chart,
 * so a cell is smaller than a device pixel on screen): points in one cell fall on the same pixel.
 */
export function pixelGrid(widthPx: number, heightPx: number, pixelRatio: number): ThinningGrid {
  const cells = (px: number) => Math.min(8192, Math.max(64, Math.ceil(px * pixelRatio)))
  return { x: cells(widthPx), y: cells(heightPx) }
}

/**
 * The band series (in hullBands order) and then the stable set ('on hull'). Band points that fall
 * in an occupied grid cell of their band are left out (`hidden` counts them): at 10^5 entries most
 * points coincide on screen, and ECharts' time is per point drawn. Stable entries are never
 * thinned; hover shows the drawn entry, the table lists all.
 */
export function splitByBand(points: HullPoints, place: Placement, range: PlotRange, grid: ThinningGrid = defaultGrid): { series: PointSeries[]; hidden: number } {
  const groups = hullBands.length + 1
  const dropped = 255
  const groupOf = new Uint8Array(points.count)
  const sizes = new Int32Array(groups)
  // One bit per band per cell (hullBands.length ≤ 8).
  const occupied = new Uint8Array(grid.x * grid.y)
  const sx = grid.x / (range.x1 - range.x0)
  const sy = grid.y / (range.y1 - range.y0)
  const at = new Float64Array(2)
  const clamp = (v: number, bins: number) => (v < 0 ? 0 : v >= bins ? bins - 1 : v)
  for (let r = 0; r < points.count; r++) {
    let g = points.stable[r] ? hullBands.length : bandIndex(points.eAboveHull[r])
    if (g < hullBands.length) {
      place(r, at, 0)
      const cell = clamp(Math.floor((at[0] - range.x0) * sx), grid.x) * grid.y + clamp(Math.floor((at[1] - range.y0) * sy), grid.y)
      if (occupied[cell] & (1 << g)) g = dropped
      else occupied[cell] |= 1 << g
    }
    groupOf[r] = g
    if (g !== dropped) sizes[g]++
  }
  let hidden = points.count
  for (const n of sizes) hidden -= n
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
    const g = groupOf[r]
    if (g === dropped) continue
    const s = series[g]
    const k = filled[g]++
    s.rows[k] = r
    place(r, s.xy, 2 * k)
  }
  return { series, hidden }
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
