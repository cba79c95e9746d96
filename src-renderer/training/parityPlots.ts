/**
 * The parity plots of a trained potential from the core's parity data: energy per atom (eV/atom),
 * force components (eV/Å) and stress components (GPa), for the training and/or validation split.
 * Every point carries its configuration id so a click opens that structure.
 */
import type { ParityDataView } from '../../src-main/contract/training'
import { parityOption, type ParityChartInput } from '../charts/options/parity'
import type { StudioChartOption } from '../charts/registerCharts'

export type ParityQuantity = 'energy' | 'force' | 'stress'
export type SplitChoice = 'all' | 'train' | 'valid'

export const PARITY_UNITS: Record<ParityQuantity, { quantity: string; unit: string }> = {
  energy: { quantity: 'Energy per atom', unit: 'eV/atom' },
  force: { quantity: 'Force component', unit: 'eV/Å' },
  stress: { quantity: 'Stress component', unit: 'GPa' },
}

const keep = (p: ParityDataView, k: number, split: SplitChoice) => split === 'all' || p.split[k] === split

export function parityInput(p: ParityDataView, q: ParityQuantity, split: SplitChoice): ParityChartInput {
  const reference: number[] = []
  const predicted: number[] = []
  const ids: number[] = []
  if (q === 'energy') {
    p.configurationIds.forEach((id, k) => {
      if (!keep(p, k, split)) return
      reference.push(p.energyRef[k])
      predicted.push(p.energyPred[k])
      ids.push(id)
    })
  } else if (q === 'force') {
    p.forceConfig.forEach((k, i) => {
      if (!keep(p, k, split)) return
      reference.push(p.forceRef[i])
      predicted.push(p.forcePred[i])
      ids.push(p.configurationIds[k])
    })
  } else {
    p.configurationIds.forEach((id, k) => {
      const ref = p.stressRef[k]
      const pred = p.stressPred[k]
      if (!ref || !pred || !keep(p, k, split)) return
      for (let c = 0; c < 6; c++) {
        reference.push(ref[c])
        predicted.push(pred[c])
        ids.push(id)
      }
    })
  }
  return { reference, predicted, ids, ...PARITY_UNITS[q] }
}

/** The configuration id of a clicked parity point (the 4th value of its data item). */
export function clickedConfiguration(data: unknown): number | null {
  return Array.isArray(data) && typeof data[3] === 'number' ? data[3] : null
}

/** Up to this many points a parity plot is drawn in one frame (ECharts' default switches at 3000). */
export const PROGRESSIVE_ABOVE = 200_000

/**
 * The shared parity builder with the axis end labels hidden (its padded ranges end on unrounded
 * values like −9.506853046322222 that crowd the tick labels), drawn in one frame unless the plot is
 * huge: zrender throws (reading 'layerStack' of null) when a chart is disposed between the frames
 * of a progressive paint, as happens when the monitor switches runs.
 */
export function parityChartOption(input: ParityChartInput): StudioChartOption {
  const o = parityOption(input)
  const hideEnds = (axis: unknown) => ({ ...(axis as object), axisLabel: { showMinLabel: false, showMaxLabel: false } })
  const [points, ...rest] = o.series as object[]
  return {
    ...o,
    xAxis: hideEnds(o.xAxis) as StudioChartOption['xAxis'],
    yAxis: hideEnds(o.yAxis) as StudioChartOption['yAxis'],
    series: [{ ...points, progressiveThreshold: PROGRESSIVE_ABOVE }, ...rest] as StudioChartOption['series'],
  }
}
