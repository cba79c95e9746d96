/**
 * The loop's driver: takes the campaign (status running, owner = this process), then performs the
 * step the current iteration is at, again and again, each step ending with one transaction that
 * records its results and the next step. Whatever stops the process, the next run starts at the
 * step that was not committed and redoes it. It stops when the campaign converges, reaches
 * maxIterations, waits for exported DFT jobs, is paused or cancelled (here through the signal, or
 * from another process through the database status), or a step fails.
 */
import { hostname } from 'node:os'
import type { AlCampaignStatus, AlStep } from '../contract/al.js'
import { AppError } from '../contract/errors.js'
import type { Db } from '../db/connection.js'
import {
  currentIteration,
  getCampaign,
  getIteration,
  insertIteration,
  listIterations,
  setCampaignStatus,
  updateIteration,
  type AlErrorInfo,
  type CampaignRow,
  type IterationRow,
} from '../db/repositories/al-campaigns.js'
import { iterateIds } from '../db/repositories/configuration-query.js'
import { withWriteLock } from '../db/write-queue.js'
import { LoopStop, type AlContext, type EngineCall } from './context.js'
import type { Retrain } from './retrain.js'
import { exploreStep } from './step-explore.js'
import { gradeStep } from './step-grade.js'
import { mergeStep } from './step-merge.js'
import { referenceStep } from './step-reference.js'
import { initialSelectStep, selectStep } from './step-select.js'
import { trainStep } from './step-train.js'
import { resultOf, type EngineResult } from '../engine/run-result.js'
import type { EngineJob } from '../engine/job.js'
import type { StartOptions } from '../engine/supervisor.js'
import type { JobProgress } from '../contract/entities.js'

export interface RunnerHost {
  db: Db
  projectPath: string
  enginePath: string
  env: NodeJS.ProcessEnv
  /** Starts an engine job (the app records it in the project; the CLI uses a plain supervisor). */
  startJob(opts: StartOptions): EngineJob
  /** Subscribes to progress lines of engine jobs; returns the unsubscribe function. */
  onJobProgress(listener: (jobId: string, p: JobProgress) => void): () => void
  retrain: Retrain
  /** A step or status changed (the app turns these into al:* events). */
  notify?: {
    campaign?(id: number): void
    iteration?(campaignId: number, it: IterationRow): void
    progress?(campaignId: number, iteration: number, step: AlStep, done: number, total: number, message: string): void
    waiting?(campaignId: number, what: { kind: 'engine'; jobId: string; command: string } | null): void
  }
}

/** Why the signal was aborted: the user paused or cancelled the campaign. */
export type StopReason = 'paused' | 'stopped'

const ids = (db: Db, f: Parameters<typeof iterateIds>[1]) => [...iterateIds(db, f)].flat()

/** Iteration 0, with the candidate, MD-start and validation ids fixed for the whole campaign. */
function ensureFirstIteration(db: Db, c: CampaignRow): IterationRow {
  const existing = listIterations(db, c.id)[0]
  if (existing) return existing
  const s = c.spec
  const candidateIds = s.candidates ? ids(db, s.candidates) : []
  if (s.candidates && candidateIds.length === 0) throw new AppError('invalid_input', 'the candidate filter matches no configurations')
  const mdStartIds = s.md.map((m, k) => {
    const list = m.starts ? ids(db, m.starts) : candidateIds
    if (list.length === 0) throw new AppError('invalid_input', `MD scenario ${k + 1} has no starting structures`)
    return list
  })
  const validationIds = s.validation ? ids(db, s.validation) : []
  const initial = s.initialTrainingSetId ?? null
  const id = insertIteration(db, {
    campaignId: c.id,
    number: 0,
    step: initial === null ? 'select' : 'train',
    potentialId: null,
    trainingSetId: initial,
    state: { candidateIds, mdStartIds, validationIds },
  })
  return getIteration(db, id)!
}

function errorInfo(e: unknown): AlErrorInfo {
  const message = e instanceof Error ? e.message : String(e)
  const m = /\(([^()]+?), line (\d+)(?:, field ([^)]+))?\)$/.exec(message)
  return { message, file: m?.[1] ?? null, line: m ? Number(m[2]) : null, field: m?.[3] ?? null }
}

