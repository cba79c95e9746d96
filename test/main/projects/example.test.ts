import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AGPD_EXAMPLE_NAME, ensureExampleProject, EXAMPLE_NAME } from '../../../src-main/projects/example'
import { Project } from '../../../src-main/projects/project'
import { RecentProjects } from '../../../src-main/projects/recent'
import { getConfiguration, listConfigurations } from '../../../src-main/db/repositories/configurations'
import { tempDir } from '../support/temp'

const exampleCfg = fileURLToPath(new URL('../../../resources/example/mo-example.cfg', import.meta.url))

describe('example project', () => {
  it('is created once, from the bundled Mo configurations, and listed as recent', () => {
    const home = tempDir()
    const recent = new RecentProjects(home)
    const path = ensureExampleProject(home, recent)!
    expect(existsSync(path)).toBe(true)
    expect(ensureExampleProject(home, recent)).toBeNull()
    expect(recent.list()).toEqual([
      expect.objectContaining({ path, name: EXAMPLE_NAME, example: true, exists: true }),
      expect.objectContaining({ name: AGPD_EXAMPLE_NAME, example: true, exists: true }),
    ])

    const p = Project.open(path)
    expect(p.summary()).toMatchObject({ species: ['Mo'], counts: { configurations: 8 } })
    const rows = listConfigurations(p.db, { offset: 0, limit: 100 })
    expect(rows.map((r) => r.natoms)).toEqual([53, 54, 6, 8, 12, 54, 54, 2])
    expect(rows.every((r) => r.hasForces && r.hasVirial && r.energy !== null)).toBe(true)
    // The 2-atom relaxed bcc cell, checked against the text of the .cfg.
    const text = readFileSync(exampleCfg, 'utf8')
    const last = text.slice(text.lastIndexOf('BEGIN_CFG'))
    const energy = Number(/Energy\s+(\S+)/.exec(last)![1])
    const bcc = getConfiguration(p.db, rows[7].id)!
    expect(bcc.energy).toBe(energy)
    expect(bcc.features.mlearn_description).toBe('Mo 3x3x3 cell relaxed')
    p.close()
  })
})
