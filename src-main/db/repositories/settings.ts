/** Project settings: key → JSON value. */
import type { Db } from '../connection.js'

export function getSetting<T>(db: Db, key: string): T | undefined {
  const row = db.prepare('SELECT value FROM project_settings WHERE key = ?').get(key) as { value: string } | undefined
  return row ? (JSON.parse(row.value) as T) : undefined
}

export function setSetting(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO project_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  )
}

export function allSettings(db: Db): Record<string, unknown> {
  const rows = db.prepare('SELECT key, value FROM project_settings ORDER BY key').all() as { key: string; value: string }[]
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]))
}
