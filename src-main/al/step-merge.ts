/**
 * Step E: the imported reference results join the training set as a new immutable version
 * ("AL <id>: <name>", one version per iteration), written in the transaction that moves the
 * iteration to the training step, so a crash never leaves a version the iteration does not know.
 * Quarantined results (an unconverged SCF, missing forces) are left out by the version itself.
 */
import { updateIteration, type IterationRow } from '../db/repositories/al-campaigns.js'
import { createTrainingSetVersion, trainingSetMembers } from '../db/repositories/training-sets.js'
import type { AlContext } from './context.js'

export const trainingSetName = (ctx: AlContext) => `AL ${ctx.campaign.id}: ${ctx.campaign.name}`

export async function mergeStep(ctx: AlContext, it: IterationRow): Promise<IterationRow> {
  const resultIds = (it.state.resultIds as number[] | undefined) ?? []
  return ctx.write(() => {
    const previous = it.trainingSetId === null ? [] : trainingSetMembers(ctx.db, it.trainingSetId).map((m) => m.configurationId)
    const ids = [...new Set([...previous, ...resultIds])].sort((a, b) => a - b)
    const version = createTrainingSetVersion(ctx.db, {
      name: trainingSetName(ctx),
      filter: { ids },
      description: `active-learning campaign ${ctx.campaign.id} after iteration ${it.number}: ${resultIds.length} new reference results`,
    })
    if (version.size === 0) throw new Error('the training set is empty: every reference result was quarantined')
    return updateIteration(ctx.db, it.id, { step: 'train', trainingSetId: version.id, metrics: { trainingSetSize: version.size } })
  })
}
