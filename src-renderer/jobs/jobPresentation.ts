import type { JobState, JobView } from '../../src-main/contract'
import { dateTime } from '../format/time'

export interface JobPresentation {
  /** Short state word for a chip: "running", "failed" … */
  status: string
  color: 'primary' | 'success' | 'error' | 'warning' | 'secondary'
  /** 0…1 when the engine reported a total, null for an indeterminate bar or a finished job. */
  fraction: number | null
  /** One line under the label: stage and counts, or why it failed (with file, line, field). */
  detail: string
  canCancel: boolean
  /** Not yet in a terminal state: shows a progress bar. */
  active: boolean
}

function failureText(state: Extract<JobState, { status: 'failed' }>): string {
  const e = state.error
  const where = [e.file ? (e.line ? `${e.file}:${e.line}` : e.file) : null, e.field ? `field ${e.field}` : null].filter(Boolean).join(', ')
  const exit = state.signal ? ` (killed by ${state.signal})` : state.exitCode !== null && state.exitCode !== 0 ? ` (exit code ${state.exitCode})` : ''
  return `${e.message}${where ? ` — ${where}` : ''}${exit}`
}

/** How a job is shown in the jobs menu; the one place that maps the state union to the screen. */
export function presentJob(job: Pick<JobView, 'state'>): JobPresentation {
  const s = job.state
  switch (s.status) {
    case 'starting':
      return { status: 'starting', color: 'secondary', fraction: null, detail: 'starting the engine', canCancel: true, active: true }
    case 'running': {
      const p = s.progress
      const fraction = p && p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : null
      const detail = p ? (p.total > 0 ? `${p.stage}: ${p.done} / ${p.total}` : p.stage) : 'running'
      return { status: 'running', color: 'primary', fraction, detail, canCancel: true, active: true }
    }
    case 'cancelling':
      return { status: 'cancelling', color: 'warning', fraction: null, detail: 'stopping (SIGTERM, then SIGKILL)', canCancel: false, active: true }
    case 'succeeded':
      return { status: 'done', color: 'success', fraction: null, detail: `finished ${dateTime(s.finishedAt)}`, canCancel: false, active: false }
    case 'failed':
      return { status: 'failed', color: 'error', fraction: null, detail: failureText(s), canCancel: false, active: false }
    case 'cancelled':
      return { status: 'cancelled', color: 'secondary', fraction: null, detail: `cancelled ${dateTime(s.finishedAt)}`, canCancel: false, active: false }
  }
}
