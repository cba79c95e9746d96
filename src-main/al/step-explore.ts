/**
 * Step B: exploration with extrapolation control. Every candidate is relaxed (`mtp-engine relax
 * --state … --select γ_select --break γ_break`) and every MD scenario is run from its starting
 * structures (cells scaled isotropically by `cellScale`); configurations with γ > γ_select are kept
 * (preselected), a structure or run with γ > γ_break is stopped. Outputs are files named by step,
 * rewritten on a rerun. Reliability (the paper's figs. 5–7): the fraction of relaxations finished
 * without a break, and the fraction of MD steps done before a break.
 */
import { join } from 'node:path'
import type { AlSpec } from '../contract/al.js'
import { speciesList } from '../db/repositories/species.js'
import { recordRelaxations, saveIterationGrades, updateIteration, type IterationRow, type RelaxationRecord } from '../db/repositories/al-campaigns.js'
import { formatCfg } from '../io/cfg-writer.js'
import { atomicNumber, MASSES } from '../io/elements.js'
import { threadArgs, type AlContext } from './context.js'
import { configurationIdOf, gradeOf, readConfigurations, removeFiles, structureFor, writeAtomically, writeConfigurations } from './files.js'
import { writeIterationInputs } from './step-grade.js'

const RELAX_STATUS: Record<string, RelaxationRecord['status']> = {
  relaxation_OK: 'relaxed',
  relaxation_NOT_CONVERGED: 'not_converged',
  relaxation_EXTRAPOLATION_BREAK: 'extrapolated',
}

interface Explored {
  grades: number[]
  natoms: number[]
  preselected: number[]
  breaks: number
}

async function exploreRelax(ctx: AlContext, it: IterationRow, pot: string, state: string, dir: string, spec: AlSpec, out: Explored): Promise<{ records: RelaxationRecord[]; outcomes: Record<string, number> }> {
  const relax = spec.relax!
  const ids = ctx.candidateIds
  const input = join(dir, 'relax-in.cfg')
  const files = { relaxed: join(dir, 'relax-relaxed.cfg'), unrelaxed: join(dir, 'relax-unrelaxed.cfg'), preselected: join(dir, 'relax-preselected.cfg') }
  removeFiles(...Object.values(files))
  writeConfigurations(ctx.db, input, ids, ctx.elements, false)
  const args = [pot, input, '--relaxed', files.relaxed, '--unrelaxed', files.unrelaxed, '--preselected', files.preselected]
  args.push('--state', state, '--select', String(spec.gammaSelect), '--break', String(spec.gammaBreak))
  args.push('--pressure', String(relax.pressure), '--force-tol', String(relax.forceTol), '--stress-tol', String(relax.stressTol))
  args.push('--max-iter', String(relax.maxIter), '--max-step', String(relax.maxStep), '--min-dist', String(relax.minDist), ...threadArgs(ctx))
  await ctx.engine({ command: 'relax', args, cwd: dir, label: `AL ${ctx.campaign.name} #${it.number}: relax ${ids.length} candidates` }, 'explore', it.number)

  const byId = new Map<number, RelaxationRecord & { natoms: number }>()
  const outcomes: Record<string, number> = {}
  for (const s of [...readConfigurations(files.relaxed, ctx.elements), ...readConfigurations(files.unrelaxed, ctx.elements)]) {
    const id = configurationIdOf(s)
    if (id === null) continue
    const from = s.features.from ?? 'unknown'
    outcomes[from] = (outcomes[from] ?? 0) + 1
    const g = gradeOf(s)
    byId.set(id, {
      startConfigurationId: id,
      status: RELAX_STATUS[from] ?? 'failed',
      energy: from === 'relaxation_OK' || from === 'relaxation_NOT_CONVERGED' ? s.energy : null,
      maxGrade: g,
      error: s.features.relaxation_message ?? null,
      natoms: s.natoms,
    })
  }
  const records: RelaxationRecord[] = []
  for (const id of ids) {
    const r = byId.get(id)
    if (!r) throw new Error(`relax wrote no outcome for configuration ${id}`)
    const { natoms, ...record } = r
    records.push(record)
    out.grades.push(r.maxGrade ?? 0)
    out.natoms.push(natoms)
    if (r.status === 'extrapolated') out.breaks++
  }
  for (const s of readConfigurations(files.preselected, ctx.elements)) out.preselected.push(gradeOf(s) ?? 0)
  return { records, outcomes }
}

