/**
 * `mtp-studio hull --project P` with a force field: the DFT-vs-MTP hull (analysis/hull-compare-service.ts)
 * with ensemble intervals, optionally the near-hull entries (--near MEV) and their DFT jobs
 * (--send-to-dft). The JSON lists every entry with its source, composition, DFT and MTP formation
 * energies and energies above hull (meV/atom; null where a value does not exist) and the stable sets.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runHullCompare } from '../analysis/hull-compare-service.js'
import { configurationSources } from '../analysis/hull-reply.js'
import { sendNearHull } from '../analysis/hull-send-to-dft.js'
import { decodeColumn } from '../contract/columns.js'
import type { ForceFieldChoice } from '../contract/ev-elastic.js'
import type { HullCompareView, HullSendView } from '../contract/hull-compare.js'
import type { DftCode } from '../db/repositories/dft-jobs.js'
import { enginePath } from '../engine/locate.js'
import { EngineSupervisor } from '../engine/supervisor.js'
import { Project } from '../projects/project.js'
import { interruptible, printJson, UsageError, type CliIo } from './command.js'
import { DFT_CODE_OPTIONS, dftCodeSettings, positiveNumber } from './dft-options.js'

export const COMPARE_OPTIONS = {
  ensemble: { type: 'string' },
  'potential-id': { type: 'string', multiple: true },
  eam: { type: 'string' },
  relax: { type: 'string' },
  'mtp-reference': { type: 'string' },
  'candidates-tag': { type: 'string' },
  near: { type: 'string' },
  max: { type: 'string' },
  'include-with-dft': { type: 'boolean', default: false },
  'include-in-jobs': { type: 'boolean', default: false },
  'send-to-dft': { type: 'string' },
  out: { type: 'string' },
  batch: { type: 'string' },
  threads: { type: 'string' },
  ...DFT_CODE_OPTIONS,
} as const

export const COMPARE_USAGE = `DFT vs MTP (needs --project; one force field; --elements defaults to its species, --reference is the DFT μ):
  --ensemble NAME | --potential-id ID … | --eam A,B   the members (an ensemble gives 95 % intervals)
  --mtp-reference El=eV,…  μ for every member (default: each member's lowest pure entry)
  --relax none|ions|full  relax each entry with each member first (default none)
  --candidates-tag T      also evaluate the configurations tagged T that have no reference energy
  --near MEV              list entries whose MTP energy above hull may be ≤ MEV meV/atom (interval lower end)
    [--max N] [--include-with-dft] [--include-in-jobs]
  --send-to-dft qe|vasp|eam --out DIR [--batch NAME]   write DFT jobs for them (QE/VASP options as jobs export)
  --threads N             engine threads`

type Values = { [K in keyof typeof COMPARE_OPTIONS]?: (typeof COMPARE_OPTIONS)[K] extends { type: 'boolean' } ? boolean : (typeof COMPARE_OPTIONS)[K] extends { multiple: true } ? string[] : string } & {
  project?: string
  json?: boolean
}

export const wantsCompare = (v: Values) => Boolean(v.ensemble || v['potential-id']?.length || v.eam)

function choiceOf(v: Values): ForceFieldChoice {
  const given = [v.ensemble, v['potential-id']?.length ? 1 : undefined, v.eam].filter((x) => x !== undefined).length
  if (given !== 1) throw new UsageError('give exactly one of --ensemble, --potential-id or --eam')
  if (v.eam) return { kind: 'eam', elements: v.eam.split(',').map((s) => s.trim()) }
  if (v.ensemble) return { kind: 'ensemble', name: v.ensemble }
  return { kind: 'potentials', ids: v['potential-id']!.map((x) => positiveNumber('potential-id', x)) }
}

const num = (x: number) => (Number.isFinite(x) ? x : null)

/** One object per entry (the columns decoded), with its source. */
function entryObjects(view: HullCompareView, project: Project) {
  const n = view.rows
  const k = view.elements.length
  const c = view.columns
  const f64 = (t: string) => decodeColumn(t, 'f64', n)
  const u8 = (t: string) => decodeColumn(t, 'u8', n)
  const id = decodeColumn(c.id, 'i32', n)
  const formula = decodeColumn(c.formula, 'i32', n)
  const comp = decodeColumn(c.composition, 'f64', n * k)
  const [hasDft, inJob, dftStable, mtpStable, stableMembers] = [c.hasDft, c.inDftJob, c.dftStable, c.mtpStable, c.mtpStableMembers].map(u8)
  const [dftEf, dftEah, ef, std, lo, hi, eah, eahLo, eahHi] = [c.dftFormationMeV, c.dftEAboveHullMeV, c.mtpFormationMeV, c.mtpFormationStdMeV, c.mtpFormationLo95MeV, c.mtpFormationHi95MeV, c.mtpEAboveHullMeV, c.mtpEAboveHullLo95MeV, c.mtpEAboveHullHi95MeV].map(f64)
  const sources = new Map(configurationSources(project.db, Array.from(id)).map((s) => [s.id, { file: s.file, frame: s.frame, label: s.label }]))
  return Array.from({ length: n }, (_, r) => ({
    id: id[r],
    source: sources.get(id[r]) ?? null,
    formula: view.formulas[formula[r]],
    composition: Array.from(comp.subarray(r * k, r * k + k)),
    inDftJob: inJob[r] === 1,
    dft: hasDft[r] ? { formationEnergyMeV: num(dftEf[r]), eAboveHullMeV: num(dftEah[r]), stable: dftStable[r] === 1 } : null,
    mtp: {
      formationEnergyMeV: num(ef[r]),
      formationStdMeV: num(std[r]),
      formationLo95MeV: num(lo[r]),
      formationHi95MeV: num(hi[r]),
      eAboveHullMeV: num(eah[r]),
      eAboveHullLo95MeV: num(eahLo[r]),
      eAboveHullHi95MeV: num(eahHi[r]),
      stable: mtpStable[r] === 1,
      stableMembers: stableMembers[r],
    },
  }))
}

