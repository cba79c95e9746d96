import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import type { EventName } from '../../../src-main/contract/events'
import { createDispatch, createHandlers } from '../../../src-main/handlers/index'
import { projectFileName } from '../../../src-main/handlers/projects'
import { tempDir } from '../support/temp'

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

function setup() {
  studio = new Studio({ mode: 'browser', home: tempDir(), env: { MTP_ENGINE_BIN: '/nonexistent/mtp-engine' } })
  const events: [EventName, unknown][] = []
  studio.events.subscribe((e, p) => events.push([e, p]))
  return { studio, handlers: createHandlers(studio), dispatch: createDispatch(createHandlers(studio), () => {}), events }
}

describe('project handlers', () => {
  it('start with the example project in the recent list', async () => {
    const { handlers } = setup()
    const recent = await handlers['projects/recent']({})
    expect(recent.map((r) => r.name)).toEqual(['Example: Mo (mlearn)', 'Example: Ag–Pd active learning (EAM)'])
    expect(recent[0]).toMatchObject({ example: true, exists: true })
    const opened = await handlers['projects/open']({ path: recent[0].path })
    expect(opened.counts.configurations).toBe(8)
  })

  it('create a project in the projects folder, make it current, and announce it', async () => {
    const { handlers, events, studio } = setup()
    const created = await handlers['projects/create']({ name: 'My Ag/Pd run' })
    expect(created.path).toBe(join(studio.projectsDir, 'My-Ag-Pd-run.mtpstudio'))
    expect(existsSync(created.path)).toBe(true)
    expect(await handlers['projects/current']({})).toEqual(created)
    expect(events.map(([e]) => e)).toEqual(['projects:recent', 'projects:current'])
    expect((await handlers['projects/recent']({}))[0].path).toBe(created.path)
    await expect(async () => handlers['projects/create']({ name: 'My Ag/Pd run' })).rejects.toThrow(/already exists/)
    expect(await handlers['projects/close']({})).toEqual({ closed: true })
    expect(await handlers['projects/current']({})).toBeNull()
    expect(await handlers['projects/close']({})).toEqual({ closed: false })
  })

  it('validate inputs at the boundary and report errors as envelopes', async () => {
    const { dispatch } = setup()
    expect(await dispatch('projects/create', { name: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatch('projects/create', { name: 'x', path: 'relative/path' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /absolute/ } })
    expect(await dispatch('projects/open', { path: '/no/such/file.mtpstudio' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await dispatch('configurations/list', {})).toMatchObject({ ok: false, error: { code: 'no_project' } })
    expect(await dispatch('app/info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('page through configurations and read one in full', async () => {
    const { dispatch, handlers } = setup()
    const [example] = await handlers['projects/recent']({})
    await handlers['projects/open']({ path: example.path })
    const page = await dispatch('configurations/list', { offset: 2, limit: 3 })
    expect(page).toMatchObject({ ok: true, result: { total: 8 } })
    if (!page.ok) return
    const items = (page.result as { items: { natoms: number; id: number }[] }).items
    expect(items.map((i) => i.natoms)).toEqual([6, 8, 12])
    const one = await dispatch('configurations/get', { id: items[0].id })
    expect(one.ok).toBe(true)
    if (!one.ok) return
    const c = one.result as { positions: number[][]; species: string[]; forces: number[][]; virial: number[] }
    expect(c.positions).toHaveLength(6)
    expect(c.species).toEqual(Array(6).fill('Mo'))
    expect(c.forces).toHaveLength(6)
    expect(c.virial).toHaveLength(6)
    expect(await dispatch('configurations/list', { formula: 'Mo54' })).toMatchObject({ ok: true, result: { total: 3 } })
    expect(await dispatch('configurations/get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('make safe file names', () => {
    expect(projectFileName('Ag–Pd / test 1')).toBe('Ag-Pd-test-1.mtpstudio')
    expect(projectFileName('../../etc')).toBe('..-..-etc.mtpstudio')
    expect(projectFileName('///')).toBe('project.mtpstudio')
  })
})
