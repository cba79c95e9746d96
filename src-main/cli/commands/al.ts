/**
 * mtp-studio al create --project P (--spec FILE | options) [--json]
 * mtp-studio al run|resume --project P --campaign ID [--json]
 * mtp-studio al status --project P --campaign ID [--json]
 * mtp-studio al list --project P [--json]
 * mtp-studio al pause|cancel --project P --campaign ID
 * mtp-studio al preview --project P --campaign ID --gamma-select G --gamma-break G [--iteration N] [--json]
 * Active-learning campaigns (the paper's loop, steps A–F) stored in the project; `run` works in
 * the foreground until the campaign converges, stops, waits for exported DFT jobs or is paused
 * (Ctrl-C). A campaign cut off in any way continues with `resume` at the step it was in.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createCampaign } from '../../al/create.js'
import { runCampaignHere } from '../../al/foreground.js'
import { markInterruptedCampaigns, ownedElsewhere } from '../../al/ownership.js'
import { campaignDetail, campaignSummary, gradePreview, requireCampaign } from '../../al/views.js'
import type { AlCampaignDetail } from '../../contract/al.js'
import { listCampaigns, setCampaignStatus } from '../../db/repositories/al-campaigns.js'
import { Project } from '../../projects/project.js'
import { parseOptions, printJson, UsageError, type CliIo, type Command } from '../command.js'

const usage = `mtp-studio al create --project P --spec FILE.json [--json]
mtp-studio al create --project P --name NAME --candidates-tag TAG [--reference eam] [--level L] [--gamma-select G]
                     [--gamma-break G] [--seed S] [--initial-size N] [--max-iterations N] [--threads N] [--json]
mtp-studio al run --project P --campaign ID [--json]       (also: resume)
mtp-studio al status --project P --campaign ID [--json]
mtp-studio al list --project P [--json]
mtp-studio al pause|cancel --project P --campaign ID
mtp-studio al preview --project P --campaign ID --gamma-select G --gamma-break G [--iteration N] [--json]

create   stores a campaign (status draft); the spec is contract/al.ts alSpec as JSON, options override it
run      starts or resumes the loop here and returns when it converges, stops, fails, waits for exported
         DFT jobs (import them with \`jobs import\`, then resume) or is paused (Ctrl-C)
status   the campaign with every iteration's metrics
preview  how many structures the last exploration would select / break at other thresholds`

const OPTIONS = {
  project: { type: 'string' },
  campaign: { type: 'string' },
  spec: { type: 'string' },
  name: { type: 'string' },
  'candidates-tag': { type: 'string' },
  reference: { type: 'string' },
  level: { type: 'string' },
  'gamma-select': { type: 'string' },
  'gamma-break': { type: 'string' },
  seed: { type: 'string' },
  'initial-size': { type: 'string' },
  'max-iterations': { type: 'string' },
  threads: { type: 'string' },
  iteration: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const

type Values = ReturnType<typeof parseOptions<typeof OPTIONS>>['values']

function number(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined
  const x = Number(v)
  if (!Number.isFinite(x)) throw new UsageError(`--${name} must be a number, got ${v}`)
  return x
}

function specFrom(v: Values): Record<string, unknown> {
  const spec: Record<string, unknown> = v.spec ? (JSON.parse(readFileSync(resolve(v.spec), 'utf8')) as Record<string, unknown>) : {}
  const set = (key: string, value: unknown) => value !== undefined && (spec[key] = value)
  set('name', v.name)
  if (v['candidates-tag']) spec.candidates = { tag: v['candidates-tag'] }
  if (v.reference) {
    if (v.reference !== 'eam') throw new UsageError('--reference: only eam as an option; give QE or exported jobs in --spec')
    spec.reference = { kind: 'eam' }
  }
  spec.reference ??= { kind: 'eam' }
  set('level', number('level', v.level))
  set('gammaSelect', number('gamma-select', v['gamma-select']))
  set('gammaBreak', number('gamma-break', v['gamma-break']))
  set('seed', number('seed', v.seed))
  set('initialSize', number('initial-size', v['initial-size']))
  set('maxIterations', number('max-iterations', v['max-iterations']))
  set('threads', number('threads', v.threads))
  return spec
}

function campaignId(v: Values): number {
  const id = number('campaign', v.campaign)
  if (id === undefined) throw new UsageError('--campaign ID is required')
  return id
}

function printDetail(io: CliIo, d: AlCampaignDetail): void {
  const s = d.summary
  const lines = [`campaign ${s.id} ${s.name}: ${s.status}${s.iteration !== null ? `, iteration ${s.iteration} (${s.step})` : ''}, training set ${s.trainingSetSize}`]
  if (s.error) lines.push(`error: ${s.error.message}`)
  lines.push('iter  step       explored breaks presel selected train-set reliability  val-E(meV/at)')
  for (const it of d.iterations)
    lines.push(
      [String(it.number).padStart(4), it.step.padEnd(10), String(it.explored).padStart(8), String(it.breaks).padStart(6), String(it.preselected).padStart(6), String(it.selected).padStart(8), String(it.trainingSetSize ?? '-').padStart(9), (it.reliability === null ? '-' : it.reliability.toFixed(3)).padStart(11), (it.validation ? it.validation.energyRmseMeV.toFixed(2) : '-').padStart(14)].join(' '),
    )
  if (d.waitingFor?.kind === 'dft') lines.push(`waiting for ${d.waitingFor.total - d.waitingFor.done} DFT results of batch ${d.waitingFor.batch} (${d.waitingFor.folder})`)
  io.out(lines.join('\n') + '\n')
}

export const alCommand: Command = {
  name: 'al',
  summary: 'active-learning campaigns: create, run/resume (foreground), status, pause, cancel',
  usage,
  async run(args, io) {
    const [action, ...rest] = args
    const { values: v, positionals } = parseOptions(rest, OPTIONS, false)
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`)
    if (!['create', 'run', 'resume', 'status', 'list', 'pause', 'cancel', 'preview'].includes(action ?? '')) throw new UsageError(action ? `unknown al action ${action}` : 'al needs an action')
    if (!v.project) throw new UsageError('a project is required (--project P)')
    const project = Project.open(resolve(v.project))
    try {
      const db = project.db
      markInterruptedCampaigns(db, new Set())
      if (action === 'create') {
        const id = createCampaign(db, specFrom(v))
        if (v.json) printJson(io, campaignSummary(db, requireCampaign(db, id)))
        else io.out(`created campaign ${id}\n`)
        return 0
      }
      if (action === 'list') {
        const all = listCampaigns(db).map((c) => campaignSummary(db, c))
        if (v.json) printJson(io, all)
        else for (const c of all) io.out(`${String(c.id).padStart(4)}  ${c.status.padEnd(12)} ${c.name}  (iteration ${c.iteration ?? '-'}, training set ${c.trainingSetSize})\n`)
        return 0
      }
      const id = campaignId(v)
      const c = requireCampaign(db, id)
      if (action === 'run' || action === 'resume') {
        if (ownedElsewhere(c)) throw new Error(`campaign ${id} is being run by process ${c.ownerPid} on ${c.ownerHost}`)
        if (c.status === 'converged' || c.status === 'stopped') throw new Error(`campaign ${id} is ${c.status}`)
        const status = await runCampaignHere(project, id, { env: io.env, log: v.json ? undefined : (l) => io.err(`${l}\n`) })
        const d = campaignDetail(db, id, null)
        if (v.json) printJson(io, d)
        else printDetail(io, d)
        return status === 'failed' ? 1 : 0
      }
      if (action === 'status') {
        const d = campaignDetail(db, id, null)
        if (v.json) printJson(io, d)
        else printDetail(io, d)
        return 0
      }
      if (action === 'preview') {
        const gs = number('gamma-select', v['gamma-select'])
        const gb = number('gamma-break', v['gamma-break'])
        if (gs === undefined || gb === undefined) throw new UsageError('--gamma-select and --gamma-break are required')
        const p = gradePreview(db, id, gs, gb, number('iteration', v.iteration))
        if (v.json) printJson(io, p)
        else io.out(`iteration ${p.iteration}: ${p.structuresAboveSelect}/${p.explored} above γ_select, ${p.structuresAboveBreak} above γ_break, ${p.preselected} configurations${p.exact ? '' : ' (at least)'}, ≤ ${p.dftJobs} DFT jobs\n`)
        return 0
      }
      if (c.status === 'converged' || c.status === 'stopped' || (action === 'pause' && c.status === 'draft')) throw new Error(`campaign ${id} is ${c.status}`)
      // A running process sees this at its next step boundary.
      setCampaignStatus(db, id, action === 'pause' ? 'paused' : 'stopped')
      if (v.json) printJson(io, campaignSummary(db, requireCampaign(db, id)))
      else io.out(`campaign ${id}: ${action === 'pause' ? 'paused' : 'stopped'}\n`)
      return 0
    } finally {
      project.close()
    }
  },
}
