/**
 * Runs one engine subcommand to its end and returns its result object, or throws an AppError that
 * names the engine's error (code, message, file/line/field) — for workflows that chain several
 * engine steps and only care about each step's outcome. Progress and cancel go through whatever
 * starts the job (the supervisor), so the jobs list shows every step.
 */
import { AppError } from '../contract/errors.js'
import type { JobView } from '../contract/entities.js'
import type { EngineJob } from './job.js'
import type { StartOptions } from './supervisor.js'

/** Starts a job: `studio.startProjectJob` in the app, a plain supervisor in the CLI. */
export type StartJob = (opts: StartOptions) => EngineJob

export type EngineResult = Record<string, unknown>

export type RunEngine = (opts: StartOptions) => Promise<EngineResult>

export function resultOf(view: JobView): EngineResult {
  const s = view.state
  if (s.status === 'succeeded') return s.result
  if (s.status === 'cancelled') throw new AppError('cancelled', `cancelled: ${view.label} was stopped`)
  if (s.status === 'failed') {
    const where = [s.error.file, s.error.line != null ? `line ${s.error.line}` : null, s.error.field ? `field ${s.error.field}` : null].filter(Boolean).join(', ')
    throw new AppError('invalid_input', `${view.label}: ${s.error.message}${where ? ` (${where})` : ''}`)
  }
  throw new AppError('internal', `${view.label}: the job ended in state ${s.status}`)
}

export const engineRunner =
  (start: StartJob): RunEngine =>
  async (opts) =>
    resultOf(await start(opts).done())
