/**
 * The DFT job state machine: draft → exported → running → done | failed → imported.
 * A failed job may be exported or run again; results of a failed run (e.g. an SCF that stopped
 * unconverged) may still be imported, and are then quarantined by the quality gate. A job whose
 * results were imported is final.
 */
export const DFT_JOB_STATES = ['draft', 'exported', 'running', 'done', 'failed', 'imported'] as const
export type DftJobState = (typeof DFT_JOB_STATES)[number]

const NEXT: Record<DftJobState, readonly DftJobState[]> = {
  draft: ['exported'],
  // Results of jobs run elsewhere arrive without the app seeing them run.
  exported: ['exported', 'running', 'done', 'failed'],
  running: ['done', 'failed'],
  done: ['imported', 'failed'],
  failed: ['exported', 'running', 'done', 'imported'],
  imported: [],
}

export const canTransition = (from: DftJobState, to: DftJobState): boolean => NEXT[from].includes(to)

export const isTerminalDftState = (s: DftJobState): boolean => NEXT[s].length === 0

export class DftStateError extends Error {
  constructor(
    readonly jobId: number,
    readonly from: DftJobState,
    readonly to: DftJobState,
  ) {
    super(`DFT job ${jobId} cannot go from ${from} to ${to}`)
    this.name = 'DftStateError'
  }
}
