/**
 * DFT vs MTP on one hull plot. Binary: DFT formation energies and the MTP ensemble means side by
 * side, the MTP 95 % intervals as vertical error bars, the DFT hull line and the MTP hull line
 * (dashed); the legend toggles each. Ternary: the triangle with the DFT tie lines and the MTP tie
 * lines (dashed), every entry at its composition, the DFT- and MTP-stable entries marked; the
 * intervals are in the tooltip (a triangle seen from above has no energy axis to draw bars on).
 */
import type { CompareData } from '../../hull/compareView'
import type { StudioChartOption } from '../registerCharts'
import { energyAxisRange, largeThreshold } from './hullBands'
import type { HullChart } from './hullBinary'
import { largeSymbolSize, rowLookup } from './hullSeries'
import { ternaryFrame, tieLineSeries, triangleSeries, ternaryXY } from './hullTernary'

/** Series colours: read on light and dark backgrounds, and apart for the common colour deficiencies (blue vs orange). */
export const compareColors = { dft: '#3d6fe0', mtp: '#e07b39', interval: 'rgba(224,123,57,0.55)' }

/** Above this many entries the error bars are left out of the plot (10^5 segments would swamp it); the tooltip and table keep them. */
export const maxIntervalBars = 20_000

interface Points {
  xy: Float64Array
  rows: Int32Array
}

/** The rows where `keep` holds, placed by `place`. */
function pointsOf(d: CompareData, keep: (r: number) => boolean, place: (r: number) => [number, number]): Points {
  const rows: number[] = []
  for (let r = 0; r < d.count; r++) if (keep(r)) rows.push(r)
  const xy = new Float64Array(2 * rows.length)
  rows.forEach((r, k) => ([xy[2 * k], xy[2 * k + 1]] = place(r)))
  return { xy, rows: Int32Array.from(rows) }
}

function scatter(name: string, p: Points, color: string, size: number, symbol: string, z: number) {
  const large = p.rows.length > largeThreshold
  return {
    type: 'scatter' as const,
    name,
    data: p.xy as unknown as number[],
    dimensions: ['x', 'y'],
    symbol,
    symbolSize: large ? Math.min(size, largeSymbolSize) : size,
    itemStyle: { color, borderColor: symbol === 'emptyCircle' ? color : undefined },
    large,
    largeThreshold,
    progressive: 0,
    z,
  }
}

const mev = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} meV/atom` : '–')

/** Tooltip of one entry: composition, DFT and MTP formation energies (with the 95 % interval) and energies above hull. */
export function compareTooltip(d: CompareData, row: number): string {
  const n = d.dimensions
  const comp = d.elements.map((el, k) => `${el} ${d.composition[row * n + k].toFixed(3)}`).join(' ')
  const half = (d.mtpFormationHi[row] - d.mtpFormationLo[row]) / 2
  const interval = d.members > 1 && Number.isFinite(half) ? ` ± ${half.toFixed(1)}` : ''
  return [
    `#${d.id[row]} ${d.formulas[d.formula[row]]} · ${comp}`,
    `DFT E<sub>f</sub> ${mev(d.dftFormation[row])}, above hull ${mev(d.dftEAboveHull[row])}`,
    `MTP E<sub>f</sub> ${Number.isFinite(d.mtpFormation[row]) ? d.mtpFormation[row].toFixed(1) : '–'}${interval} meV/atom (95 %), above hull ${mev(d.mtpEAboveHull[row])}`,
  ].join('<br>')
}

function tooltip(d: CompareData, rowAt: HullChart['rowAt']) {
  return {
    trigger: 'item' as const,
    formatter: (params: unknown) => {
      const { seriesIndex, dataIndex } = params as { seriesIndex: number; dataIndex: number }
      const row = rowAt(seriesIndex, dataIndex)
      return row === null ? '' : compareTooltip(d, row)
    },
  }
}

const hullLine = (name: string, vertices: CompareData['dftHull']['vertices'], color: string, dashed: boolean) => ({
  type: 'line' as const,
  name,
  data: vertices.map((v) => [v.composition[1], v.formationEnergyMeV]).sort((a, b) => a[0] - b[0]),
  symbol: 'none',
  silent: true,
  z: 3,
  lineStyle: { width: 1.5, color, type: dashed ? ('dashed' as const) : ('solid' as const) },
  itemStyle: { color },
  tooltip: { show: false },
})

