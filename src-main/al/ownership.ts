/**
 * Who runs a campaign. A campaign is 'running' while a process works on it (owner pid and host in
 * its row). When that process died — a crash, SIGKILL, a closed app — the row still says running;
 * such campaigns are shown as 'interrupted' and continue, at the step they were in, on resume.
 */
import { hostname } from 'node:os'
import type { Db } from '../db/connection.js'
import { processAlive } from '../processes.js'
import { runningCampaigns, setCampaignStatus, type CampaignRow } from '../db/repositories/al-campaigns.js'

/** True when another live process on this machine (or any process elsewhere) owns the campaign. */
export function ownedElsewhere(c: CampaignRow): boolean {
  if (c.status !== 'running' || c.ownerPid === null) return false
  if (c.ownerHost !== hostname()) return true
  return c.ownerPid !== process.pid && processAlive(c.ownerPid)
}

/** Campaigns run right now by another live process (their running DFT jobs are that process's). */
export function campaignsOwnedElsewhere(db: Db): number[] {
  return runningCampaigns(db)
    .filter(ownedElsewhere)
    .map((c) => c.id)
}

/** Marks running campaigns whose owner is gone (and not in `activeHere`) as interrupted. */
export function markInterruptedCampaigns(db: Db, activeHere: ReadonlySet<number>): number {
  let n = 0
  for (const c of runningCampaigns(db)) {
    if (activeHere.has(c.id) || ownedElsewhere(c)) continue
    setCampaignStatus(db, c.id, 'interrupted', { owner: null })
    n++
  }
  return n
}
