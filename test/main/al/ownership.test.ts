// Opening a project while another live process runs a campaign's reference step (here: the
// read-only `mtp-studio al status`) leaves that process's running DFT jobs and its campaign alone;
// once the owner is gone, the same command marks both as interrupted so resume runs the job again.
import { spawn, spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createCampaign } from '../../../src-main/al/create'
import { campaignsOwnedElsewhere } from '../../../src-main/al/ownership'
import { getCampaign, insertIteration, setCampaignStatus } from '../../../src-main/db/repositories/al-campaigns'
import { createDftJobs, getDftJob, transitionDftJob } from '../../../src-main/db/repositories/dft-jobs'
import { Project } from '../../../src-main/projects/project'
import { isAlive, tempDir, waitFor } from '../support/temp'
import { agpdCandidates, seededProject } from './support'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))

/** A campaign at its reference step with one DFT job running, owned by process `pid` on this host; and a job of no campaign. */
function campaignWithRunningJob(pid: number): { path: string; campaignId: number; jobId: number; loneJobId: number } {
  const p = seededProject(tempDir(), 'owned', agpdCandidates(), 'candidates')
  const db = p.db
  const out = db.transaction(() => {
    const campaignId = createCampaign(db, { name: 'owned', candidates: { tag: 'candidates' }, reference: { kind: 'eam' } })
    const itId = insertIteration(db, { campaignId, number: 0, step: 'reference', potentialId: null, trainingSetId: null, state: {} })
    const [jobId, loneJobId] = createDftJobs(db, 'al1-it000', 'eam', [1, 2], {})
    db.prepare('UPDATE dft_jobs SET al_iteration_id = ? WHERE id = ?').run(itId, jobId)
    db.prepare(`UPDATE dft_jobs SET batch = 'manual' WHERE id = ?`).run(loneJobId)
    for (const id of [jobId, loneJobId]) {
      transitionDftJob(db, id, 'exported', { folder: `/tmp/job${id}` })
      transitionDftJob(db, id, 'running')
    }
    setCampaignStatus(db, campaignId, 'running', { owner: { pid, host: hostname() } })
    return { campaignId, jobId, loneJobId }
  })()
  p.close()
  return { path: p.path, ...out }
}

function alStatus(path: string, campaignId: number): { summary: { status: string } } {
  const r = spawnSync(process.execPath, [cli, 'al', 'status', '--project', path, '--campaign', String(campaignId), '--json'], {
    env: { ...process.env, MTP_STUDIO_HOME: tempDir() },
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as { summary: { status: string } }
}

describe('campaign ownership when a project is opened', () => {
  it('`al status` leaves the running jobs of a live owner alone and marks a dead owner’s as interrupted', async () => {
    const owner = spawn('sleep', ['60'], { stdio: 'ignore' })
    const { path, campaignId, jobId, loneJobId } = campaignWithRunningJob(owner.pid!)
    try {
      expect(alStatus(path, campaignId).summary.status).toBe('running')
      const p = Project.open(path)
      try {
        expect(campaignsOwnedElsewhere(p.db)).toEqual([campaignId])
        expect(getDftJob(p.db, jobId)).toMatchObject({ state: 'running', error: null })
        // A job of no campaign left running has no owner to ask: it was cut off.
        expect(getDftJob(p.db, loneJobId)!.state).toBe('failed')
        expect(getCampaign(p.db, campaignId)!.ownerPid).toBe(owner.pid)
      } finally {
        p.close()
      }
    } finally {
      owner.kill('SIGKILL')
    }
    await waitFor(() => !isAlive(owner.pid!), 10_000, 'the owner to exit')

    expect(alStatus(path, campaignId).summary.status).toBe('interrupted')
    const p = Project.open(path)
    try {
      expect(campaignsOwnedElsewhere(p.db)).toEqual([])
      expect(getDftJob(p.db, jobId)).toMatchObject({ state: 'failed', error: expect.stringMatching(/^interrupted/) })
    } finally {
      p.close()
    }
  }, 120_000)
})
