import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Project } from '../../../src-main/projects/project'
import { LATEST_SCHEMA_VERSION } from '../../../src-main/db/migrations/index'
import { saveEngineRun } from '../../../src-main/db/repositories/engine-runs'
import { tempDir } from '../support/temp'

describe('Project', () => {
  it('creates a WAL-mode project file, closes and reopens it', () => {
    const path = join(tempDir(), 'a.mtpstudio')
    const p = Project.create(path, 'Alloys')
    expect(p.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(p.summary()).toMatchObject({ path, name: 'Alloys', schemaVersion: LATEST_SCHEMA_VERSION, species: [], counts: { configurations: 0 } })
    p.close()
    const again = Project.open(path)
    expect(again.name).toBe('Alloys')
    again.close()
  })

  it('refuses to overwrite an existing file', () => {
    const path = join(tempDir(), 'a.mtpstudio')
    Project.create(path, 'A').close()
    expect(() => Project.create(path, 'B')).toThrow(/already exists/)
  })

  it('refuses files that are not projects', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'text.mtpstudio'), 'hello')
    expect(() => Project.open(join(dir, 'text.mtpstudio'))).toThrow(/not an MTP Studio project \(not an SQLite database\)/)
    const other = new Database(join(dir, 'other.db'))
    other.exec('CREATE TABLE t (x)')
    other.close()
    expect(() => Project.open(join(dir, 'other.db'))).toThrow(/SQLite database but not an MTP Studio project/)
    expect(() => Project.open(join(dir, 'missing.mtpstudio'))).toThrow(/no project file/)
  })

  it('marks engine runs left running by a crashed session as interrupted', () => {
    const path = join(tempDir(), 'a.mtpstudio')
    const p = Project.create(path, 'A')
    saveEngineRun(p.db, { id: 'j1', command: 'train', args: [], label: 'train', createdAt: 'now', logPath: '/l', state: { status: 'running', pid: 1, startedAt: 'now', progress: null } })
    p.close()
    const again = Project.open(path)
    expect(again.db.prepare('SELECT status FROM engine_runs').get()).toEqual({ status: 'interrupted' })
    again.close()
  })
})
