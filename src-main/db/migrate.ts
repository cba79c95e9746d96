/**
 * Numbered migrations applied in order, each in its own transaction together with its record in
 * `schema_migrations`, so a crash at any point leaves a migration either fully applied and
 * recorded or not applied at all.
 */
import { AppError } from '../contract/errors.js'
import type { Db } from './connection.js'

export interface Migration {
  version: number
  name: string
  up(db: Db): void
}

export interface MigrateHooks {
  /** Called inside the transaction after `up` ran, before the commit. */
  insideTransaction?(m: Migration): void
  /** Called right after the commit. */
  committed?(m: Migration): void
}

export interface MigrateOptions {
  /** Stop after this version (tests build files at older schema versions). */
  target?: number
  hooks?: MigrateHooks
}

function ensureTable(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`)
}

export function appliedVersions(db: Db): number[] {
  ensureTable(db)
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version)
}

export function schemaVersion(db: Db): number {
  const v = appliedVersions(db)
  return v.length ? v[v.length - 1] : 0
}

/** Checks that the list is strictly increasing from 1 without gaps (a programming error otherwise). */
export function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}: version ${m.version}, expected ${i + 1}`)
  })
}

/** Applies the pending migrations; returns the versions applied now. */
export function migrate(db: Db, list: readonly Migration[], options: MigrateOptions = {}): number[] {
  checkMigrationList(list)
  const applied = new Set(appliedVersions(db))
  const newest = list.length ? list[list.length - 1].version : 0
  const unknown = [...applied].filter((v) => v > newest)
  if (unknown.length) {
    throw new AppError(
      'project_too_new',
      `this project was written by a newer MTP Studio (schema ${Math.max(...unknown)}, this app knows up to ${newest})`,
    )
  }
  const target = options.target ?? newest
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const done: number[] = []
  for (const m of list) {
    if (m.version > target || applied.has(m.version)) continue
    // IMMEDIATE takes the write lock up front, so two processes opening the same file cannot
    // both start the same migration.
    db.transaction(() => {
      m.up(db)
      record.run(m.version, m.name, new Date().toISOString())
      options.hooks?.insideTransaction?.(m)
    }).immediate()
    options.hooks?.committed?.(m)
    done.push(m.version)
  }
  return done
}
