/**
 * Step C: selection. Iteration 0 takes an evenly spread sample of the candidates (the loop starts from an
 * empty training set, and an untrained potential cannot be graded). Later iterations run
 * select-add on everything the exploration kept (γ > γ_select): at most m configurations (the
 * active-set size, or the spec's selectLimit) that most enlarge the active set. The selected
 * configurations are stored (without the MTP's energies — the reference computes those) in the
 * same transaction as the step change; nothing selected means the campaign has converged.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { updateIteration, type IterationRow } from '../db/repositories/al-campaigns.js'
import { ConfigurationWriter } from '../db/repositories/configuration-store.js'
import { ensureGroup, tagConfigurations } from '../db/repositories/tags.js'
import { threadArgs, type AlContext } from './context.js'
import { configurationIdOf, iterationDir, readConfigurations, removeFiles, writeAtomically, writeConfigurations } from './files.js'
import { iterationFiles } from './step-grade.js'

/**
 * `count` of `ids` spread evenly over the list (every (n/count)-th, from an offset set by the seed),
 * so the initial sample covers the candidate set as it is ordered (lattices, cell sizes,
 * compositions) and depends on the seed only.
 */
export function spreadSample(ids: readonly number[], count: number, seed: number): number[] {
  if (count >= ids.length) return [...ids]
  const step = ids.length / count
  const offset = ((seed % 1009) / 1009) * step
  return Array.from({ length: count }, (_, k) => ids[Math.floor(offset + k * step)])
}

export const selectedTag = (campaignId: number) => `al:${campaignId}:selected`

/**
 * The paper's start from an empty training set: a potential with seeded random radial functions
 * grades the candidates by maxvol and select-add picks those that span its parameter space.
 */
async function maxvolInitialSelection(ctx: AlContext, it: IterationRow): Promise<number[]> {
  const s = ctx.campaign.spec
  const dir = iterationDir(ctx.projectPath, ctx.campaign.id, it.number)
  const f = { pot: join(dir, 'random.mtp'), empty: join(dir, 'empty.cfg'), candidates: join(dir, 'candidates.cfg'), selected: join(dir, 'initial-selected.cfg') }
  removeFiles(f.pot, f.selected)
  writeAtomically(f.empty, '')
  writeConfigurations(ctx.db, f.candidates, ctx.candidateIds, ctx.elements, false)
  const newPot = ['--level', String(s.level), '--species', String(ctx.elements.length), '--init', 'random', '--seed', String(s.seed)]
  newPot.push('--max-dist', String(s.maxDist), '--radial-basis-size', String(s.radialBasisSize), ...(s.minDist ? ['--min-dist', String(s.minDist)] : []), f.pot)
  await ctx.engine({ command: 'new-potential', args: newPot, cwd: dir, label: `AL ${ctx.campaign.name} #0: random potential` }, 'select', it.number)
  const args = [f.pot, f.empty, f.candidates, f.selected, ...threadArgs(ctx), ...(s.selectLimit ? ['--limit', String(s.selectLimit)] : [])]
  await ctx.engine({ command: 'select-add', args, cwd: dir, label: `AL ${ctx.campaign.name} #0: select from ${ctx.candidateIds.length} candidates` }, 'select', it.number)
  return readConfigurations(f.selected, ctx.elements).map((c) => configurationIdOf(c)!)
}

export async function initialSelectStep(ctx: AlContext, it: IterationRow): Promise<IterationRow> {
  const s = ctx.campaign.spec
  const ids = s.initialSelection === 'maxvol' ? await maxvolInitialSelection(ctx, it) : spreadSample(ctx.candidateIds, s.initialSize, s.seed)
  if (ids.length === 0) throw new Error('no candidates to start from')
  return ctx.write(() => updateIteration(ctx.db, it.id, { step: 'reference', selected: ids.length, state: { selectedIds: ids } }))
}

/** Concatenates the exploration's preselected files; returns the file and how many configurations it holds. */
function gatherPreselected(ctx: AlContext, dir: string): { path: string; count: number } {
  const parts = [join(dir, 'relax-preselected.cfg'), ...ctx.campaign.spec.md.map((_m, k) => join(dir, `md${k + 1}-preselected.cfg`))]
  const path = join(dir, 'preselected.cfg')
  const text = parts.filter((p) => existsSync(p)).map((p) => readFileSync(p, 'utf8')).join('')
  writeAtomically(path, text)
  return { path, count: (text.match(/^BEGIN_CFG/gm) ?? []).length }
}

export type SelectOutcome = { it: IterationRow; converged: boolean }

export async function selectStep(ctx: AlContext, it: IterationRow): Promise<SelectOutcome> {
  const f = iterationFiles(ctx, it)
  const pre = gatherPreselected(ctx, f.dir)
  const selectedPath = join(f.dir, 'selected.cfg')
  removeFiles(selectedPath)
  let selected: ReturnType<typeof readConfigurations> = []
  if (pre.count > 0) {
    // select-add updates the state it is given: work on a copy so a rerun starts from the same one.
    const state = join(f.dir, 'select-state.als')
    copyFileSync(f.state, state)
    const args = [f.potential, f.train, pre.path, selectedPath, '--state', state, ...threadArgs(ctx)]
    if (ctx.campaign.spec.selectLimit) args.push('--limit', String(ctx.campaign.spec.selectLimit))
    await ctx.engine({ command: 'select-add', args, cwd: f.dir, label: `AL ${ctx.campaign.name} #${it.number}: select from ${pre.count}` }, 'select', it.number)
    selected = readConfigurations(selectedPath, ctx.elements)
  }
  const name = `AL ${ctx.campaign.id} iteration ${it.number}`
  return ctx.write(() => {
    if (selected.length === 0) return { it: updateIteration(ctx.db, it.id, { step: 'done', status: 'done', selected: 0, finished: true }), converged: true }
    const writer = new ConfigurationWriter(ctx.db)
    const groupId = ensureGroup(ctx.db, name, `configurations selected by active-learning campaign ${ctx.campaign.id} (${ctx.campaign.name})`)
    const ids = selected.map((s, k) =>
      writer.add(
        {
          ...s,
          // The MTP's predictions are not reference data.
          energy: null,
          energyKind: null,
          forces: null,
          virial: null,
          siteEnergies: null,
          provenance: { file: selectedPath, frame: k, parser: 'cfg', code: null, settings: {}, label: name },
        },
        { groupId },
      ),
    )
    tagConfigurations(ctx.db, selectedTag(ctx.campaign.id), ids)
    return { it: updateIteration(ctx.db, it.id, { step: 'reference', selected: ids.length, state: { selectedIds: ids } }), converged: false }
  })
}
