// 'import/files' with 'import/cancel' through the contract's dispatch: a cancel rolls back the file
// being read, keeps the files before it and starts none after it; the same import then completes.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import { studioDispatch } from '../support/dispatch'
import { tempDir } from '../support/temp'

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

const frame = (x: number) => `1\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3 energy=-1 pbc="T T T"\nMo ${x} 0 0\n`

async function setup() {
  studio = new Studio({ mode: 'browser', home: tempDir(), env: process.env, example: false })
  const { dispatch, call } = studioDispatch(studio)
  await call('projects/create', { name: 'import', directory: tempDir() })
  const dir = tempDir()
  const small = join(dir, 'a-small.xyz')
  writeFileSync(small, frame(0) + frame(0.5))
  // ~1.3 MB: the reader yields (and reports progress) between its chunks, where the cancel lands.
  const big = join(dir, 'b-big.xyz')
  writeFileSync(big, Array.from({ length: 16_000 }, (_, k) => frame(k * 1e-4)).join(''))
  const last = join(dir, 'c-last.xyz')
  writeFileSync(last, frame(1))
  return { dispatch, call, small, big, last }
}

describe('import/cancel', () => {
  it('rolls back the file being read, keeps the earlier files, starts none of the later ones', async () => {
    const { call, small, big, last } = await setup()
    let cancel: Promise<any> | null = null
    const off = studio!.events.subscribe((e, p) => {
      if (e === 'import:progress' && (p as { file: string }).file === big && !cancel) cancel = call('import/cancel', { importId: 'imp-1' })
    })
    const r = await call('import/files', { paths: [small, big, last], importId: 'imp-1' })
    off()
    expect(await cancel).toEqual({ cancelled: true })
    expect(r.imported.map((f: any) => [f.file, f.stored])).toEqual([[small, 2]])
    expect(r.failed).toEqual([])
    expect(r.cancelled).toEqual({ file: big, notStarted: [last] })
    // Nothing of the big file: no configuration and no import source row.
    expect((await call('projects/current', {})).counts.configurations).toBe(2)
    const page = await call('data/list', { filter: {}, limit: 10, withTotal: true })
    expect(page.total).toBe(2)
    expect(studio!.requireProject().db.prepare('SELECT path FROM import_sources ORDER BY id').pluck().all()).toEqual([small])

    // Finished imports cannot be cancelled any more; the same files then import completely.
    expect(await call('import/cancel', { importId: 'imp-1' })).toEqual({ cancelled: false })
    const again = await call('import/files', { paths: [big, last], importId: 'imp-1' })
    expect(again.cancelled).toBeUndefined()
    expect(again.imported.map((f: any) => f.stored)).toEqual([16_000, 1])
    expect((await call('projects/current', {})).counts.configurations).toBe(16_003)
  })

  it('cancels an import still waiting behind another write: nothing of it starts', async () => {
    const { call, dispatch, small, big } = await setup()
    const first = dispatch('import/files', { paths: [big] })
    const second = dispatch('import/files', { paths: [small], importId: 'queued' })
    expect(await call('import/cancel', { importId: 'queued' })).toEqual({ cancelled: true })
    expect(await first).toMatchObject({ ok: true, result: { imported: [{ stored: 16_000 }] } })
    expect(await second).toMatchObject({ ok: true, result: { imported: [], cancelled: { file: small, notStarted: [] } } })
    expect((await call('projects/current', {})).counts.configurations).toBe(16_000)
  })
})
