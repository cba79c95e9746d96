/**
 * Energy-above-hull bands used to colour hull plots (meV/atom). Discrete bands rather than a
 * continuous colour map, because ECharts' large mode (needed for 10^5 points) draws one style per
 * series: each band is its own large-mode series, and the legend doubles as a filter.
 * Thresholds follow common practice in alloy screening: ≤ 5 meV/atom is within DFT noise of the hull,
 * ≤ 25 meV/atom is about kT at room temperature.
 */
export interface HullBand {
  /** Upper bound of the band, meV/atom (exclusive); Infinity for the last band. */
  below: number
  name: string
  color: string
}

export const hullBands: readonly HullBand[] = [
  { below: 5, name: '< 5 meV/atom', color: '#21918c' },
  { below: 25, name: '5–25 meV/atom', color: '#5ec962' },
  { below: 100, name: '25–100 meV/atom', color: '#e3a21a' },
  { below: Infinity, name: '≥ 100 meV/atom', color: '#b33c52' },
]

/** Colour of the points on the hull and of the hull line: a mid-tone blue that reads on light and dark backgrounds. */
export const stableColor = '#3d6fe0'

/** Index of the band a value above the hull (meV/atom) falls in. */
export function bandIndex(eAboveHull: number): number {
  for (let i = 0; i < hullBands.length; i++) if (eAboveHull < hullBands[i].below) return i
  return hullBands.length - 1
}

/**
 * Above this many points a band series switches to ECharts' large mode (one draw call, no
 * per-point hover animation). Below it ECharts makes one graphic element per point: ~0.1 ms each
 * to create and paint, so 2000 of them would already cost ~0.2 s on a CPU canvas.
 */
export const largeThreshold = 500

/**
 * An axis range [lo, hi] covering [min, max] with a margin, rounded outwards to a round step
 * (10, 50 or 100 meV/atom for spans up to 200, 1000 and beyond) so the end ticks are round numbers.
 */
export function energyAxisRange(min: number, max: number): [number, number] {
  const span = max - min
  const step = span > 1000 ? 100 : span > 200 ? 50 : 10
  const pad = Math.max(2, span * 0.03)
  return [Math.floor((min - pad) / step) * step, Math.ceil((max + pad) / step) * step]
}
