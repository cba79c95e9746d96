// The data, import, export and dft requests through the contract's dispatch (input validation,
// output checked against the schemas), as the renderer calls them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import type { EventName } from '../../../src-main/contract/events'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { studioDispatch } from '../support/dispatch'
import { tempDir } from '../support/temp'

const MLEARN = fileURLToPath(new URL('../../../../shared/data/mlearn/', import.meta.url))

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

async function setup() {
  studio = new Studio({ mode: 'browser', home: tempDir(), env: { ...process.env, MTP_ENGINE_BIN: enginePath() }, example: false })
  const events: [EventName, unknown][] = []
  studio.events.subscribe((e, p) => events.push([e, p]))
  const { dispatch, call } = studioDispatch(studio)
  await call('projects/create', { name: 'data', directory: tempDir() })
  return { dispatch, call, events }
}

describe('data handlers', () => {
  it('import, page with filters, tag, snapshot a training set and export', async () => {
    const { call, dispatch, events } = await setup()
    const dir = tempDir()
    const bad = join(dir, 'bad.xyz')
    const r = await call('import/files', { paths: [join(MLEARN, 'Si/test.json'), join(MLEARN, 'Li/test.json'), bad] })
    expect(r.imported.map((f: any) => f.stored)).toEqual([25, 29])
    expect(r.failed).toEqual([{ file: bad, line: null, field: null, message: expect.stringContaining('ENOENT') }])
    expect(events.some(([e]) => e === 'import:progress')).toBe(true)

    const page1 = await call('data/list', { filter: { elements: ['Si'] }, limit: 10, withTotal: true })
    expect(page1.total).toBe(25)
    expect(page1.items.map((i: any) => i.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const page3 = await call('data/list', { filter: { elements: ['Si'] }, after: 20, limit: 10 })
    expect(page3.items.map((i: any) => i.id)).toEqual([21, 22, 23, 24, 25])
    expect(page3.nextAfter).toBeNull()
    expect((await call('data/list', { filter: { onlyElements: ['Li'], energyMax: -1.8 }, limit: 100 })).items.every((i: any) => i.formula.startsWith('Li') && i.energyPerAtom <= -1.8)).toBe(true)

    expect(await call('data/tag', { tag: 'pick', ids: [26, 27, 28] })).toEqual({ changed: 3 })
    const set = await call('data/create-training-set', { name: 'Li picks', filter: { tag: 'pick' } })
    expect(set).toMatchObject({ name: 'Li picks', version: 1, size: 3 })
    expect((await call('data/training-sets', {})).map((s: any) => s.id)).toEqual([set.id])

    const out = join(dir, 'li.xyz')
    expect(await call('export/configurations', { format: 'extxyz', out, filter: { tag: 'pick' }, prefix: 'REF_' })).toEqual({ format: 'extxyz', count: 3, out })
    expect(readFileSync(out, 'utf8')).toMatch(/REF_energy=/)

    const invalid = await dispatch('data/list', { filter: { colour: 'red' } })
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatch('dft/export', { code: 'qe', filter: {}, out: dir })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/choose the configurations/) } })
    const relative = await dispatch('import/files', { paths: ['rel/a.cfg'] })
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('queues writes behind a running import, so a failed import cannot take them along', async () => {
    const { call, dispatch } = await setup()
    const dir = tempDir()
    const { writeFileSync } = await import('node:fs')
    const frame = (x: number) => `1\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3 energy=-1 pbc="T T T"\nMo ${x} 0 0\n`
    const small = join(dir, 'small.xyz')
    writeFileSync(small, frame(0))
    await call('import/files', { paths: [small] })
    // ~1.3 MB, two reader chunks (awaits), broken in the very last line.
    const big = join(dir, 'big.xyz')
    writeFileSync(big, Array.from({ length: 16_000 }, (_, k) => frame(k * 1e-4)).join('') + '1\nProperties=species:S:1:pos:R:3\nMo 0 zero 0\n')
    // The tag request arrives while the import is inside its transaction (it reports progress).
    let tagging: ReturnType<typeof dispatch> | null = null
    const off = studio!.events.subscribe((e) => {
      if (e === 'import:progress' && !tagging) tagging = dispatch('data/tag', { tag: 'kept', ids: [1] })
    })
    const imp = await dispatch('import/files', { paths: [big] })
    off()
    expect(tagging).not.toBeNull()
    const tag = await tagging!
    expect(imp).toMatchObject({ ok: true, result: { imported: [], failed: [{ file: big, line: 48_003, field: 'pos' }] } })
    expect(tag).toEqual({ ok: true, result: { changed: 1 } })
    const page = await call('data/list', { filter: { tag: 'kept' }, withTotal: true })
    expect(page.total).toBe(1)
    expect((await call('projects/current', {})).counts.configurations).toBe(1)
  })

  it.skipIf(!isExecutable(enginePath()))('exports EAM jobs, runs them, and announces every state', async () => {
    const { call, events } = await setup()
    const dir = tempDir()
    const cfg = join(dir, 'agpd.cfg')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(cfg, 'BEGIN_CFG\n Size\n 2\n Supercell\n 4 0 0\n 0 4 0\n 0 0 4\n AtomData: id type cartes_x cartes_y cartes_z\n 1 0 0 0 0\n 2 1 2 2.1 2\nEND_CFG\n')
    await call('import/files', { paths: [cfg], species: ['Ag', 'Pd'] })
    const batch = await call('dft/export', { code: 'eam', filter: { ids: [1] }, out: dir, batch: 'eam-b' })
    expect(batch.jobIds).toHaveLength(1)
    const outcomes = await call('dft/run', { jobIds: batch.jobIds })
    expect(outcomes).toEqual([{ jobId: batch.jobIds[0], state: 'imported', resultConfigurationId: 2, quarantineReason: null, error: null }])
    const states = events.filter(([e]) => e === 'dft:job').map(([, p]) => (p as any).job.state)
    expect(states).toEqual(['exported', 'running', 'done', 'imported'])
    expect((await call('dft/list', { state: 'imported' })).map((j: any) => j.id)).toEqual(batch.jobIds)
    expect((await call('projects/current', {})).counts).toMatchObject({ configurations: 2, dftJobs: 1 })
  })
})
