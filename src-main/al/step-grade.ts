/**
 * Step A: the maxvol active set of the current training set (calc-grade), saved as the state file
 * the exploration grades with. The state is rebuilt from scratch each time (calc-grade would load
 * a state file that exists), so a rerun after a crash gives the same file.
 */
import { join } from 'node:path'
import { getPotential } from '../db/repositories/potentials.js'
import { trainingSetMembers } from '../db/repositories/training-sets.js'
import { updateIteration, type IterationRow } from '../db/repositories/al-campaigns.js'
import { threadArgs, type AlContext } from './context.js'
import { iterationDir, removeFiles, writeAtomically, writeConfigurations } from './files.js'

export interface IterationFiles {
  dir: string
  potential: string
  train: string
  state: string
}

export function iterationFiles(ctx: AlContext, it: IterationRow): IterationFiles {
  const dir = iterationDir(ctx.projectPath, ctx.campaign.id, it.number)
  return { dir, potential: join(dir, 'pot.mtp'), train: join(dir, 'train.cfg'), state: join(dir, 'state.als') }
}

/** Writes the iteration's potential and training set (idempotent: same rows, same bytes). */
export function writeIterationInputs(ctx: AlContext, it: IterationRow): IterationFiles {
  const f = iterationFiles(ctx, it)
  const pot = it.potentialId === null ? undefined : getPotential(ctx.db, it.potentialId)
  if (!pot) throw new Error(`iteration ${it.number} has no potential to explore with`)
  writeAtomically(f.potential, pot.mtpText)
  const ids = trainingSetMembers(ctx.db, it.trainingSetId!).map((m) => m.configurationId)
  writeConfigurations(ctx.db, f.train, ids, ctx.elements, true)
  return f
}

export async function gradeStep(ctx: AlContext, it: IterationRow): Promise<IterationRow> {
  const f = writeIterationInputs(ctx, it)
  const graded = join(f.dir, 'train-graded.cfg')
  removeFiles(f.state, graded)
  const r = await ctx.engine(
    { command: 'calc-grade', args: [f.potential, f.train, f.train, graded, '--state', f.state, ...threadArgs(ctx)], cwd: f.dir, label: `AL ${ctx.campaign.name} #${it.number}: active set` },
    'grade',
    it.number,
  )
  return ctx.write(() =>
    updateIteration(ctx.db, it.id, {
      step: 'explore',
      metrics: { activeSet: Number(r.active_set ?? 0), parameters: Number(r.parameters ?? 0) },
    }),
  )
}
