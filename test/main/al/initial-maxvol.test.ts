// The paper's start from an empty training set: iteration 0 selects by maxvol with a randomly
// initialised potential (engine `new-potential --init random`), and the reference computes exactly
// those candidates. Skipped with an engine that predates --init.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { createCampaign } from '../../../src-main/al/create'
import { runCampaignHere } from '../../../src-main/al/foreground'
import { campaignDetail } from '../../../src-main/al/views'
import { iterateIds } from '../../../src-main/db/repositories/configuration-query'
import { listDftJobs } from '../../../src-main/db/repositories/dft-jobs'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { tempDir } from '../support/temp'
import { agpdCandidates, seededProject } from './support'

const engine = enginePath()
const hasRandomInit = isExecutable(engine) && /--init/.test(spawnSync(engine, ['new-potential', '--help'], { encoding: 'utf8' }).stdout ?? '')

describe.skipIf(!hasRandomInit)('initial selection by maxvol', () => {
  it('selects candidates with a random potential and computes them first', async () => {
    const project = seededProject(tempDir(), 'agpd', agpdCandidates(), 'candidates')
    try {
      const db = project.db
      const id = createCampaign(db, { name: 'from nothing', candidates: { tag: 'candidates' }, reference: { kind: 'eam' }, initialSelection: 'maxvol', level: 8, maxIterations: 1, threads: 1 })
      await runCampaignHere(project, id, { env: process.env, handleSignals: false })
      const d = campaignDetail(db, id, null)
      const first = d.iterations[0]
      expect(first.selected).toBeGreaterThan(1)
      expect(first.selected).toBeLessThan(14)
      const candidates = new Set([...iterateIds(db, { tag: 'candidates' })].flat())
      const jobs = listDftJobs(db, { batch: `al${id}-it000` })
      expect(jobs).toHaveLength(first.selected)
      expect(jobs.every((j) => candidates.has(j.configurationId) && j.state === 'imported')).toBe(true)
      expect(d.iterations[1].explored).toBe(14)
    } finally {
      project.close()
    }
  }, 300_000)
})
