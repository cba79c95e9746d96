import type { StudioChartOption } from '../registerCharts'

export interface Histogram {
  /** Bin edges, length = counts.length + 1, ascending. */
  edges: number[]
  counts: number[]
  /** Values outside [edges[0], edges[last]] or not finite, not counted in any bin. */
  excluded: number
}

/**
 * Counts of `values` in `binCount` equal-width bins over `range` (default: min…max of the finite
 * values). Bins are half-open [lo, hi) except the last, which includes its upper edge.
 */
export function histogram(values: ArrayLike<number>, binCount: number, range?: readonly [number, number]): Histogram {
  if (!Number.isInteger(binCount) || binCount < 1) throw new Error(`bin count must be a positive integer, got ${binCount}`)
  let lo = range?.[0] ?? Infinity
  let hi = range?.[1] ?? -Infinity
  if (!range) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      if (!Number.isFinite(v)) continue
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  if (!(lo <= hi)) return { edges: [], counts: [], excluded: values.length }
  // A single distinct value still gets a bin of non-zero width, centred on it.
  if (lo === hi) {
    const half = Math.abs(lo) > 0 ? Math.abs(lo) * 1e-3 : 0.5
    lo -= half
    hi += half
  }
  const width = (hi - lo) / binCount
  const counts = new Array<number>(binCount).fill(0)
  let excluded = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v) || v < lo || v > hi) {
      excluded++
      continue
    }
    counts[Math.min(binCount - 1, Math.floor((v - lo) / width))]++
  }
  const edges = Array.from({ length: binCount + 1 }, (_, k) => lo + k * width)
  edges[binCount] = hi
  return { edges, counts, excluded }
}

export interface HistogramChartInput {
  histogram: Histogram
  /** Axis name with its unit, e.g. "Energy per atom (eV/atom)". */
  xName: string
  yName?: string
  color?: string
}

/**
 * A histogram drawn as a filled step line on a numeric x axis (bars on a category axis would lose the
 * numeric scale). Points: one per bin at its left edge, plus the last right edge.
 */
export function histogramOption(input: HistogramChartInput): StudioChartOption {
  const { edges, counts } = input.histogram
  const data: [number, number][] = counts.map((c, k) => [edges[k], c])
  if (counts.length > 0) data.push([edges[counts.length], counts[counts.length - 1]])
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 16, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'value',
      name: input.xName,
      nameLocation: 'middle',
      nameGap: 30,
      min: edges[0],
      max: edges[edges.length - 1],
      scale: true,
    },
    yAxis: { type: 'value', name: input.yName ?? 'Count', minInterval: 1 },
    series: [
      {
        type: 'line',
        step: 'end',
        symbol: 'none',
        data,
        lineStyle: { width: 1, color: input.color },
        itemStyle: { color: input.color },
        areaStyle: { opacity: 0.35 },
      },
    ],
  }
}
