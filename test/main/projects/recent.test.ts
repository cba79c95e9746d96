import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecentProjects } from '../../../src-main/projects/recent'
import { tempDir } from '../support/temp'

describe('RecentProjects', () => {
  it('keeps the newest first without duplicates and reports missing files', () => {
    const home = tempDir()
    const dir = tempDir()
    const a = join(dir, 'a.mtpstudio')
    writeFileSync(a, '')
    const recent = new RecentProjects(home)
    recent.touch(a, 'A', { example: true })
    recent.touch(join(dir, 'b.mtpstudio'), 'B')
    const list = recent.touch(a, 'A again')
    expect(list.map((r) => [r.name, r.exists, r.example])).toEqual([
      ['A again', true, true],
      ['B', false, false],
    ])
    expect(new RecentProjects(home).forget(a).map((r) => r.name)).toEqual(['B'])
  })

  it('survives a damaged list file', () => {
    const home = tempDir()
    writeFileSync(join(home, 'recent-projects.json'), '{not json')
    const recent = new RecentProjects(home)
    expect(recent.list()).toEqual([])
    expect(recent.touch('/x/y.mtpstudio', 'Y')).toHaveLength(1)
  })
})
