// With reference concurrency > 1 the DFT results of a campaign must be stored and merged in job
// order, not in the order the jobs happen to finish: iteration 0's 6 EAM jobs run 3 at a time behind
// an engine wrapper that makes the earlier jobs slower, so they finish out of order, yet the result
// configurations (and so the training set built from them) follow the jobs.
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import type { AlCampaignDetail, AlCampaignSummary, AlIterationView } from '../../../src-main/contract/al'
import type { DftJob } from '../../../src-main/db/repositories/dft-jobs'
import { listDftJobs } from '../../../src-main/db/repositories/dft-jobs'
import { trainingSetMembers } from '../../../src-main/db/repositories/training-sets'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { studioDispatch } from '../support/dispatch'
import { wrappedEngine } from '../support/engine-wrapper'
import { tempDir, waitFor } from '../support/temp'
import { agpdCandidates, seededProject } from './support'

/** EAM reference jobs wait 0.25 s × (6 − job id mod 6) before running: earlier jobs end later. */
const reverseOrderEngine = () =>
  wrappedEngine(`if [ "$1" = reference ]; then id=$(basename "$PWD" | sed 's/^job-0*//'); sleep "$(awk "BEGIN { print 0.25 * (6 - $id % 6) }")"; fi`)

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

describe.skipIf(!isExecutable(enginePath()))('reference results with concurrency 3', () => {
  it('are stored and merged in job order whatever order the jobs finish in', async () => {
    const p = seededProject(tempDir(), 'order', agpdCandidates(), 'candidates')
    const path = p.path
    p.close()
    const s = (studio = new Studio({ mode: 'browser', home: tempDir(), example: false, env: { ...process.env, MTP_ENGINE_BIN: reverseOrderEngine() } }))
    const { dispatch: call, call: ok } = studioDispatch(s)
    await ok('projects/open', { path })
    const c = await ok<AlCampaignSummary>('al/create', {
      name: 'O',
      candidates: { tag: 'candidates' },
      reference: { kind: 'eam', concurrency: 3 },
      level: 4,
      initialSize: 6,
      maxIterations: 1,
      threads: 1,
    })
    const finished: number[] = []
    let training = false
    s.events.subscribe((e, payload) => {
      if (e === 'al:iteration' && (payload as { iteration: AlIterationView }).iteration.step === 'train') training = true
    })
    // The order the jobs' processes ended in: their 'done' (or already 'imported') state, polled.
    const db = s.requireProject().db
    const poll = setInterval(() => {
      for (const j of db.prepare("SELECT id FROM dft_jobs WHERE state IN ('done', 'imported')").pluck().all() as number[]) if (!finished.includes(j)) finished.push(j)
    }, 20)
    try {
      await ok('al/start', { id: c.id })
      await waitFor(() => training, 180_000, 'iteration 0 to reach training')
    } finally {
      clearInterval(poll)
    }
    await ok('al/cancel', { id: c.id })

    const d = await ok<AlCampaignDetail>('al/get', { id: c.id })
    const jobs: DftJob[] = listDftJobs(db, { batch: d.iterations[0].dft!.batch })
    const jobIds = jobs.map((j) => j.id)
    expect(jobs.map((j) => j.state)).toEqual(Array(6).fill('imported'))
    // They did finish out of order (else this test shows nothing) …
    expect(finished).not.toEqual(jobIds)
    expect(finished[0]).toBe(jobIds[2])
    // … yet the result configurations are numbered in job order, and the training set follows.
    const results = jobs.map((j) => j.resultConfigurationId!)
    expect(results).toEqual([...results].sort((a, b) => a - b))
    const members = trainingSetMembers(db, d.iterations[0].trainingSetId!).map((m) => m.configurationId)
    expect(members).toEqual(results)
  }, 300_000)
})
