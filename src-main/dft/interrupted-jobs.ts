/**
 * Local DFT jobs left 'running' when a project is opened. Only the local executor puts a job in
 * 'running' (cluster jobs go exported → done when their results arrive), and it records itself
 * (pid, host) and the job's process group (migration 7). A job whose runner is still alive — on
 * another host we cannot tell, so it counts as alive — is left alone; a job whose runner is gone
 * (a crash, SIGKILL, a closed app) is marked failed with an "interrupted" error, to be run again,
 * never silently restarted, and the processes it left behind (pw.x, mpirun and its ranks) are
 * killed when they are provably that job's: the group leader's start time must be the recorded one.
 * Jobs from before migration 7 (no runner recorded) are marked as before, except those of the
 * active-learning campaigns in `liveCampaignIds`, which a live process runs now.
 */
import { hostname } from 'node:os'
import type { Db } from '../db/connection.js'
import { markDftJobsInterrupted, runningDftJobs, type RunningDftJob } from '../db/repositories/dft-jobs.js'
import { processAlive } from '../processes.js'
import { processStart, processTree, signalTree } from './process-tree.js'

function runnerAlive(j: RunningDftJob, host: string): boolean {
  if (j.runnerHost !== host) return true
  return j.runnerPid === process.pid || processAlive(j.runnerPid!)
}

/** Returns the ids of the jobs marked interrupted. */
export function markInterruptedDftJobs(db: Db, liveCampaignIds: readonly number[] = []): number[] {
  const host = hostname()
  const liveIterations = new Set(
    db.prepare(`SELECT id FROM al_iterations WHERE campaign_id IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify(liveCampaignIds)) as number[],
  )
  const cutOff = runningDftJobs(db).filter((j) =>
    j.runnerPid === null ? !(j.alIterationId !== null && liveIterations.has(j.alIterationId)) : !runnerAlive(j, host),
  )
  if (cutOff.length === 0) return []
  markDftJobsInterrupted(db, cutOff.map((j) => j.id))
  for (const j of cutOff) {
    if (j.runnerHost !== host || j.processGroup === null || j.processStart === null) continue
    if (processStart(j.processGroup) !== j.processStart) continue
    signalTree(j.processGroup, processTree(j.processGroup), 'SIGKILL')
  }
  return cutOff.map((j) => j.id)
}
