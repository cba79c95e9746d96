// Progress and cancel of 'analysis/ev' and 'analysis/elastic' through the contract's dispatch, with
// real engine jobs: an ensemble of 3 copies of the mlearn Mo MTP, the engine behind a shell that
// waits 0.7 s before each calc-efs, so a cancel lands while a job of the second member runs. The
// request must fail promptly with 'cancelled', the job in flight end 'cancelled', no later job
// start, nothing be added to the project, the work folder be gone, and a rerun give the numbers of
// an uncancelled run.
import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { studioDispatch } from '../support/dispatch'
import { wrappedEngine } from '../support/engine-wrapper'
import { tempDir, waitFor } from '../support/temp'

const MO_MTP = fileURLToPath(new URL('../../../../shared/data/mlearn/Mo/mtp.2020.01/fitted.mtp', import.meta.url))

const slowEfsEngine = () => wrappedEngine('if [ "$1" = calc-efs ]; then sleep 0.7; fi')

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

type Progress = { computeId: string; kind: string; member: number; members: number; step: number; steps: number; done: number; total: number; fraction: number; jobId: string | null }

async function setup() {
  const s = (studio = new Studio({ mode: 'browser', home: tempDir(), env: { ...process.env, MTP_ENGINE_BIN: slowEfsEngine() }, example: false }))
  const { dispatch, call } = studioDispatch(s)
  await call('projects/create', { name: 'Mo', directory: tempDir() })
  await call('potentials/import', { paths: [MO_MTP, MO_MTP, MO_MTP], species: ['Mo'], ensemble: 'three' })
  const progress: Progress[] = []
  s.events.subscribe((e, p) => {
    if (e === 'analysis:ev-elastic-progress') progress.push(p as Progress)
  })
  const db = s.requireProject().db
  const counts = () => db.prepare('SELECT (SELECT COUNT(*) FROM configurations) AS c, (SELECT COUNT(*) FROM potentials) AS p, (SELECT COUNT(*) FROM training_sets) AS t').get()
  return { s, dispatch, call, progress, counts }
}

const workFolders = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('mtp-studio-ev-')))
const evInput = { structure: { kind: 'lattice', lattice: 'bcc', element: 'Mo', a: 3.16 }, potentials: { kind: 'ensemble', name: 'three' }, range: 0.05, points: 9 }

describe.skipIf(!isExecutable(enginePath()))('E–V and elastic: progress and cancel', () => {
  it('reports members × points, cancels mid-run leaving nothing behind, and reruns to the same numbers', async () => {
    const { s, dispatch, call, progress, counts } = await setup()
    const before = counts()
    const full = await call('analysis/ev', { ...evInput, computeId: 'full' })
    const mine = progress.filter((p) => p.computeId === 'full')
    expect(mine.every((p) => p.kind === 'ev' && p.members === 3 && p.steps === 1)).toBe(true)
    // Every member's calc-efs reports 9 of 9 points, and the fraction only grows, to 1.
    for (const m of [0, 1, 2]) expect(mine.some((p) => p.member === m && p.done === 9 && p.total === 9)).toBe(true)
    expect(mine.map((p) => p.fraction)).toEqual([...mine.map((p) => p.fraction)].sort((a, b) => a - b))
    expect(mine.at(-1)!.fraction).toBe(1)
    expect(mine.find((p) => p.member === 1 && p.done === 0 && p.jobId === null)!.fraction).toBeCloseTo(1 / 3, 12)

    const foldersBefore = workFolders()
    const jobsBefore = s.supervisor.list().length
    const pending = dispatch('analysis/ev', { ...evInput, computeId: 'cut' })
    const second = await waitFor(() => progress.find((p) => p.computeId === 'cut' && p.member === 1 && p.jobId !== null), 30_000, 'member 2 to start')
    const t0 = Date.now()
    expect(await call('analysis/ev-elastic-cancel', { computeId: 'cut' })).toEqual({ cancelled: true })
    const r = await pending
    const stopMs = Date.now() - t0
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ code: 'cancelled', message: expect.stringMatching(/^cancelled: the E–V computation was stopped/) })
    // SIGTERM reaches the job at once; far below the 3 s SIGKILL grace.
    expect(stopMs).toBeLessThan(2000)
    const jobs = s.supervisor.list().slice(0, s.supervisor.list().length - jobsBefore)
    expect(jobs.map((j) => j.state.status).sort()).toEqual(['cancelled', 'succeeded'])
    expect(jobs.find((j) => j.state.status === 'cancelled')!.id).toBe(second.jobId)
    // No later job started, nothing stored, no work folder left, no engine run recorded as running.
    await new Promise((res) => setTimeout(res, 300))
    expect(s.supervisor.list().length - jobsBefore).toBe(2)
    expect(counts()).toEqual(before)
    expect([...workFolders()].filter((f) => !foldersBefore.has(f))).toEqual([])
    const runs = s.requireProject().db.prepare("SELECT COUNT(*) FROM engine_runs WHERE status IN ('starting', 'running', 'cancelling')").pluck().get()
    expect(runs).toBe(0)
    expect(await call('analysis/ev-elastic-cancel', { computeId: 'cut' })).toEqual({ cancelled: false })

    // The same id runs again, to the numbers of the uncancelled run.
    const again = await call('analysis/ev', { ...evInput, computeId: 'cut' })
    expect(again.members.map((m: any) => m.points)).toEqual(full.members.map((m: any) => m.points))
    expect(again.summary).toEqual(full.summary)
  }, 120_000)

  it('ends the computation when its engine job is cancelled from the jobs menu; elastic likewise', async () => {
    const { s, dispatch, call, progress, counts } = await setup()
    const before = counts()
    const input = { structure: { kind: 'lattice', lattice: 'bcc', element: 'Mo', a: 3.16 }, potentials: { kind: 'ensemble', name: 'three' }, delta: 0.01, equilibrate: false }
    const pending = dispatch('analysis/elastic', { ...input, computeId: 'el' })
    const first = await waitFor(() => progress.find((p) => p.computeId === 'el' && p.jobId !== null), 30_000, 'the first elastic job')
    expect(first).toMatchObject({ kind: 'elastic', member: 0, members: 3, steps: 2 })
    await call('jobs/cancel', { id: first.jobId })
    const r = await pending
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/^cancelled: the elastic-constant computation was stopped/)
    expect(s.supervisor.list()).toHaveLength(1)
    expect(counts()).toEqual(before)
    const done = await call('analysis/elastic', { ...input, computeId: 'el' })
    expect(done.members).toHaveLength(3)
    expect(done.cubic.c11.mean).toBeGreaterThan(done.cubic.c12.mean)
  }, 120_000)
})
