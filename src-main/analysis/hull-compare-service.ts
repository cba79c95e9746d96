/**
 * What 'analysis/hull-compare' does with a project: read the entries, evaluate them with every
 * member through the engine (one calc-efs / reference / relax job per member, in a temporary work
 * folder that is removed afterwards), compute the DFT and MTP hulls (hull-compare.ts) and encode
 * the columns. Nothing is written to the project. Aborting the signal cancels the running engine
 * job and stops before the next member; cancelling that job from outside (jobs/cancel) does the same.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../contract/errors.js'
import type { EventPayload } from '../contract/events.js'
import type { HullCompareRequest, HullCompareView } from '../contract/hull-compare.js'
import type { Db } from '../db/connection.js'
import { readStructure } from '../db/repositories/configuration-store.js'
import { speciesList } from '../db/repositories/species.js'
import type { EngineJob } from '../engine/job.js'
import { engineRunner, type StartJob } from '../engine/run-result.js'
import type { ParsedStructure } from '../io/types.js'
import { evaluateBatchPartial } from './efs-batch.js'
import { encodeColumn } from './encode-columns.js'
import { resolveForceFields } from './ev-elastic-service.js'
import { compareHullColumns, compareSummary, hullOutline } from './hull-compare.js'
import { readCompareEntries, type CompareEntries } from './hull-compare-entries.js'

export type HullCompareProgress = EventPayload<'analysis:hull-compare-progress'>

export interface HullCompareRunOptions {
  signal?: AbortSignal
  onProgress?: (p: HullCompareProgress) => void
  /** Parent of the temporary work folder (default: the system's). */
  workRoot?: string
  threads?: number
}

/** The error a cancelled comparison ends with (code and message prefix are in the contract). */
export const cancelledCompare = () => new AppError('cancelled', 'cancelled: the hull comparison was stopped')

function structuresOf(db: Db, entries: CompareEntries): ParsedStructure[] {
  const species = speciesList(db)
  return Array.from(entries.ids, (id) => {
    const s = readStructure(db, id, species)
    if (!s) throw new AppError('not_found', `configuration ${id} disappeared while reading`)
    return s
  })
}

export async function runHullCompare(start: StartJob, db: Db, input: HullCompareRequest, opts: HullCompareRunOptions = {}): Promise<HullCompareView> {
  const computeId = input.computeId ?? randomUUID()
  let current: EngineJob | null = null
  let members = 0
  let member = 0
  const progress = (stage: HullCompareProgress['stage'], done: number, total: number, message: string) =>
    opts.onProgress?.({ computeId, stage, member: stage === 'evaluating' ? member : null, members, done, total, message, jobId: stage === 'evaluating' ? (current?.id ?? null) : null })
  const tracked: StartJob = (o) => {
    const job = start(o)
    current = job
    if (opts.signal?.aborted) job.cancel()
    progress('evaluating', member, members, o.label ?? o.command)
    return job
  }
  const onAbort = () => current?.cancel()
  opts.signal?.addEventListener('abort', onAbort, { once: true })
  const workDir = mkdtempSync(join(opts.workRoot ?? tmpdir(), 'mtp-studio-hull-'))
  try {
    progress('reading', 0, 1, 'reading the entries')
    const { forceFields, species } = resolveForceFields(db, input.potentials, workDir)
    members = forceFields.length
    const elements = input.elements ?? species
    const unknown = elements.filter((el) => !species.includes(el))
    if (unknown.length) throw new AppError('invalid_input', `the force field knows [${species.join(', ')}], not ${unknown.join(', ')}`)
    const entries = readCompareEntries(db, elements, input.candidates)
    if (entries.ids.length === 0) throw new AppError('invalid_input', `no configurations in ${elements.join('–')}: none with a reference energy${input.candidates ? ' and no candidates' : ''}`)
    const structures = structuresOf(db, entries)
    const run = engineRunner(tracked)
    const memberEnergy: Float64Array[] = []
    for (const [m, ff] of forceFields.entries()) {
      if (opts.signal?.aborted) throw cancelledCompare()
      member = m
      progress('evaluating', m, members, `${ff.label}: ${structures.length} structures${input.relax === 'none' ? '' : `, relax ${input.relax}`}`)
      try {
        const values = await evaluateBatchPartial(run, ff, { structures, species, relax: input.relax, workDir, stem: `member-${m}`, threads: opts.threads })
        memberEnergy.push(Float64Array.from(values, (v) => v?.energy ?? NaN))
      } catch (e) {
        const job = current as EngineJob | null
        if (opts.signal?.aborted || job?.view().state.status === 'cancelled') throw cancelledCompare()
        throw e
      }
    }
    progress('hull', members, members, 'hulls and statistics')
    let c
    try {
      c = compareHullColumns({ ...entries, memberEnergy }, { elements, references: input.references, mtpReferences: input.mtpReferences, tolerance: input.tolerance })
    } catch (e) {
      throw new AppError('invalid_input', (e as Error).message)
    }
    const view = compareView(computeId, input, elements, forceFields.map((f) => f.label), entries, c)
    progress('done', members, members, 'done')
    return view
  } finally {
    opts.signal?.removeEventListener('abort', onAbort)
    rmSync(workDir, { recursive: true, force: true })
  }
}

