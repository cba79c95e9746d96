/**
 * Chart options of the training monitor: the loss (log scale) and the RMSEs of energy per atom
 * (meV/atom), force components (eV/Å) and stress components (GPa) per iteration, training and
 * validation, one line per ensemble member. Pure functions of the progress history.
 */
import type { TrainingProgressPoint } from '../../src-main/contract/training'
import type { StudioChartOption } from '../charts/registerCharts'

export type CurveQuantity = 'loss' | 'energy' | 'force' | 'stress'

export const CURVE_UNITS: Record<CurveQuantity, { title: string; unit: string; scale: number }> = {
  loss: { title: 'Loss', unit: 'weighted, eV²', scale: 1 },
  energy: { title: 'Energy RMSE', unit: 'meV/atom', scale: 1000 },
  force: { title: 'Force RMSE', unit: 'eV/Å', scale: 1 },
  stress: { title: 'Stress RMSE', unit: 'GPa', scale: 1 },
}

const pick = (p: TrainingProgressPoint, q: CurveQuantity, valid: boolean): number | null => {
  switch (q) {
    case 'loss':
      return valid ? p.validLoss : p.loss
    case 'energy':
      return valid ? p.validEnergyRmse : p.energyRmse
    case 'force':
      return valid ? p.validForceRmse : p.forceRmse
    case 'stress':
      return valid ? p.validStressRmse : p.stressRmse
  }
}

/** [iteration, value] pairs per member and split, in iteration order. */
export function curveSeries(history: readonly TrainingProgressPoint[], q: CurveQuantity): { name: string; member: number; valid: boolean; data: [number, number][] }[] {
  const scale = CURVE_UNITS[q].scale
  const members = [...new Set(history.map((p) => p.member))].sort((a, b) => a - b)
  const several = members.length > 1
  const out: { name: string; member: number; valid: boolean; data: [number, number][] }[] = []
  for (const m of members) {
    const points = history.filter((p) => p.member === m).sort((a, b) => a.iteration - b.iteration)
    for (const valid of [false, true]) {
      const data = points.flatMap((p): [number, number][] => {
        const v = pick(p, q, valid)
        // A log axis cannot show 0: such points are left out of the loss curve.
        return v === null || !Number.isFinite(v) || (q === 'loss' && v <= 0) ? [] : [[p.iteration, v * scale]]
      })
      if (data.length) out.push({ name: `${valid ? 'validation' : 'training'}${several ? ` #${m + 1}` : ''}`, member: m, valid, data })
    }
  }
  return out
}

/**
 * The iteration axis ends a little past the newest iteration (so a live curve has room to grow),
 * never past the run's maximum: 5000 allowed iterations must not squeeze 20 done ones into a corner.
 */
export function iterationAxisMax(history: readonly TrainingProgressPoint[], maxIterations?: number): number {
  const newest = history.reduce((m, p) => Math.max(m, p.iteration), 0)
  const room = Math.max(10, Math.ceil((newest * 1.25) / 10) * 10)
  return maxIterations === undefined ? room : Math.min(maxIterations, room)
}

export function curveOption(history: readonly TrainingProgressPoint[], q: CurveQuantity, maxIterations?: number): StudioChartOption {
  const { title, unit } = CURVE_UNITS[q]
  const series = curveSeries(history, q)
  return {
    animation: false,
    title: { text: `${title} (${unit})`, left: 8, top: 2, textStyle: { fontSize: 12, fontWeight: 'normal' } },
    grid: { left: 60, right: 16, top: 30, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v.toPrecision(4)} ${unit}` : String(v)) },
    legend: { top: 2, right: 8, textStyle: { fontSize: 11 } },
    xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 24, min: 0, max: iterationAxisMax(history, maxIterations), minInterval: 1 },
    yAxis: { type: q === 'loss' ? 'log' : 'value', scale: q !== 'loss' },
    series: series.map((s) => ({
      type: 'line' as const,
      name: s.name,
      data: s.data,
      showSymbol: s.data.length < 40,
      symbolSize: 4,
      lineStyle: { width: 1.5, type: s.valid ? ('dashed' as const) : ('solid' as const) },
    })),
  }
}
