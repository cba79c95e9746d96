import type { StudioChartOption } from '../registerCharts'

export interface ParityStats {
  count: number
  /** Root-mean-square of predicted − reference, in the quantity's unit. */
  rmse: number
  meanAbsoluteError: number
  maxAbsoluteError: number
}

export function parityStats(reference: ArrayLike<number>, predicted: ArrayLike<number>): ParityStats {
  if (reference.length !== predicted.length) {
    throw new Error(`reference has ${reference.length} values, predicted ${predicted.length}`)
  }
  const n = reference.length
  let sumSq = 0
  let sumAbs = 0
  let maxAbs = 0
  for (let i = 0; i < n; i++) {
    const d = predicted[i] - reference[i]
    sumSq += d * d
    sumAbs += Math.abs(d)
    if (Math.abs(d) > maxAbs) maxAbs = Math.abs(d)
  }
  return { count: n, rmse: n ? Math.sqrt(sumSq / n) : NaN, meanAbsoluteError: n ? sumAbs / n : NaN, maxAbsoluteError: maxAbs }
}

/**
 * Local point density for colouring a crowded scatter: the number of points in the same cell of a
 * `gridSize`×`gridSize` grid over [lo, hi]² (a 2-D histogram read back at every point), which is
 * O(n) where a kernel density estimate would be O(n²).
 */
export function gridDensity(x: ArrayLike<number>, y: ArrayLike<number>, lo: number, hi: number, gridSize: number): Uint32Array {
  const n = x.length
  const cellOf = new Int32Array(n)
  const counts = new Uint32Array(gridSize * gridSize)
  const scale = hi > lo ? gridSize / (hi - lo) : 0
  for (let i = 0; i < n; i++) {
    const cx = Math.min(gridSize - 1, Math.max(0, Math.floor((x[i] - lo) * scale)))
    const cy = Math.min(gridSize - 1, Math.max(0, Math.floor((y[i] - lo) * scale)))
    cellOf[i] = cy * gridSize + cx
    counts[cellOf[i]]++
  }
  const density = new Uint32Array(n)
  for (let i = 0; i < n; i++) density[i] = counts[cellOf[i]]
  return density
}

export interface ParityChartInput {
  reference: ArrayLike<number>
  predicted: ArrayLike<number>
  /** Identifiers of the points (e.g. configuration ids), returned on click. */
  ids?: ArrayLike<number>
  /** e.g. "Energy per atom"; the axes read "<quantity>, DFT (<unit>)" and "<quantity>, MTP (<unit>)". */
  quantity: string
  unit: string
  referenceLabel?: string
  predictedLabel?: string
  gridSize?: number
}

/**
 * Predicted vs reference with the y = x line, equal axis ranges, and points coloured by local density
 * (densest drawn last so they stay visible). Each data item is [reference, predicted, density, id].
 */
export function parityOption(input: ParityChartInput): StudioChartOption {
  const { reference, predicted, ids } = input
  const stats = parityStats(reference, predicted)
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < reference.length; i++) {
    lo = Math.min(lo, reference[i], predicted[i])
    hi = Math.max(hi, reference[i], predicted[i])
  }
  if (!(lo <= hi)) {
    lo = 0
    hi = 1
  }
  const pad = (hi - lo) * 0.03 || Math.abs(hi) * 0.03 || 1
  lo -= pad
  hi += pad
  const density = gridDensity(reference, predicted, lo, hi, input.gridSize ?? 80)
  const order = Array.from({ length: reference.length }, (_, i) => i).sort((a, b) => density[a] - density[b])
  const data = order.map((i) => [reference[i], predicted[i], density[i], ids ? ids[i] : i])
  const maxDensity = data.reduce((m, d) => Math.max(m, d[2]), 1)
  const refLabel = input.referenceLabel ?? 'DFT'
  const predLabel = input.predictedLabel ?? 'MTP'
  const digits = stats.rmse >= 1 ? 2 : stats.rmse >= 0.01 ? 4 : 6
  return {
    animation: false,
    title: {
      text: `RMSE ${stats.rmse.toFixed(digits)} ${input.unit}   MAE ${stats.meanAbsoluteError.toFixed(digits)} ${input.unit}   n = ${stats.count}`,
      left: 60,
      top: 4,
      textStyle: { fontSize: 12, fontWeight: 'normal' },
    },
    grid: { left: 64, right: 72, top: 36, bottom: 52 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', min: lo, max: hi, name: `${input.quantity}, ${refLabel} (${input.unit})`, nameLocation: 'middle', nameGap: 32 },
    yAxis: { type: 'value', min: lo, max: hi, name: `${input.quantity}, ${predLabel} (${input.unit})`, nameLocation: 'middle', nameGap: 48 },
    visualMap: {
      type: 'continuous',
      dimension: 2,
      min: 1,
      max: maxDensity,
      right: 4,
      top: 'middle',
      text: ['dense', 'sparse'],
      calculable: false,
      seriesIndex: 0,
      // viridis endpoints and midpoints: perceptually uniform, readable in print and by colour-blind readers.
      inRange: { color: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'] },
    },
    series: [
      {
        type: 'scatter',
        data,
        symbolSize: 4,
        progressive: 20000,
        emphasis: { scale: 2 },
      },
      {
        type: 'line',
        data: [
          [lo, lo],
          [hi, hi],
        ],
        symbol: 'none',
        silent: true,
        lineStyle: { width: 1, type: 'dashed', color: '#888888' },
        tooltip: { show: false },
      },
    ],
  }
}
