import type { StudioChartOption } from '../registerCharts'
import { hullBands, stableColor } from './hullBands'
import type { HullChart } from './hullBinary'
import { hullTooltipOption, rowLookup, scatterSeries, splitByBand, type HullPoints, type ThinningGrid } from './hullSeries'

const sqrt3over2 = Math.sqrt(3) / 2
/** Axis ranges around the triangle: equal spans' margins keep it equilateral in the page's square-ish frame. */
const xRange = [-0.04, 1.04] as const
const yRange = [-0.04, sqrt3over2 + 0.04] as const

/**
 * Barycentric → Cartesian for the composition triangle with A at (0, 0), B at (1, 0), C at
 * (½, √3/2): x = f_B + f_C/2, y = f_C·√3/2 (fractions normalised first).
 */
export function ternaryXY(fractions: readonly number[]): [number, number] {
  const [fa, fb, fc] = fractions
  const sum = fa + fb + fc
  if (!(sum > 0)) throw new Error('composition fractions must sum to a positive number')
  return [(fb + fc / 2) / sum, ((fc / sum) * sqrt3over2)]
}

/** The unique edges of triangular facets given as vertex index triples, each as [i, j] with i < j. */
export function facetEdges(facets: readonly (readonly number[])[]): [number, number][] {
  const seen = new Set<string>()
  const edges: [number, number][] = []
  for (const f of facets) {
    for (let k = 0; k < f.length; k++) {
      const i = Math.min(f[k], f[(k + 1) % f.length])
      const j = Math.max(f[k], f[(k + 1) % f.length])
      if (i === j || seen.has(`${i},${j}`)) continue
      seen.add(`${i},${j}`)
      edges.push([i, j])
    }
  }
  return edges
}

/** Grid and hidden axes of a ternary plot: equal x and y scales keep the triangle equilateral (the page fixes the aspect). */
export function ternaryFrame() {
  return {
    animation: false,
    grid: { left: 40, right: 40, top: 48, bottom: 24, containLabel: false },
    xAxis: { type: 'value' as const, min: xRange[0], max: xRange[1], show: false },
    yAxis: { type: 'value' as const, min: yRange[0], max: yRange[1], show: false },
  }
}

/** The triangle's outline and its corner labels [A left, B right, C top]: two decoration series. */
export function triangleSeries(elements: readonly [string, string, string]) {
  const [a, b, c] = elements
  const corners = [
    { value: [0, 0], name: a, position: 'left' },
    { value: [1, 0], name: b, position: 'right' },
    { value: [0.5, sqrt3over2], name: c, position: 'top' },
  ]
  return [
    {
      type: 'line' as const,
      name: 'triangle',
      data: [[0, 0], [1, 0], [0.5, sqrt3over2], [0, 0]],
      symbol: 'none',
      silent: true,
      lineStyle: { width: 1, color: '#888888' },
      tooltip: { show: false },
      z: 1,
    },
    {
      type: 'scatter' as const,
      name: 'corners',
      data: corners.map((k) => ({ value: k.value, name: k.name, label: { show: true, formatter: k.name, position: k.position, distance: 10, fontSize: 14, fontWeight: 'bold' as const } })),
      symbolSize: 0,
      silent: true,
      tooltip: { show: false },
    },
  ]
}

/** The projected edges of lower-hull facets as one polyline with '-' gaps: a single series however many facets. */
export function tieLineSeries(name: string, vertices: readonly (readonly number[])[], facets: readonly (readonly number[])[], color: string, dashed = false) {
  const projected = vertices.map(ternaryXY)
  const data: (number[] | '-')[] = []
  for (const [i, j] of facetEdges(facets)) data.push(projected[i], projected[j], '-')
  return {
    type: 'line' as const,
    name,
    data,
    connectNulls: false,
    symbol: 'none',
    silent: true,
    lineStyle: { width: 1.2, color, type: dashed ? ('dashed' as const) : ('solid' as const) },
    // The legend's icon takes the item colour.
    itemStyle: { color },
    tooltip: { show: false },
    z: 3,
  }
}

export interface TernaryHullInput {
  /** [A, B, C]: the corners left, right, top. */
  elements: readonly [string, string, string]
  points: HullPoints
  /** Hull vertices' composition fractions [f_A, f_B, f_C]. */
  vertices: readonly (readonly number[])[]
  /** Lower-hull facets as triples of indices into `vertices`. */
  facets: readonly (readonly number[])[]
  /** Thinning grid (hullSeries.ts pixelGrid); default 2048 cells per axis. */
  grid?: ThinningGrid
}

/**
 * The composition triangle seen from above: points coloured by energy-above-hull band (large mode
 * for 10^5 points), the stable set on top, and the projected edges of the lower-hull facets (the
 * tie lines between stable phases). Axes are hidden; the triangle and corner labels replace them.
 */
export function ternaryHullOption(input: TernaryHullInput): HullChart {
  const p = input.points
  const { series: groups, hidden } = splitByBand(
    p,
    (r, xy, at) => {
      // ternaryXY inlined: fractions from the core already sum to 1.
      const fb = p.composition[3 * r + 1]
      const fc = p.composition[3 * r + 2]
      xy[at] = fb + fc / 2
      xy[at + 1] = fc * sqrt3over2
    },
    { x0: xRange[0], x1: xRange[1], y0: yRange[0], y1: yRange[1] },
    input.grid,
  )
  const bands = groups.slice(0, hullBands.length)
  const stable = groups[hullBands.length]
  // Series order below: triangle, corners, the bands, tie lines, on hull.
  const rowAt = rowLookup([null, null, ...bands.map((s) => s.rows), null, stable.rows])
  const option = {
    ...ternaryFrame(),
    legend: { top: 4, data: ['on hull', ...hullBands.map((band) => band.name)] },
    tooltip: hullTooltipOption(input.elements, p, rowAt),
    series: [
      ...triangleSeries(input.elements),
      ...bands.map(scatterSeries),
      tieLineSeries('tie lines', input.vertices, input.facets, stableColor),
      scatterSeries(stable),
    ],
  } as StudioChartOption
  return { option, rowAt, hidden }
}
