// 'dft/run' and 'dft/run-cancel' through the contract's dispatch: 5 EAM jobs, 2 at a time, behind an
// engine wrapper that sleeps 30 s first (so only a cancel ends them). Cancelled while two run: the
// request replies with those two 'failed' (interrupted, with the reason), the three others stay
// 'exported', 'dft:run-progress' had counted them; running all five again imports every one.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import { ConfigurationWriter } from '../../../src-main/db/repositories/configuration-store'
import { listDftJobs } from '../../../src-main/db/repositories/dft-jobs'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { CANCEL_REASON } from '../../../src-main/handlers/dft-run'
import { studioDispatch } from '../support/dispatch'
import { emptyStructure } from '../../../src-main/io/types'
import { wrappedEngine } from '../support/engine-wrapper'
import { tempDir, waitFor } from '../support/temp'

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

type RunProgress = { runId: string; total: number; finished: number; running: { jobId: number; seconds: number; scfIterations: number | null }[] }

describe.skipIf(!isExecutable(enginePath()))('dft/run cancel', () => {
  it('stops the running jobs, leaves the others exported, and runs them all again', async () => {
    const dir = tempDir()
    const s = (studio = new Studio({ mode: 'browser', home: tempDir(), env: { ...process.env, MTP_ENGINE_BIN: enginePath() }, example: false }))
    const { dispatch, call } = studioDispatch(s)
    await call('projects/create', { name: 'Cu', directory: dir })
    const db = s.requireProject().db
    const writer = new ConfigurationWriter(db)
    const ids = db.transaction(() =>
      [3.55, 3.6, 3.65, 3.7, 3.75].map((a) => {
        const c = emptyStructure(1, { file: 'cu', frame: 0, parser: 'poscar', code: null, settings: {}, label: `Cu a=${a}` })
        c.cell = [[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]]
        c.species = ['Cu']
        return writer.add(c)
      }),
    )()
    const { jobIds } = await call('dft/export', { code: 'eam', filter: { ids }, out: join(dir, 'jobs') })
    expect(jobIds).toHaveLength(5)
    const slow = wrappedEngine('sleep 30')
    const progress: RunProgress[] = []
    s.events.subscribe((e, p) => {
      if (e === 'dft:run-progress') progress.push(p as RunProgress)
    })

    s.env.MTP_ENGINE_BIN = slow
    const pending = dispatch('dft/run', { jobIds, concurrency: 2, runId: 'r1' })
    await waitFor(() => progress.some((p) => p.running.length === 2 && p.running.every((r) => r.seconds > 0.3)), 10_000, 'two jobs running')
    const t0 = Date.now()
    expect(await call('dft/run-cancel', { runId: 'r1' })).toEqual({ cancelled: 1 })
    const r = await pending
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(r.ok).toBe(true)
    if (r.ok) expect((r.result as any[]).map((o) => [o.jobId, o.state])).toEqual([[jobIds[0], 'failed'], [jobIds[1], 'failed']])
    const after = listDftJobs(db, {})
    expect(after.map((j) => j.state)).toEqual(['failed', 'failed', 'exported', 'exported', 'exported'])
    for (const j of after.slice(0, 2)) expect(j.error).toBe(`interrupted: stopped while running (${slow} killed by SIGTERM): ${CANCEL_REASON}`)
    expect(progress.every((p) => p.runId === 'r1' && p.total === 5)).toBe(true)
    expect(progress.at(-1)).toMatchObject({ finished: 2, running: [] })
    expect(db.prepare("SELECT COUNT(*) FROM configurations WHERE dft_job_id IS NOT NULL").pluck().get()).toBe(0)
    expect(await call('dft/run-cancel', {})).toEqual({ cancelled: 0 })

    s.env.MTP_ENGINE_BIN = enginePath()
    const again = await call('dft/run', { jobIds, concurrency: 2 })
    expect(again.map((o: any) => o.state)).toEqual(Array(5).fill('imported'))
    const results = again.map((o: any) => o.resultConfigurationId)
    expect(results).toEqual([...results].sort((a: number, b: number) => a - b))
    expect(listDftJobs(db, {}).map((j) => [j.state, j.error])).toEqual(Array(5).fill(['imported', null]))
  }, 60_000)
})