async function exploreMd(ctx: AlContext, it: IterationRow, pot: string, state: string, dir: string, spec: AlSpec, out: Explored): Promise<{ stepsDone: number; stepsTotal: number }> {
  let stepsDone = 0
  let stepsTotal = 0
  const species = speciesList(ctx.db)
  const masses = ctx.elements.map((el) => MASSES[atomicNumber(el) ?? 0]).join(',')
  for (const [k, md] of spec.md.entries()) {
    const ids = ctx.mdStartIds[k]
    const input = join(dir, `md${k + 1}-in.cfg`)
    const files = { preselected: join(dir, `md${k + 1}-preselected.cfg`), final: join(dir, `md${k + 1}-final.cfg`) }
    removeFiles(...Object.values(files))
    const text = ids
      .map((id) => {
        const s = structureFor(ctx.db, id, ctx.elements, species, false)
        const c = md.cellScale
        const scaled = { ...s, cell: s.cell.map((v) => (v ? (v.map((x) => x * c) as [number, number, number]) : null)) as typeof s.cell, positions: s.positions.map((x) => x * c) }
        return formatCfg(scaled, { species: ctx.elements, lossless: true })
      })
      .join('')
    writeAtomically(input, text)
    // Seeds differ per iteration and scenario, and repeat on a rerun.
    const seed = spec.seed * 1000 + it.number * 16 + k
    const args = [pot, input, '--steps', String(md.steps), '--timestep', String(md.timestep), '--temperature', String(md.temperature)]
    args.push('--thermostat', md.thermostat, '--seed', String(seed), '--masses', masses, '--final', files.final, '--preselected', files.preselected)
    args.push('--state', state, '--select', String(spec.gammaSelect), '--break', String(spec.gammaBreak), ...threadArgs(ctx))
    const r = await ctx.engine({ command: 'md', args, cwd: dir, label: `AL ${ctx.campaign.name} #${it.number}: MD ${md.temperature} K ×${ids.length}` }, 'explore', it.number)
    const done = (r.steps_done as number[] | undefined) ?? []
    const runMax = new Array<number>(ids.length).fill(0)
    readConfigurations(files.final, ctx.elements).forEach((s, i) => (runMax[i] = gradeOf(s) ?? 0))
    for (const s of readConfigurations(files.preselected, ctx.elements)) {
      const g = gradeOf(s) ?? 0
      out.preselected.push(g)
      const run = Number(s.features.md_run) - 1
      if (run >= 0 && run < runMax.length) runMax[run] = Math.max(runMax[run], g)
    }
    ids.forEach((id, i) => {
      out.grades.push(runMax[i])
      out.natoms.push(structureFor(ctx.db, id, ctx.elements, species, false).natoms)
      if ((done[i] ?? 0) < md.steps) out.breaks++
      stepsDone += done[i] ?? 0
      stepsTotal += md.steps
    })
  }
  return { stepsDone, stepsTotal }
}

export async function exploreStep(ctx: AlContext, it: IterationRow): Promise<IterationRow> {
  const spec = ctx.campaign.spec
  const f = writeIterationInputs(ctx, it)
  const out: Explored = { grades: [], natoms: [], preselected: [], breaks: 0 }
  const relax = spec.relax ? await exploreRelax(ctx, it, f.potential, f.state, f.dir, spec, out) : null
  const relaxedCount = relax?.records.length ?? 0
  const md = spec.md.length ? await exploreMd(ctx, it, f.potential, f.state, f.dir, spec, out) : null
  const relaxReliability = relax ? relax.records.filter((r) => r.status !== 'extrapolated').length / Math.max(1, relaxedCount) : null
  const mdReliability = md ? md.stepsDone / Math.max(1, md.stepsTotal) : null
  const parts = [relaxReliability, mdReliability].filter((x): x is number => x !== null)
  const reliability = parts.reduce((a, b) => a + b, 0) / parts.length
  return ctx.write(() => {
    if (relax) recordRelaxations(ctx.db, ctx.campaign.id, it.id, it.potentialId, relax.records)
    saveIterationGrades(ctx.db, it.id, { grades: Float64Array.from(out.grades), natoms: Int32Array.from(out.natoms), preselected: Float64Array.from(out.preselected) })
    return updateIteration(ctx.db, it.id, {
      step: 'select',
      explored: out.grades.length,
      metrics: { breaks: out.breaks, preselected: out.preselected.length, reliability, relaxReliability, mdReliability, outcomes: relax?.outcomes ?? {}, mdSteps: md },
    })
  })
}

