/**
 * Progress and cancel of one E–V or elastic computation: its engine jobs run through a
 * cancellable runner (engine/cancellable-runner.ts), and progress counts members × engine steps
 * per member (relax, then evaluate), the step in flight by the structures it has done so far.
 * fraction = (member·steps + step + done/total) / (members·steps).
 */
import { AppError } from '../contract/errors.js'
import type { EventPayload } from '../contract/events.js'
import { cancellableRunner } from '../engine/cancellable-runner.js'
import type { RunEngine, StartJob } from '../engine/run-result.js'
import type { EngineSupervisor } from '../engine/supervisor.js'

export type EvElasticProgress = EventPayload<'analysis:ev-elastic-progress'>
export type EvElasticKind = EvElasticProgress['kind']

/** What the computation needs of the engine: starting jobs and hearing their progress. */
export interface EngineAccess {
  start: StartJob
  subscribe: EngineSupervisor['subscribe']
}

export interface ComputeOptions {
  computeId: string
  signal?: AbortSignal
  onProgress?: (p: EvElasticProgress) => void
  /** Parent of the temporary work folder (default: the system's). */
  workRoot?: string
}

/** The error a cancelled computation ends with (code and message prefix as for hull comparisons). */
export const cancelledEvElastic = (kind: EvElasticKind) =>
  new AppError('cancelled', `cancelled: the ${kind === 'ev' ? 'E–V' : 'elastic-constant'} computation was stopped; nothing was stored`)

export interface TrackedComputation {
  run: RunEngine
  /** The workflows' onProgress: member `k` of `members` starts (k = members: all done). */
  member: (k: number, members: number, label: string) => void
  close: () => void
}

export function trackComputation(engine: EngineAccess, kind: EvElasticKind, steps: number, o: ComputeOptions): TrackedComputation {
  let p: EvElasticProgress = { computeId: o.computeId, kind, member: 0, members: 0, step: 0, steps, done: 0, total: 0, fraction: 0, message: 'preparing', jobId: null }
  let stepInMember = -1
  const emit = (patch: Partial<EvElasticProgress>) => {
    p = { ...p, ...patch }
    const within = p.total > 0 ? Math.min(1, p.done / p.total) : 0
    p.fraction = p.members > 0 ? Math.min(1, (p.member * steps + Math.min(p.step, steps - 1) + within) / (p.members * steps)) : 0
    if (p.member >= p.members && p.members > 0) p.fraction = 1
    o.onProgress?.(p)
  }
  const unsubscribe = engine.subscribe((e) => {
    if (e.type === 'progress' && e.jobId === p.jobId) emit({ done: e.progress.done, total: e.progress.total })
  })
  const run = cancellableRunner(engine.start, o.signal ?? new AbortController().signal, () => cancelledEvElastic(kind), (job, opts) => {
    stepInMember++
    emit({ step: stepInMember, done: 0, total: 0, jobId: job.id, message: opts.label ?? opts.command })
  })
  const member = (k: number, members: number, label: string) => {
    stepInMember = -1
    emit({ member: k, members, step: 0, done: 0, total: 0, jobId: null, message: k < members ? label : 'done' })
  }
  return { run, member, close: unsubscribe }
}
