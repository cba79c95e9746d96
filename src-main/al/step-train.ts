/**
 * Step F: retraining — a training run (src-main/training) on the iteration's new training-set
 * version, from the campaign's seed, so a rerun gives the same potential. The run id is recorded
 * before waiting; a run that succeeded before a crash is used as it is, any other is started
 * afresh with the same spec. Then the potential's errors on the validation set (when one is
 * given), and — in one transaction — this iteration done and the next one created at step A.
 */
import { join } from 'node:path'
import type { TrainingSpecInput } from '../contract/training.js'
import { getIteration, insertIteration, updateIteration, type IterationRow } from '../db/repositories/al-campaigns.js'
import { getPotential } from '../db/repositories/potentials.js'
import { threadArgs, type AlContext } from './context.js'
import { iterationDir, writeAtomically, writeConfigurations } from './files.js'
import type { TrainedRun } from './retrain.js'

export function trainingSpecFor(ctx: AlContext, it: IterationRow): TrainingSpecInput {
  const s = ctx.campaign.spec
  return {
    trainingSetId: it.trainingSetId!,
    level: s.level,
    species: [...ctx.elements],
    maxDist: s.maxDist,
    minDist: s.minDist,
    radialBasisSize: s.radialBasisSize,
    weighting: s.training.weighting,
    energyWeight: s.training.energyWeight,
    forceWeight: s.training.forceWeight,
    stressWeight: s.training.stressWeight,
    ensemble: 1,
    // Every reference result is needed for the active set; validation is the campaign's own set.
    validationFraction: 0,
    seed: s.seed,
    maxIterations: s.training.maxIterations,
    threads: s.threads,
    name: `AL ${ctx.campaign.id} iteration ${it.number}`,
  }
}

/** RMSE of the potential on the validation configurations: meV/atom, eV/Å (per atom |ΔF|), GPa. */
async function validationErrors(ctx: AlContext, it: IterationRow, potentialId: number): Promise<Record<string, unknown> | null> {
  const ids = ctx.validationIds
  if (ids.length === 0) return null
  const dir = iterationDir(ctx.projectPath, ctx.campaign.id, it.number)
  const pot = join(dir, 'trained.mtp')
  const ref = join(dir, 'validation.cfg')
  writeAtomically(pot, getPotential(ctx.db, potentialId)!.mtpText)
  writeConfigurations(ctx.db, ref, ids, ctx.elements, true)
  const r = await ctx.engine({ command: 'calc-errors', args: [pot, ref, ...threadArgs(ctx)], cwd: dir, label: `AL ${ctx.campaign.name} #${it.number}: validation errors` }, 'train', it.number)
  const rms = (k: string) => ((r[k] as { rms?: number } | undefined)?.rms ?? null)
  const count = (r.energy_per_atom as { count?: number } | undefined)?.count ?? ids.length
  return { energyRmseMeV: (rms('energy_per_atom') ?? NaN) * 1000, forceRmse: rms('forces'), stressRmse: rms('stress_gpa'), count }
}

export interface TrainOutcome {
  done: IterationRow
  next: IterationRow | null
}

export async function trainStep(ctx: AlContext, it: IterationRow): Promise<TrainOutcome> {
  let run: TrainedRun | null = it.trainingRunId === null ? null : ctx.retrain.finished(it.trainingRunId)
  if (!run) {
    const started = await ctx.retrain.start(trainingSpecFor(ctx, it), (p) => ctx.progress(it.number, 'train', p.done, p.total, p.message))
    ctx.iterationChanged(await ctx.write(() => updateIteration(ctx.db, it.id, { trainingRunId: started.runId })))
    run = await started.done
  }
  const validation = await validationErrors(ctx, it, run.potentialId)
  const last = it.number >= ctx.campaign.spec.maxIterations
  return ctx.write(() => {
    const done = updateIteration(ctx.db, it.id, { step: 'done', status: 'done', trainingRunId: run.runId, finished: true, metrics: { validation, trainedPotentialId: run.potentialId } })
    if (last) return { done, next: null }
    const nextId = insertIteration(ctx.db, { campaignId: ctx.campaign.id, number: it.number + 1, step: 'grade', potentialId: run.potentialId, trainingSetId: it.trainingSetId })
    return { done, next: getIteration(ctx.db, nextId)! }
  })
}
