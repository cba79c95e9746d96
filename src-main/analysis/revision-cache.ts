/**
 * Results derived from a project database, kept until the database changes. The revision is
 * three SQLite counters read in microseconds, so a cached result is never served after a write:
 *   - total_changes(): rows inserted, updated or deleted through this connection since it opened
 *     (counts uncommitted and rolled-back writes too, which only ever invalidates more often);
 *   - PRAGMA data_version: changes committed by any other connection (a CLI run, another process);
 *   - PRAGMA schema_version: migrations and other schema changes.
 * Any difference drops every cached value of that database.
 */
import type { Db } from '../db/connection.js'

export function databaseRevision(db: Db): string {
  const changes = db.prepare('SELECT total_changes()').pluck().get() as number
  return `${changes}:${db.pragma('data_version', { simple: true })}:${db.pragma('schema_version', { simple: true })}`
}

interface Entry<T> {
  revision: string
  values: Map<string, T>
}

/** Values per (database, key) for the database's current revision; at most `capacity` keys, oldest dropped first. */
export class RevisionCache<T> {
  private readonly byDb = new WeakMap<Db, Entry<T>>()

  constructor(private readonly capacity: number) {}

  /** The cached value of `key`, or `compute()`'s, stored under the revision read before computing. */
  get(db: Db, key: string, compute: () => T): T {
    const revision = databaseRevision(db)
    let entry = this.byDb.get(db)
    if (!entry || entry.revision !== revision) {
      entry = { revision, values: new Map() }
      this.byDb.set(db, entry)
    }
    const hit = entry.values.get(key)
    if (hit !== undefined) {
      // Most recently used last.
      entry.values.delete(key)
      entry.values.set(key, hit)
      return hit
    }
    const value = compute()
    entry.values.set(key, value)
    if (entry.values.size > this.capacity) entry.values.delete(entry.values.keys().next().value as string)
    return value
  }
}