export function binaryCompareOption(d: CompareData): HullChart {
  if (d.dimensions !== 2) throw new Error(`a binary comparison needs 2 elements, got ${d.dimensions}`)
  const [a, b] = d.elements
  const x = (r: number) => d.composition[2 * r + 1]
  const dft = pointsOf(d, (r) => Number.isFinite(d.dftFormation[r]), (r) => [x(r), d.dftFormation[r]])
  const mtp = pointsOf(d, (r) => Number.isFinite(d.mtpFormation[r]), (r) => [x(r), d.mtpFormation[r]])
  let yMin = 0
  let yMax = 0
  for (const list of [d.dftFormation, d.mtpFormationLo, d.mtpFormationHi])
    for (const e of list) if (Number.isFinite(e)) [yMin, yMax] = [Math.min(yMin, e), Math.max(yMax, e)]
  const [lo, hi] = energyAxisRange(yMin, yMax)
  // Error bars as one polyline with '-' gaps: one series for every interval.
  const bars: (number[] | '-')[] = []
  if (d.members > 1 && mtp.rows.length <= maxIntervalBars)
    for (const r of mtp.rows) if (Number.isFinite(d.mtpFormationLo[r])) bars.push([x(r), d.mtpFormationLo[r]], [x(r), d.mtpFormationHi[r]], '-')
  const names = ['DFT', 'MTP (mean)', 'MTP 95 % interval', 'DFT hull', 'MTP hull']
  const rowAt = rowLookup([dft.rows, mtp.rows, null, null, null])
  const option: StudioChartOption = {
    animation: false,
    grid: { left: 72, right: 24, top: 40, bottom: 56 },
    legend: { top: 4, data: bars.length ? names : names.filter((n) => n !== 'MTP 95 % interval') },
    tooltip: tooltip(d, rowAt),
    xAxis: { type: 'value', min: 0, max: 1, name: `x in ${a}₁₋ₓ${b}ₓ (fraction of ${b})`, nameLocation: 'middle', nameGap: 32 },
    yAxis: { type: 'value', min: lo, max: hi, name: 'Formation energy (meV/atom)', nameLocation: 'middle', nameGap: 52 },
    series: [
      scatter('DFT', dft, compareColors.dft, 7, 'circle', 4),
      scatter('MTP (mean)', mtp, compareColors.mtp, 7, 'emptyCircle', 5),
      {
        type: 'line',
        name: 'MTP 95 % interval',
        data: bars,
        connectNulls: false,
        symbol: 'none',
        silent: true,
        z: 2,
        lineStyle: { width: 1, color: compareColors.interval },
        itemStyle: { color: compareColors.interval },
        tooltip: { show: false },
      },
      hullLine('DFT hull', d.dftHull.vertices, compareColors.dft, false),
      hullLine('MTP hull', d.mtpHull.vertices, compareColors.mtp, true),
    ],
  }
  return { option, rowAt, hidden: 0 }
}

export function ternaryCompareOption(d: CompareData): HullChart {
  if (d.dimensions !== 3) throw new Error(`a ternary comparison needs 3 elements, got ${d.dimensions}`)
  const at = (r: number) => ternaryXY([d.composition[3 * r], d.composition[3 * r + 1], d.composition[3 * r + 2]])
  const all = pointsOf(d, () => true, at)
  const dftStable = pointsOf(d, (r) => d.dftStable[r] === 1, at)
  const mtpStable = pointsOf(d, (r) => d.mtpStable[r] === 1, at)
  // Series order: triangle, corners, entries, DFT tie lines, MTP tie lines, DFT on hull, MTP on hull.
  const rowAt = rowLookup([null, null, all.rows, null, null, dftStable.rows, mtpStable.rows])
  const option = {
    ...ternaryFrame(),
    legend: { top: 4, data: ['entries', 'DFT hull', 'MTP hull', 'DFT on hull', 'MTP on hull'] },
    tooltip: tooltip(d, rowAt),
    series: [
      ...triangleSeries([d.elements[0], d.elements[1], d.elements[2]]),
      scatter('entries', all, '#8a8f98', 5, 'circle', 2),
      tieLineSeries('DFT hull', d.dftHull.vertices.map((v) => v.composition), d.dftHull.facets, compareColors.dft),
      tieLineSeries('MTP hull', d.mtpHull.vertices.map((v) => v.composition), d.mtpHull.facets, compareColors.mtp, true),
      scatter('DFT on hull', dftStable, compareColors.dft, 9, 'circle', 4),
      scatter('MTP on hull', mtpStable, compareColors.mtp, 13, 'emptyCircle', 5),
    ],
  } as StudioChartOption
  return { option, rowAt, hidden: 0 }
}
