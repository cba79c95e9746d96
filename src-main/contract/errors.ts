/**
 * Errors that cross the boundary. The core throws `AppError` with a code the renderer can act on;
 * adapters send `{ code, message, issues? }` and the client rethrows it as `ApiError`.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_request'
  | 'not_found'
  | 'no_project'
  | 'project_exists'
  | 'not_a_project'
  | 'project_too_new'
  | 'engine_unavailable'
  | 'engine_protocol'
  /** The user stopped the computation (a cancel request or the jobs menu): an outcome, not a failure. */
  | 'cancelled'
  | 'unauthorized'
  | 'internal'

export interface ErrorIssue {
  path: string
  message: string
}

export interface ErrorBody {
  code: ErrorCode
  message: string
  issues?: ErrorIssue[]
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly issues?: ErrorIssue[]

  constructor(code: ErrorCode, message: string, issues?: ErrorIssue[]) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.issues = issues
  }

  toBody(): ErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message }
  }
}

/** Anything thrown by a handler, as the body sent to the renderer (internal details stay in the log). */
export function toErrorBody(e: unknown): ErrorBody {
  if (e instanceof AppError) return e.toBody()
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) }
}

export const isErrorBody = (v: unknown): v is ErrorBody =>
  typeof v === 'object' && v !== null && typeof (v as ErrorBody).code === 'string' && typeof (v as ErrorBody).message === 'string'