type Compared = ReturnType<typeof compareHullColumns>

function compareView(computeId: string, input: HullCompareRequest, elements: string[], labels: string[], e: CompareEntries, c: Compared): HullCompareView {
  const idOf = (entry: number | null) => (entry === null ? null : e.ids[entry])
  const dft = c.dft
  const nan = () => new Float64Array(c.rows).fill(NaN)
  return {
    computeId,
    elements,
    tolerance: c.members[0].hull.tolerance,
    relax: input.relax,
    rows: c.rows,
    members: c.members.map((m, k) => ({ label: labels[k], references: m.hull.references.map((r) => ({ element: r.element, mu: r.mu, entryId: idOf(r.entry) })) })),
    dftReferences: dft ? dft.hull.references.map((r) => ({ element: r.element, mu: r.mu, origin: r.origin, entryId: idOf(r.entry) })) : [],
    formulas: e.formulas,
    columns: {
      id: encodeColumn(e.ids),
      natoms: encodeColumn(c.natoms),
      formula: encodeColumn(e.group),
      composition: encodeColumn(c.composition),
      hasDft: encodeColumn(Uint8Array.from(e.dftEnergy, (v) => (Number.isFinite(v) ? 1 : 0))),
      inDftJob: encodeColumn(e.inDftJob),
      dftFormationMeV: encodeColumn(dft ? dft.formationMeV : nan()),
      dftEAboveHullMeV: encodeColumn(dft ? dft.eAboveHullMeV : nan()),
      dftStable: encodeColumn(dft ? dft.stable : new Uint8Array(c.rows)),
      mtpFormationMeV: encodeColumn(c.mtpFormationMeV),
      mtpFormationStdMeV: encodeColumn(c.mtpFormationStdMeV),
      mtpFormationLo95MeV: encodeColumn(c.mtpFormationLo95MeV),
      mtpFormationHi95MeV: encodeColumn(c.mtpFormationHi95MeV),
      mtpEAboveHullMeV: encodeColumn(c.mean ? c.mean.eAboveHullMeV : nan()),
      mtpEAboveHullLo95MeV: encodeColumn(c.mtpEAboveHullLo95MeV),
      mtpEAboveHullHi95MeV: encodeColumn(c.mtpEAboveHullHi95MeV),
      mtpStable: encodeColumn(c.mean ? c.mean.stable : new Uint8Array(c.rows)),
      mtpStableMembers: encodeColumn(c.mtpStableMembers),
    },
    dftHull: hullOutline(dft, e.ids),
    mtpHull: hullOutline(c.mean, e.ids),
    summary: compareSummary(c, e.ids),
    skipped: e.skipped,
    warnings: [...(dft?.hull.warnings ?? []), ...c.warnings],
  }
}
