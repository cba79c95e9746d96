/** Rows of the per-group error table: energy per atom in meV/atom, forces eV/Å, stresses GPa. */
import type { ErrorSummaryView, PotentialErrorsView } from '../../src-main/contract/training'

export interface ErrorRow {
  split: 'training' | 'validation'
  group: string
  /** True for the whole-split row. */
  total: boolean
  configurations: number
  energyRmse: number
  energyMae: number
  forceRmse: number | null
  forceMae: number | null
  stressRmse: number | null
}

function row(split: ErrorRow['split'], group: string, total: boolean, s: ErrorSummaryView): ErrorRow {
  return {
    split,
    group,
    total,
    configurations: s.energy.count,
    energyRmse: 1000 * s.energy.rmse,
    energyMae: 1000 * s.energy.mae,
    forceRmse: s.force.count ? s.force.rmse : null,
    forceMae: s.force.count ? s.force.mae : null,
    stressRmse: s.stress.count ? s.stress.rmse : null,
  }
}

export function errorRows(e: PotentialErrorsView): ErrorRow[] {
  const rows: ErrorRow[] = []
  for (const [split, data] of [['training', e.train], ['validation', e.valid]] as const) {
    if (!data) continue
    rows.push(row(split, 'all', true, data.all))
    for (const [g, s] of Object.entries(data.groups)) rows.push(row(split, g, false, s))
  }
  return rows
}
