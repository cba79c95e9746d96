// Pausing a campaign during step D (the EAM reference jobs) and resuming it must end with the same
// DFT batch and training set as a run that was never paused: a job cut off by the pause is run
// again, never lost. The pause is issued from the 'al:progress' event of the reference step, at a
// job starting (through the handler, so its process is already running and gets killed; or
// synchronously, before the process is spawned) and right after a job's import.
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import type { AlCampaignDetail, AlCampaignSummary, AlIterationView } from '../../../src-main/contract/al'
import { listDftJobs } from '../../../src-main/db/repositories/dft-jobs'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { studioDispatch } from '../support/dispatch'
import { tempDir, waitFor } from '../support/temp'
import { agpdCandidates, seededProject } from './support'

/**
 * The engine behind a shell that waits 1 s before an EAM reference job: the job itself takes
 * milliseconds, and a pause sent through the handler when a job starts must find it running.
 */
function slowReferenceEngine(): string {
  const wrapper = join(tempDir(), 'mtp-engine')
  writeFileSync(wrapper, `#!/bin/sh\nif [ "$1" = reference ]; then sleep 1; fi\nexec '${enginePath()}' "$@"\n`)
  chmodSync(wrapper, 0o755)
  return wrapper
}

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

type Progress = { campaignId: number; iteration: number; step: string; done: number; total: number; message: string }
/** When to pause: given the reference step's progress events so far, or never. */
type PauseAt = { nth: number; match: RegExp; how: 'now' | 'later' } | null

interface Outcome {
  iteration0: AlIterationView
  pauses: number
  energies: number[]
  jobStates: string[]
  /** Errors of the batch's jobs right after the pause. */
  pausedErrors: (string | null)[]
}

/** Runs iteration 0 (6 initial structures → 6 EAM jobs → merge) and cancels the campaign once it trains. */
async function runToMerge(engine: string, pauseAt: PauseAt): Promise<Outcome> {
  const p = seededProject(tempDir(), 'refpause', agpdCandidates(), 'candidates')
  const path = p.path
  p.close()
  await studio?.dispose()
  const s = (studio = new Studio({ mode: 'browser', home: tempDir(), example: false, env: { ...process.env, MTP_ENGINE_BIN: engine } }))
  const { dispatch: call, call: ok } = studioDispatch(s)
  await ok('projects/open', { path })
  const c = await ok<AlCampaignSummary>('al/create', { name: 'R', candidates: { tag: 'candidates' }, reference: { kind: 'eam' }, level: 4, initialSize: 6, maxIterations: 1, threads: 1 })

  let seen = 0
  let pauses = 0
  let pausing: Promise<AlCampaignSummary> | null = null
  let training = false
  let pausedErrors: (string | null)[] = []
  s.events.subscribe((e, payload) => {
    if (e === 'al:iteration') {
      const it = (payload as { iteration: AlIterationView }).iteration
      if (it.number === 0 && it.step === 'train') training = true
    }
    if (e !== 'al:progress' || !pauseAt || pauses > 0) return
    const x = payload as Progress
    if (x.iteration !== 0 || x.step !== 'reference' || !pauseAt.match.test(x.message)) return
    if (++seen !== pauseAt.nth) return
    pauses++
    // 'now': inside the event, before the job's process is spawned; 'later': while it runs (it sleeps 1 s first).
    const pause = () => ok<AlCampaignSummary>('al/pause', { id: c.id })
    if (pauseAt.how === 'now') pausing = pause()
    else setTimeout(() => (pausing = pause()), 200)
  })

  await ok('al/start', { id: c.id })
  if (pauseAt) {
    await waitFor(() => pausing, 120_000, 'the pause during the reference step')
    const paused = await pausing!
    expect(paused).toMatchObject({ status: 'paused', iteration: 0, step: 'reference' })
    const mid = (await ok<AlCampaignDetail>('al/get', { id: c.id })).iterations[0].dft!
    pausedErrors = listDftJobs(s.requireProject().db, { batch: mid.batch }).map((j) => j.error)
    // Nothing cut off by the pause may count as a failure.
    expect(mid).toMatchObject({ total: 6, failed: 0 })
    expect(mid.imported).toBeLessThan(6)
    await ok('al/resume', { id: c.id })
  }
  await waitFor(() => training, 180_000, 'iteration 0 to reach training')
  // Cancelling while it trains ends the campaign for good (not paused).
  expect((await ok<AlCampaignSummary>('al/cancel', { id: c.id })).status).toBe('stopped')

  const d = await ok<AlCampaignDetail>('al/get', { id: c.id })
  const db = s.requireProject().db
  const jobs = listDftJobs(db, { batch: d.iterations[0].dft!.batch })
  const energy = db.prepare('SELECT energy FROM configurations WHERE id = ?').pluck()
  return {
    iteration0: d.iterations[0],
    pauses,
    energies: jobs.map((j) => energy.get(j.resultConfigurationId) as number),
    jobStates: jobs.map((j) => j.state),
    pausedErrors,
  }
}

describe.skipIf(!isExecutable(enginePath()))('pause during the reference step', () => {
  it('resumes to the same DFT batch and training set as an uninterrupted run', async () => {
    const engine = slowReferenceEngine()
    const base = await runToMerge(engine, null)
    expect(base.iteration0).toMatchObject({ selected: 6, trainingSetSize: 6, dft: { total: 6, imported: 6, failed: 0, quarantined: 0 } })

    // How the job in flight was cut off by each pause (null: none was in flight).
    const variants: (NonNullable<PauseAt> & { cutOff: RegExp | null })[] = [
      { nth: 1, match: /running$/, how: 'later', cutOff: /^interrupted: stopped while running/ },
      { nth: 3, match: /running$/, how: 'later', cutOff: /^interrupted: stopped while running/ },
      { nth: 2, match: /running$/, how: 'now', cutOff: /^interrupted: stopped before the job started/ },
      { nth: 4, match: /imported$/, how: 'now', cutOff: null },
    ]
    for (const v of variants) {
      const r = await runToMerge(engine, v)
      const errors = r.pausedErrors.filter((e) => e !== null)
      expect(errors, `${v.how} pause at ${v.match} #${v.nth}`).toHaveLength(v.cutOff ? 1 : 0)
      if (v.cutOff) expect(errors[0]).toMatch(v.cutOff)
      expect(r.pauses, `${v.how} pause at ${v.match} #${v.nth}`).toBe(1)
      expect(r.iteration0.trainingSetSize, `${v.how} pause at ${v.match} #${v.nth}`).toBe(base.iteration0.trainingSetSize)
      expect(r.iteration0.dft).toMatchObject({ total: 6, imported: 6, failed: 0, quarantined: 0 })
      expect(r.jobStates).toEqual(base.jobStates)
      // The same structures were labelled: the EAM energies agree job by job.
      expect(r.energies).toEqual(base.energies)
    }
  }, 600_000)
})