/** Runs the campaign until it stops; resolves with the status it ended in. */
export async function runCampaign(host: RunnerHost, campaignId: number, signal: AbortSignal): Promise<AlCampaignStatus> {
  const { db } = host
  const write = <T>(f: () => T) => withWriteLock(db, () => db.transaction(f)())
  const campaign = getCampaign(db, campaignId)
  if (!campaign) throw new AppError('not_found', `no campaign ${campaignId}`)
  const first = await write(() => {
    setCampaignStatus(db, campaignId, 'running', { error: null, owner: { pid: process.pid, host: hostname() } })
    const it = ensureFirstIteration(db, campaign)
    const cur = currentIteration(db, campaignId)!
    if (cur.status !== 'running' && cur.step !== 'done') updateIteration(db, cur.id, { status: 'running' })
    return it
  })
  host.notify?.campaign?.(campaignId)
  const frozen = first.state as { candidateIds: number[]; mdStartIds: number[][]; validationIds: number[] }

  const ctx: AlContext = {
    db,
    projectPath: host.projectPath,
    campaign,
    elements: campaign.spec.elements!,
    candidateIds: frozen.candidateIds,
    mdStartIds: frozen.mdStartIds,
    validationIds: frozen.validationIds,
    enginePath: host.enginePath,
    env: host.env,
    signal,
    retrain: host.retrain,
    write,
    queue: (f) => withWriteLock(db, f),
    progress: (iteration, step, done, total, message) => host.notify?.progress?.(campaignId, iteration, step, done, total, message),
    iterationChanged: (it) => host.notify?.iteration?.(campaignId, it),
    engine: (call, step, iteration) => runEngineStep(host, campaignId, call, step, iteration, signal),
  }

  const finish = async (status: AlCampaignStatus, error: AlErrorInfo | null = null): Promise<AlCampaignStatus> => {
    try {
      await write(() => {
        // A pause or cancel written by another process wins over our own view.
        const now = getCampaign(db, campaignId)!.status
        setCampaignStatus(db, campaignId, now === 'stopped' || now === 'paused' ? now : status, { error, owner: null })
      })
    } catch (e) {
      // The project was closed under the loop (app quitting): the next open shows it interrupted.
      if (!db.open) return 'interrupted'
      throw e
    }
    host.notify?.campaign?.(campaignId)
    return getCampaign(db, campaignId)!.status
  }

  try {
    for (;;) {
      if (signal.aborted) throw new LoopStop((signal.reason as StopReason) ?? 'paused')
      const outside = getCampaign(db, campaignId)!.status
      if (outside === 'paused' || outside === 'stopped') throw new LoopStop(outside)
      const it = currentIteration(db, campaignId)!
      const after = await performStep(ctx, it)
      if (after) {
        host.notify?.iteration?.(campaignId, after)
        host.notify?.campaign?.(campaignId)
      }
    }
  } catch (e) {
    if (e instanceof LoopStop) {
      if (e.reason === 'converged') return finish('converged')
      // A step that noticed its job cancelled says 'paused'; the user's cancel ('stopped') wins.
      if (signal.aborted) return finish((signal.reason as StopReason) ?? 'paused')
      if (e.reason === 'stopped' && !signal.aborted) {
        const last = currentIteration(db, campaignId)!
        return finish('stopped', last.number >= campaign.spec.maxIterations ? { message: `stopped at maxIterations (${campaign.spec.maxIterations}) without converging`, file: null, line: null, field: null } : null)
      }
      return finish(e.reason === 'awaiting_dft' ? 'awaiting_dft' : e.reason)
    }
    if (signal.aborted) return finish((signal.reason as StopReason) ?? 'paused')
    if (!db.open) return 'interrupted'
    const info = errorInfo(e)
    const cur = currentIteration(db, campaignId)
    if (cur) await write(() => updateIteration(db, cur.id, { status: 'failed', metrics: { error: info.message } }))
    return finish('failed', info)
  } finally {
    host.notify?.waiting?.(campaignId, null)
  }
}

/** One step of the current iteration; returns the iteration row after it (LoopStop ends the loop). */
async function performStep(ctx: AlContext, it: IterationRow): Promise<IterationRow | null> {
  switch (it.step) {
    case 'grade':
      return gradeStep(ctx, it)
    case 'explore':
      return exploreStep(ctx, it)
    case 'select': {
      if (it.number === 0) return initialSelectStep(ctx, it)
      const r = await selectStep(ctx, it)
      if (r.converged) {
        ctx.iterationChanged(r.it)
        throw new LoopStop('converged')
      }
      return r.it
    }
    case 'reference':
      return referenceStep(ctx, it)
    case 'merge':
      return mergeStep(ctx, it)
    case 'train': {
      const r = await trainStep(ctx, it)
      ctx.iterationChanged(r.done)
      if (!r.next) throw new LoopStop('stopped')
      return r.next
    }
    case 'done':
      // The last iteration finished: it selected nothing (converged) or was the last allowed one.
      throw new LoopStop(it.number > 0 && it.selected === 0 ? 'converged' : 'stopped')
  }
}

async function runEngineStep(host: RunnerHost, campaignId: number, call: EngineCall, step: AlStep, iteration: number, signal: AbortSignal): Promise<EngineResult> {
  if (signal.aborted) throw new LoopStop((signal.reason as StopReason) ?? 'paused')
  const job = host.startJob({ command: call.command, args: call.args, cwd: call.cwd, label: call.label })
  host.notify?.waiting?.(campaignId, { kind: 'engine', jobId: job.id, command: call.command })
  const unsubscribe = host.onJobProgress((jobId, p) => {
    if (jobId === job.id) host.notify?.progress?.(campaignId, iteration, step, p.done, p.total, `${call.command}: ${p.stage}`)
  })
  const cancel = () => job.cancel()
  signal.addEventListener('abort', cancel, { once: true })
  try {
    const view = await job.done()
    if (signal.aborted) throw new LoopStop((signal.reason as StopReason) ?? 'paused')
    // Cancelled from outside (the jobs page, the app shutting down): the step is redone on resume.
    if (view.state.status === 'cancelled') throw new LoopStop('paused')
    return resultOf(view)
  } finally {
    signal.removeEventListener('abort', cancel)
    unsubscribe()
  }
}