type Entry = ReturnType<typeof entryObjects>[number]
const f2 = (x: number | null) => (x === null ? '-' : x.toFixed(2))

function printHuman(io: CliIo, view: HullCompareView, entries: Entry[], near: HullSendView | null): void {
  const s = view.summary
  const lines = [`elements ${view.elements.join('-')}, ${view.members.length} member(s): ${view.members.map((m) => m.label).join(', ')}, relax ${view.relax}`, '']
  lines.push(['id', 'label', 'formula', 'DFT E_f', 'DFT E_hull', 'MTP E_f ± 95 %', 'MTP E_hull [95 %]', 'stable DFT/MTP'].join('\t'))
  for (const e of entries) {
    const m = e.mtp
    const stable = `${e.dft ? (e.dft.stable ? 'yes' : 'no') : '-'}/${m.stable ? 'yes' : 'no'}`
    lines.push([e.id, e.source?.label ?? '-', e.formula, f2(e.dft?.formationEnergyMeV ?? null), f2(e.dft?.eAboveHullMeV ?? null), `${f2(m.formationEnergyMeV)} ± ${f2(m.formationHi95MeV === null || m.formationEnergyMeV === null ? null : m.formationHi95MeV - m.formationEnergyMeV)}`, `${f2(m.eAboveHullMeV)} [${f2(m.eAboveHullLo95MeV)}, ${f2(m.eAboveHullHi95MeV)}]`, stable].join('\t'))
  }
  lines.push('', `MTP vs DFT formation energy over ${s.compared} entries: RMSE ${f2(s.rmseMeV)}, MAE ${f2(s.maeMeV)}, max ${f2(s.maxAbsMeV)}, bias ${f2(s.biasMeV)} meV/atom`)
  lines.push(`stable DFT: ${s.dftStable.join(', ')}`, `stable MTP: ${s.mtpStable.join(', ')}`, `missed by the MTP: ${s.missedByMtp.join(', ') || 'none'}; extra in the MTP: ${s.extraInMtp.join(', ') || 'none'}`)
  if (near) {
    lines.push('', `near the hull (≤ ${near.thresholdMeV} meV/atom): ${near.chosen.length} chosen of ${near.qualifying} (skipped: ${near.skipped.withDft} with DFT, ${near.skipped.inDftJob} in DFT jobs, ${near.skipped.overCap} over the cap)`)
    for (const e of near.chosen) lines.push(`  ${e.id} ${e.formula}: ${e.reason}`)
    if (near.folder) lines.push(`wrote ${near.jobIds.length} DFT jobs to ${near.folder} (batch ${near.batch})`)
  }
  for (const w of view.warnings) lines.push(`warning: ${w}`)
  io.out(lines.join('\n') + '\n')
}

