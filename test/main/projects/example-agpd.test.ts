// The Ag–Pd example project: its candidates and draft campaign, which runs to convergence with the
// built-in EAM (no DFT), as it does when started from the cockpit after `npm start`.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCampaignHere } from '../../../src-main/al/foreground'
import { campaignDetail } from '../../../src-main/al/views'
import { listCampaigns } from '../../../src-main/db/repositories/al-campaigns'
import { countMatching } from '../../../src-main/db/repositories/configuration-query'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { AGPD_CANDIDATE_TAG, AGPD_EXAMPLE_NAME, createAgPdExampleProject, ensureExampleProject } from '../../../src-main/projects/example'
import { Project } from '../../../src-main/projects/project'
import { RecentProjects } from '../../../src-main/projects/recent'
import { tempDir } from '../support/temp'

describe('Ag–Pd active-learning example', () => {
  it('holds the enumerated candidates and a draft EAM campaign; homes from before get it once', () => {
    const home = tempDir()
    const recent = new RecentProjects(home)
    ensureExampleProject(home, recent)
    expect(ensureExampleProject(home, recent)).toBeNull()
    const entry = recent.list().find((r) => r.name === AGPD_EXAMPLE_NAME)!
    const p = Project.open(entry.path)
    try {
      expect(p.summary()).toMatchObject({ name: AGPD_EXAMPLE_NAME, species: ['Ag', 'Pd'], counts: { configurations: 71 } })
      expect(countMatching(p.db, { tag: AGPD_CANDIDATE_TAG })).toBe(71)
      expect(countMatching(p.db, { tag: AGPD_CANDIDATE_TAG, formulas: ['Ag2Pd2'] })).toBeGreaterThan(0)
      const [c] = listCampaigns(p.db)
      expect(c).toMatchObject({ status: 'draft', spec: { elements: ['Ag', 'Pd'], reference: { kind: 'eam' }, candidates: { tag: AGPD_CANDIDATE_TAG } } })
    } finally {
      p.close()
    }
  })

  it.skipIf(!isExecutable(enginePath()))('runs its campaign to convergence without DFT', async () => {
    const p = createAgPdExampleProject(join(tempDir(), 'agpd.mtpstudio'))
    try {
      const [c] = listCampaigns(p.db)
      const status = await runCampaignHere(p, c.id, { env: process.env, handleSignals: false })
      const d = campaignDetail(p.db, c.id, null)
      expect(d.summary.error).toBeNull()
      expect(status).toBe('converged')
      const last = d.iterations[d.iterations.length - 1]
      expect(last).toMatchObject({ explored: 71, breaks: 0, selected: 0, reliability: 1 })
      expect(d.summary.trainingSetSize).toBe(d.iterations.reduce((n, it) => n + it.selected, 0))
    } finally {
      p.close()
    }
  }, 300_000)
})
