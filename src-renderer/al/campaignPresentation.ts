import type { z } from 'zod'
import type { AlCampaignStatus, AlStep, alError, alWaitingFor } from '../../src-main/contract/al'

type AlError = z.infer<typeof alError>
type AlWaitingFor = z.infer<typeof alWaitingFor>

export interface StatusView {
  label: string
  color: 'primary' | 'success' | 'error' | 'warning' | 'info' | 'secondary'
  icon: string
  /** One sentence for the header: what the state means for the user. */
  hint: string
}

/** How each campaign status is shown; the one place that maps the status union to the screen. */
export function campaignStatusView(status: AlCampaignStatus): StatusView {
  switch (status) {
    case 'draft':
      return { label: 'draft', color: 'secondary', icon: 'mdi-file-outline', hint: 'Created, not started yet.' }
    case 'running':
      return { label: 'running', color: 'primary', icon: 'mdi-play-circle-outline', hint: 'The loop is working; iterations appear as they finish.' }
    case 'paused':
      return { label: 'paused', color: 'warning', icon: 'mdi-pause-circle-outline', hint: 'Paused by you; resume redoes the step it was in.' }
    case 'awaiting_dft':
      return { label: 'waiting for DFT', color: 'info', icon: 'mdi-timer-sand', hint: 'Exported DFT jobs must be run and their results imported; then resume.' }
    case 'interrupted':
      return { label: 'interrupted', color: 'warning', icon: 'mdi-alert-circle-outline', hint: 'The process running it stopped (crash or restart); resume continues at the step it was in.' }
    case 'converged':
      return { label: 'converged', color: 'success', icon: 'mdi-check-circle-outline', hint: 'An exploration finished with nothing selected: the potential is reliable on the candidates.' }
    case 'stopped':
      return { label: 'stopped', color: 'secondary', icon: 'mdi-stop-circle-outline', hint: 'Cancelled, or the iteration limit was reached.' }
    case 'failed':
      return { label: 'failed', color: 'error', icon: 'mdi-close-circle-outline', hint: 'A step failed; resume retries it.' }
  }
}

export type CampaignAction = 'start' | 'pause' | 'resume' | 'cancel'

/** What the user may do in each status (the core enforces the same; this only hides useless buttons). */
export function campaignActions(status: AlCampaignStatus): CampaignAction[] {
  switch (status) {
    case 'draft':
      return ['start', 'cancel']
    case 'running':
      return ['pause', 'cancel']
    case 'paused':
    case 'interrupted':
    case 'failed':
    case 'awaiting_dft':
      return ['resume', 'cancel']
    case 'converged':
    case 'stopped':
      return []
  }
}

export interface StepView {
  step: Exclude<AlStep, 'done'>
  /** The paper's letter (fig. 3). */
  letter: string
  title: string
}

/** The iteration's steps A–F in order (SCIENCE.md, "Active learning"). */
export const campaignSteps: readonly StepView[] = [
  { step: 'grade', letter: 'A', title: 'Active set' },
  { step: 'explore', letter: 'B', title: 'Explore' },
  { step: 'select', letter: 'C', title: 'Select' },
  { step: 'reference', letter: 'D', title: 'Reference' },
  { step: 'merge', letter: 'E', title: 'Merge' },
  { step: 'train', letter: 'F', title: 'Retrain' },
]

/** Index of `step` in campaignSteps (6 = after the last, for 'done'; −1 for none). */
export function stepIndex(step: AlStep | null): number {
  if (step === null) return -1
  if (step === 'done') return campaignSteps.length
  return campaignSteps.findIndex((s) => s.step === step)
}

export function stepTitle(step: AlStep | null): string {
  if (step === null) return '–'
  if (step === 'done') return 'done'
  const s = campaignSteps[stepIndex(step)]
  return `${s.letter} · ${s.title}`
}

/** What the loop waits for, as one line. */
export function waitingText(w: AlWaitingFor | null): string | null {
  if (!w) return null
  switch (w.kind) {
    case 'dft':
      return `DFT results of batch ${w.batch}: ${w.done} of ${w.total} in${w.folder ? ` (job folders in ${w.folder})` : ''}`
    case 'training':
      return `Training run #${w.runId}`
    case 'engine':
      return `Engine job ${w.command} (${w.jobId})`
  }
}

/** An error with where it happened (file:line, field), as the messages store writes them. */
export function errorText(e: AlError): string {
  const where = [e.file ? (e.line !== null ? `${e.file}:${e.line}` : e.file) : null, e.field ? `field ${e.field}` : null].filter(Boolean)
  return where.length > 0 ? `${e.message} (${where.join(', ')})` : e.message
}

/** 0…1, or null for an indeterminate bar (no total reported). */
export function progressFraction(p: { done: number; total: number } | null): number | null {
  if (!p || !(p.total > 0)) return null
  return Math.min(1, Math.max(0, p.done / p.total))
}
