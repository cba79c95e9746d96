import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { appliedVersions, checkMigrationList, migrate, schemaVersion, type Migration } from '../../../src-main/db/migrate'
import { migrations, LATEST_SCHEMA_VERSION } from '../../../src-main/db/migrations/index'

const shipped = migrations.map((m) => m.version)

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name)

describe('migrate', () => {
  it('applies the shipped list in order and records each', () => {
    const db = new Database(':memory:')
    expect(migrate(db, migrations)).toEqual(migrations.map((m) => m.version))
    expect(appliedVersions(db)).toEqual(shipped)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(tables(db)).toEqual(expect.arrayContaining(['configurations', 'species', 'project_settings', 'import_sources', 'engine_runs', 'schema_migrations']))
    expect(migrate(db, migrations)).toEqual([])
  })

  it('stops at a target version and continues later', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, { target: 1 })
    expect(tables(db)).not.toContain('engine_runs')
    expect(migrate(db, migrations)).toEqual(shipped.slice(1))
    expect(tables(db)).toContain('engine_runs')
  })

  it('rolls a failing migration back completely, record included', () => {
    const db = new Database(':memory:')
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)')
        d.exec('INSERT INTO half_done VALUES (1)')
        throw new Error('disk on fire')
      },
    }
    expect(() => migrate(db, [...migrations, broken])).toThrow('disk on fire')
    expect(appliedVersions(db)).toEqual(shipped)
    expect(tables(db)).not.toContain('half_done')
  })

  it('refuses a file from a newer app', () => {
    const db = new Database(':memory:')
    migrate(db, migrations)
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run()
    expect(() => migrate(db, migrations)).toThrow(/newer MTP Studio \(schema 999/)
  })

  it('rejects a list with gaps or out of order', () => {
    const m = (version: number): Migration => ({ version, name: `m${version}`, up() {} })
    expect(() => checkMigrationList([m(1), m(3)])).toThrow(/out of order/)
    expect(() => checkMigrationList([m(2), m(1)])).toThrow(/out of order/)
    expect(() => checkMigrationList([m(1), m(2)])).not.toThrow()
  })
})
