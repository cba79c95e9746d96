/** Plain-text lines of a training run for people (the CLI): progress and the final error table. */
import type { ErrorSummaryView, TrainingProgressPoint, TrainingRunDetail } from '../contract/training.js'

const f = (x: number, digits: number) => x.toFixed(digits)

/** One progress line: energies in meV/atom, forces eV/Å, stresses GPa. */
export function progressLine(p: TrainingProgressPoint, maxIterations: number): string {
  const valid = p.validEnergyRmse !== null ? `  valid E ${f(1000 * p.validEnergyRmse, 3)} F ${f(p.validForceRmse ?? 0, 4)}` : ''
  return `member ${p.member} iteration ${p.iteration}/${maxIterations}  loss ${p.loss.toPrecision(6)}  E ${f(1000 * p.energyRmse, 3)} meV/atom  F ${f(p.forceRmse, 4)} eV/Å  S ${f(p.stressRmse, 3)} GPa${valid}  ${f(p.elapsed, 1)} s`
}

function row(name: string, s: ErrorSummaryView): string {
  return [name.padEnd(16), f(1000 * s.energy.rmse, 3).padStart(10), f(1000 * s.energy.mae, 3).padStart(10), f(s.force.rmse, 4).padStart(9), f(s.force.mae, 4).padStart(9), f(s.stress.rmse, 3).padStart(8), String(s.energy.count).padStart(7)].join(' ')
}

export function runReport(run: TrainingRunDetail): string {
  const lines = [
    `training run ${run.id} "${run.name}": ${run.status}${run.error ? ` (${run.error})` : ''}`,
    `set ${run.trainingSetName} v${run.trainingSetVersion}, level ${run.level}, species ${run.species.join(' ')}, weighting ${run.spec.weighting} (w_e ${run.spec.energyWeight}, w_f ${run.spec.forceWeight}, w_s ${run.spec.stressWeight}), seed ${run.seed}`,
  ]
  const cols = (a: string[]) => [''.padEnd(16), a[0].padStart(10), a[1].padStart(10), a[2].padStart(9), a[3].padStart(9), a[4].padStart(8), a[5].padStart(7)].join(' ')
  const header = [cols(['E RMSE', 'E MAE', 'F RMSE', 'F MAE', 'S RMSE', 'configs']), cols(['meV/atom', 'meV/atom', 'eV/Å', 'eV/Å', 'GPa', ''])]
  for (const p of run.potentials) {
    lines.push('', `potential ${p.id} "${p.name}" (seed ${p.seed}${p.iterations !== null ? `, ${p.iterations} iterations, stopped by ${p.stopReason}` : ''})`)
    if (!p.errors) {
      lines.push('  not evaluated')
      continue
    }
    lines.push(...header)
    for (const [title, split] of [['train', p.errors.train], ['validation', p.errors.valid]] as const) {
      if (!split) continue
      lines.push(row(title, split.all))
      for (const [g, s] of Object.entries(split.groups)) lines.push(row(`  ${g}`, s))
    }
  }
  if (run.ensembleStats) {
    lines.push('', 'ensemble (mean ± 2σ):')
    for (const [k, v] of Object.entries(run.ensembleStats)) {
      const energy = k.toLowerCase().includes('energy')
      lines.push(`  ${k.padEnd(18)} ${energy ? `${f(1000 * v.mean, 3)} ± ${f(1000 * v.twoSigma, 3)} meV/atom` : `${v.mean.toPrecision(5)} ± ${v.twoSigma.toPrecision(2)}`}`)
    }
  }
  return `${lines.join('\n')}\n`
}
