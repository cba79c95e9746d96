/**
 * "Send near-hull candidates to DFT": from a finished hull comparison, the entries whose MTP energy
 * above hull may be within a threshold — the lower end of the 95 % interval (the members' own
 * energies above their hulls, mean − 1.96σ, ≥ 0) at most `thresholdMeV` meV/atom — by default only
 * those without a reference energy and without a live DFT job (checked now, so sending twice does
 * not resend), lowest first and optionally capped; then written as DFT jobs by the 'dft/export'
 * service (dft/export-jobs.ts).
 */
import { AppError } from '../contract/errors.js'
import { decodeColumn } from '../contract/columns.js'
import type { HullCompareView, HullSendView } from '../contract/hull-compare.js'
import type { Db } from '../db/connection.js'
import { exportDftJobs, type DftExportOptions } from '../dft/export-jobs.js'
import { configurationsInDftJobs } from './hull-compare-entries.js'

export interface NearHullRule {
  /** meV/atom. */
  thresholdMeV: number
  includeWithDft: boolean
  includeInDftJobs: boolean
  maxCount?: number
}

export type SendExport = Omit<DftExportOptions, 'configurationIds'>

type Chosen = HullSendView['chosen'][number]

export interface NearHullPick {
  chosen: Chosen[]
  qualifying: number
  skipped: HullSendView['skipped']
}

const fixed = (v: number) => v.toFixed(2)

/** The entries the rule picks, lowest first (lower end of the interval, then the mean, then id). */
export function pickNearHull(view: HullCompareView, rule: NearHullRule, inDftJob: ReadonlySet<number>): NearHullPick {
  const n = view.rows
  const k = view.elements.length
  const c = view.columns
  const id = decodeColumn(c.id, 'i32', n)
  const formula = decodeColumn(c.formula, 'i32', n)
  const composition = decodeColumn(c.composition, 'f64', n * k)
  const hasDft = decodeColumn(c.hasDft, 'u8', n)
  const ef = decodeColumn(c.mtpFormationMeV, 'f64', n)
  const mean = decodeColumn(c.mtpEAboveHullMeV, 'f64', n)
  const lo = decodeColumn(c.mtpEAboveHullLo95MeV, 'f64', n)
  const hi = decodeColumn(c.mtpEAboveHullHi95MeV, 'f64', n)
  const skipped = { withDft: 0, inDftJob: 0, overCap: 0 }
  let qualifying = 0
  const rows: number[] = []
  for (let r = 0; r < n; r++) {
    // NaN (not evaluated by every member) never qualifies.
    if (!(lo[r] <= rule.thresholdMeV)) continue
    qualifying++
    if (hasDft[r] && !rule.includeWithDft) skipped.withDft++
    else if (inDftJob.has(id[r]) && !rule.includeInDftJobs) skipped.inDftJob++
    else rows.push(r)
  }
  rows.sort((a, b) => lo[a] - lo[b] || mean[a] - mean[b] || id[a] - id[b])
  const kept = rule.maxCount === undefined ? rows : rows.slice(0, rule.maxCount)
  skipped.overCap = rows.length - kept.length
  const chosen = kept.map((r) => ({
    id: id[r],
    formula: view.formulas[formula[r]],
    composition: Array.from(composition.subarray(r * k, r * k + k)),
    mtpFormationMeV: ef[r],
    mtpEAboveHullMeV: mean[r],
    mtpEAboveHullLo95MeV: lo[r],
    mtpEAboveHullHi95MeV: hi[r],
    reason: `MTP energy above hull ${fixed(mean[r])} meV/atom, 95 % interval ${fixed(lo[r])}…${fixed(hi[r])}: lower end ≤ ${rule.thresholdMeV} meV/atom${hasDft[r] ? ' (has a DFT energy)' : ''}${inDftJob.has(id[r]) ? ' (already in a DFT job)' : ''}`,
  }))
  return { chosen, qualifying, skipped }
}

/** Picks and, unless previewing, exports the chosen entries as DFT jobs. */
export function sendNearHull(db: Db, view: HullCompareView, rule: NearHullRule & { preview: boolean; export?: SendExport }): HullSendView {
  const pick = pickNearHull(view, rule, configurationsInDftJobs(db))
  const base = { preview: rule.preview, thresholdMeV: rule.thresholdMeV, ...pick, batch: null, folder: null, jobIds: [] }
  if (rule.preview || pick.chosen.length === 0) return base
  if (!rule.export) throw new AppError('invalid_input', 'export options (code, out, …) are needed to write DFT jobs')
  try {
    const r = exportDftJobs(db, { ...rule.export, configurationIds: pick.chosen.map((e) => e.id) })
    return { ...base, ...r }
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError('invalid_input', (e as Error).message)
  }
}
