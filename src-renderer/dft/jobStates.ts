/**
 * How DFT job states look on the jobs page (draft → exported → running → done / failed → imported),
 * and which jobs each action applies to: only QE and EAM jobs run on this machine (VASP goes to the
 * cluster through the batch's submit script), and only exported or failed ones can be (re)run.
 */
import type { RequestOutput } from '../../src-main/contract'

export type DftJobView = RequestOutput<'dft/list'>[number]
export type DftState = DftJobView['state']

export const stateStyle: Record<DftState, { color: string; icon: string; text: string }> = {
  draft: { color: 'grey', icon: 'mdi-file-outline', text: 'draft' },
  exported: { color: 'info', icon: 'mdi-folder-arrow-right-outline', text: 'exported' },
  running: { color: 'primary', icon: 'mdi-play-circle-outline', text: 'running' },
  done: { color: 'secondary', icon: 'mdi-check', text: 'done' },
  failed: { color: 'error', icon: 'mdi-alert-circle-outline', text: 'failed' },
  imported: { color: 'success', icon: 'mdi-database-check-outline', text: 'imported' },
}

export const canRunLocally = (job: DftJobView): boolean => job.code !== 'vasp' && (job.state === 'exported' || job.state === 'failed')

/** Jobs per state, in the state machine's order, leaving out states with none. */
export function stateCounts(jobs: readonly DftJobView[]): { state: DftState; count: number }[] {
  const order: DftState[] = ['draft', 'exported', 'running', 'done', 'failed', 'imported']
  return order.map((state) => ({ state, count: jobs.filter((j) => j.state === state).length })).filter((c) => c.count > 0)
}

/** Newest state wins: a 'dft:job' event replaces the job in the list (or adds it on top). */
export function upsertJob(jobs: readonly DftJobView[], job: DftJobView): DftJobView[] {
  const i = jobs.findIndex((j) => j.id === job.id)
  if (i < 0) return [job, ...jobs]
  const next = [...jobs]
  next[i] = job
  return next
}
