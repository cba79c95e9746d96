/**
 * Step D: the "ab initio" calculations of the selected configurations, as DFT jobs of one batch per
 * iteration (al<campaign>-it<nnn>) so they appear with every other DFT job: the built-in EAM or
 * pw.x run here by the local executor, or job folders exported for a cluster (the campaign then
 * waits in 'awaiting_dft' until their results are imported). On a rerun, jobs that exist are
 * reused: never-exported drafts are redone, jobs cut off while running are run again, finished
 * ones are imported if they were not yet.
 */
import { join } from 'node:path'
import type { AlSpec } from '../contract/al.js'
import { updateIteration, type IterationRow } from '../db/repositories/al-campaigns.js'
import { getDftJob, listDftJobs, type DftJob } from '../db/repositories/dft-jobs.js'
import { exportDftJobs } from '../dft/export-jobs.js'
import { importJobResult } from '../dft/import-results.js'
import { INTERRUPTED_ERROR as INTERRUPTED, runJobsLocally } from '../dft/local-executor.js'
import { campaignDir } from './files.js'
import { LoopStop, type AlContext } from './context.js'

export const batchName = (campaignId: number, iteration: number) => `al${campaignId}-it${String(iteration).padStart(3, '0')}`

function exportMissing(ctx: AlContext, it: IterationRow, batch: string, selectedIds: readonly number[]): DftJob[] {
  const ref = ctx.campaign.spec.reference
  const db = ctx.db
  const drafts = listDftJobs(db, { batch }).filter((j) => j.state === 'draft')
  if (drafts.length) db.prepare(`DELETE FROM dft_jobs WHERE batch = ? AND state = 'draft'`).run(batch)
  const have = new Set(listDftJobs(db, { batch }).map((j) => j.configurationId))
  const missing = selectedIds.filter((id) => !have.has(id))
  if (missing.length) {
    const out = ref.kind === 'export' ? ref.out : join(campaignDir(ctx.projectPath, ctx.campaign.id), 'dft')
    exportDftJobs(db, {
      code: ref.kind === 'eam' ? 'eam' : ref.kind === 'qe-local' ? 'qe' : ref.code,
      configurationIds: missing,
      out,
      batch,
      qe: ref.kind === 'qe-local' ? ref.qe : ref.kind === 'export' ? ref.qe : undefined,
      vasp: ref.kind === 'export' ? ref.vasp : undefined,
    })
  }
  db.prepare('UPDATE dft_jobs SET al_iteration_id = ? WHERE batch = ?').run(it.id, batch)
  return listDftJobs(db, { batch })
}

export function dftSummary(db: AlContext['db'], batch: string): { total: number; imported: number; failed: number; quarantined: number; pending: number; folder: string | null } {
  const jobs = listDftJobs(db, { batch })
  const quarantined = jobs.filter((j) => j.state === 'imported' && j.resultConfigurationId !== null && db.prepare('SELECT quarantine_reason IS NOT NULL FROM configurations WHERE id = ?').pluck().get(j.resultConfigurationId)).length
  const imported = jobs.filter((j) => j.state === 'imported').length
  const failed = jobs.filter((j) => j.state === 'failed' && !INTERRUPTED.test(j.error ?? '')).length
  const folder = jobs[0]?.folder ? join(jobs[0].folder, '..') : null
  return { total: jobs.length, imported, failed, quarantined, pending: jobs.length - imported - failed, folder }
}

async function runLocal(ctx: AlContext, it: IterationRow, jobs: DftJob[], ref: Extract<AlSpec['reference'], { kind: 'eam' | 'qe-local' }>): Promise<void> {
  // Results that were computed but not imported when the process died.
  for (const j of jobs.filter((j) => j.state === 'done')) await ctx.queue(() => importJobResult(ctx.db, j.id))
  const todo = jobs.filter((j) => j.state === 'exported' || (j.state === 'failed' && INTERRUPTED.test(j.error ?? ''))).map((j) => j.id)
  let finished = jobs.length - todo.length
  ctx.progress(it.number, 'reference', finished, jobs.length, `${ref.kind === 'eam' ? 'EAM' : 'pw.x'}: ${finished}/${jobs.length} jobs`)
  await runJobsLocally(ctx.db, todo, {
    concurrency: ref.concurrency,
    pwCommand: ref.kind === 'qe-local' ? ref.pwCommand : undefined,
    engine: ctx.enginePath,
    env: ctx.env,
    signal: ctx.signal,
    onState: (job) => {
      // A job starting is reported too, so the cockpit shows which one runs (and a pause can land there).
      if (job.state === 'running') ctx.progress(it.number, 'reference', finished, jobs.length, `job ${job.id}: running`)
      if (job.state === 'imported' || (job.state === 'failed' && !INTERRUPTED.test(job.error ?? ''))) {
        finished++
        ctx.progress(it.number, 'reference', finished, jobs.length, `job ${job.id}: ${job.state}`)
      }
    },
  })
  if (ctx.signal.aborted) throw new LoopStop('paused')
}

export async function referenceStep(ctx: AlContext, it: IterationRow): Promise<IterationRow> {
  const ref = ctx.campaign.spec.reference
  const selectedIds = (it.state.selectedIds as number[] | undefined) ?? []
  const batch = batchName(ctx.campaign.id, it.number)
  const jobs = await ctx.write(() => exportMissing(ctx, it, batch, selectedIds))
  if (it.dftBatch !== batch) it = await ctx.write(() => updateIteration(ctx.db, it.id, { dftBatch: batch }))
  if (ref.kind !== 'export') await runLocal(ctx, it, jobs, ref)
  const s = dftSummary(ctx.db, batch)
  if (s.pending > 0) {
    // Exported jobs: wait for their results to be imported (jobs import / dft/import-results).
    const waiting = await ctx.write(() => updateIteration(ctx.db, it.id, { status: 'waiting', metrics: { dft: s } }))
    ctx.iterationChanged(waiting)
    throw new LoopStop('awaiting_dft')
  }
  const resultIds = listDftJobs(ctx.db, { batch })
    .filter((j) => j.state === 'imported' && j.resultConfigurationId !== null)
    .map((j) => getDftJob(ctx.db, j.id)!.resultConfigurationId!)
  if (resultIds.length === 0) throw new Error(`every DFT job of batch ${batch} failed; see dft/list`)
  return ctx.write(() => updateIteration(ctx.db, it.id, { step: 'merge', status: 'running', state: { resultIds }, metrics: { dft: s } }))
}