/** DFT μ (eV/atom), composition axes and tolerance (eV/atom) as the plain hull takes them. */
export interface HullAxes {
  elements?: string[]
  references?: Record<string, number>
  mtpReferences?: Record<string, number>
  tolerance?: number
}

export async function runCompareCli(v: Values, io: CliIo, axes: HullAxes): Promise<number> {
  if (!v.project) throw new UsageError('the DFT-vs-MTP hull needs --project P (not --file)')
  const potentials = choiceOf(v)
  const relax = (v.relax ?? 'none') as 'none' | 'ions' | 'full'
  if (!['none', 'ions', 'full'].includes(relax)) throw new UsageError('--relax must be none, ions or full')
  const thresholdMeV = v.near === undefined ? null : Number(v.near)
  if (thresholdMeV !== null && !(thresholdMeV >= 0)) throw new UsageError('--near must be a number ≥ 0 (meV/atom)')
  const code = v['send-to-dft'] as DftCode | undefined
  if (code !== undefined && !['qe', 'vasp', 'eam'].includes(code)) throw new UsageError('--send-to-dft must be qe, vasp or eam')
  if (code && (thresholdMeV === null || !v.out)) throw new UsageError('--send-to-dft needs --near MEV and --out DIR')
  const exportOptions = code ? { code, out: resolve(v.out!), batch: v.batch, ...dftCodeSettings(code, v) } : undefined
  const project = Project.open(resolve(v.project))
  const logDir = mkdtempSync(join(tmpdir(), 'mtp-studio-hull-logs-'))
  const supervisor = new EngineSupervisor({ enginePath: () => enginePath(io.env), logDir })
  const interrupt = interruptible(io, 'cancelling the comparison: its engine job is stopped')
  try {
    const view = await runHullCompare((o) => supervisor.start(o), project.db, { ...axes, potentials, relax, candidates: v['candidates-tag'] ? { tag: v['candidates-tag'] } : undefined }, {
      threads: v.threads === undefined ? undefined : positiveNumber('threads', v.threads),
      signal: interrupt.signal,
      onProgress: (p) => (v.json ? undefined : io.err(`hull: ${p.stage} ${p.message}\n`)),
    })
    const rule = { thresholdMeV: thresholdMeV ?? 0, includeWithDft: v['include-with-dft'] ?? false, includeInDftJobs: v['include-in-jobs'] ?? false, maxCount: v.max === undefined ? undefined : positiveNumber('max', v.max) }
    const near = thresholdMeV === null ? null : sendNearHull(project.db, view, { ...rule, preview: !exportOptions, export: exportOptions })
    const entries = entryObjects(view, project)
    if (v.json) {
      const { columns: _columns, ...rest } = view
      printJson(io, { ...rest, entries, near })
    } else printHuman(io, view, entries, near)
    return 0
  } finally {
    interrupt.dispose()
    await supervisor.shutdown()
    project.close()
    rmSync(logDir, { recursive: true, force: true })
  }
}
