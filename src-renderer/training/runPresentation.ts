/** How a training run's status and stage read in the list and the monitor. */
import type { TrainingRunStatus } from '../../src-main/contract/training'

export const STATUS_VIEW: Record<TrainingRunStatus, { text: string; color: string; icon: string }> = {
  queued: { text: 'queued', color: 'info', icon: 'mdi-timer-sand' },
  running: { text: 'running', color: 'primary', icon: 'mdi-progress-clock' },
  succeeded: { text: 'finished', color: 'success', icon: 'mdi-check-circle-outline' },
  failed: { text: 'failed', color: 'error', icon: 'mdi-alert-circle-outline' },
  cancelled: { text: 'cancelled', color: 'warning', icon: 'mdi-cancel' },
  interrupted: { text: 'interrupted', color: 'warning', icon: 'mdi-flash-alert-outline' },
}

export const STAGE_TEXT: Record<string, string> = {
  preparing: 'writing the training set and the untrained potential',
  training: 'training',
  evaluating: 'evaluating the potential on every configuration',
  storing: 'storing the results',
  done: 'done',
}

export const canRestart = (s: TrainingRunStatus): boolean => s === 'failed' || s === 'cancelled' || s === 'interrupted'
export const isActive = (s: TrainingRunStatus): boolean => s === 'queued' || s === 'running'
