// Exploration by MD scenarios (Langevin NVT on scaled cells) instead of relaxation, and pause /
// resume / cancel through the app's handlers while an engine step runs.
import { describe, expect, it, afterEach } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import type { AlCampaignDetail, AlCampaignSummary } from '../../../src-main/contract/al'
import { studioDispatch } from '../support/dispatch'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { tempDir, waitFor } from '../support/temp'
import { agpdCandidates, seededProject } from './support'

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

async function openStudio(name: string) {
  const dir = tempDir()
  const p = seededProject(dir, name, agpdCandidates(), 'candidates')
  const path = p.path
  p.close()
  studio = new Studio({ mode: 'browser', home: tempDir(), example: false })
  const { dispatch: call, call: ok } = studioDispatch(studio)
  await ok('projects/open', { path })
  return { call, ok, studio }
}

describe.skipIf(!isExecutable(enginePath()))('active-learning campaign control', () => {
  it('explores with MD scenarios: one grade per run, reliability from the steps done', async () => {
    const { ok, studio: s } = await openStudio('md')
    const c = await ok<AlCampaignSummary>('al/create', {
      name: 'MD',
      candidates: { tag: 'candidates' },
      relax: null,
      md: [{ temperature: 800, steps: 200, timestep: 2, cellScale: 1.03 }],
      reference: { kind: 'eam' },
      level: 6,
      initialSize: 6,
      maxIterations: 2,
      threads: 1,
    })
    let status = 'running'
    s.events.subscribe((e, p) => e === 'al:campaign' && (status = (p as { campaign: AlCampaignSummary }).campaign.status))
    await ok('al/start', { id: c.id })
    await waitFor(() => status !== 'running', 240_000, 'the campaign to stop')
    const d = await ok<AlCampaignDetail>('al/get', { id: c.id })
    expect(d.summary.error?.message ?? '').not.toMatch(/failed|error/i)
    const it1 = d.iterations[1]
    expect(it1).toMatchObject({ explored: 14, relaxReliability: null, outcomes: {} })
    expect(it1.mdReliability).toBe(it1.reliability)
    expect(it1.reliability!).toBeGreaterThanOrEqual(0)
    expect(it1.reliability!).toBeLessThan(1)
    expect(it1.breaks).toBeGreaterThan(0)
    const g = await ok<{ grades: number[]; preselectedGrades: number[] }>('al/grades', { id: c.id, iteration: 1 })
    expect(g.grades).toHaveLength(14)
    expect(g.preselectedGrades.length).toBe(it1.preselected)
    expect(g.preselectedGrades.every((x) => x > 2)).toBe(true)
    // A run that broke reached γ_break: its grade says so.
    expect(g.grades.filter((x) => x > 10).length).toBe(it1.breaks)
  }, 300_000)

  it('pauses during an engine step, resumes at that step, and cancels for good', async () => {
    const { call, ok, studio: s } = await openStudio('pause')
    const c = await ok<AlCampaignSummary>('al/create', { name: 'P', candidates: { tag: 'candidates' }, reference: { kind: 'eam' }, level: 8, initialSize: 4, threads: 1 })
    // Paused from the first progress line of iteration 1's exploration, while its engine job runs
    // (polling for it could miss a short exploration).
    let pausing: Promise<AlCampaignSummary> | null = null
    s.events.subscribe((e, p) => {
      const x = p as { iteration: number; step: string }
      if (e === 'al:progress' && x.iteration === 1 && x.step === 'explore' && !pausing) pausing = ok<AlCampaignSummary>('al/pause', { id: c.id })
    })
    await ok('al/start', { id: c.id })
    await waitFor(() => pausing, 120_000, 'iteration 1 to explore')
    const paused = await pausing!
    expect(paused).toMatchObject({ status: 'paused', iteration: 1, step: 'explore' })
    expect(s.supervisor.running()).toHaveLength(0)
    expect((await ok<AlCampaignSummary[]>('al/list', {}))[0].status).toBe('paused')

    let reached = false
    s.events.subscribe((e, p) => e === 'al:iteration' && (p as { iteration: { number: number } }).iteration.number >= 2 && (reached = true))
    expect((await ok<AlCampaignSummary>('al/resume', { id: c.id })).status).toBe('running')
    await waitFor(() => reached, 120_000, 'iteration 2')
    const stopped = await ok<AlCampaignSummary>('al/cancel', { id: c.id })
    expect(stopped.status).toBe('stopped')
    const d = await ok<AlCampaignDetail>('al/get', { id: c.id })
    expect(d.iterations[1]).toMatchObject({ step: 'done', explored: 14 })
    expect((await call('al/resume', { id: c.id })).ok).toBe(false)
  }, 300_000)
})
