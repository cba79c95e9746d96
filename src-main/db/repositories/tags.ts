/** Tags (many per configuration) and groups (one per configuration), migration 3. */
import type { Db } from '../connection.js'

export function ensureTag(db: Db, name: string): number {
  db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, new Date().toISOString())
  return (db.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as number)
}

/** Tags the configurations (idempotent); returns how many links were new. */
export function tagConfigurations(db: Db, name: string, ids: readonly number[]): number {
  return db.transaction(() => {
    const tag = ensureTag(db, name)
    const link = db.prepare('INSERT OR IGNORE INTO configuration_tags (tag_id, configuration_id) VALUES (?, ?)')
    let added = 0
    for (const id of ids) added += link.run(tag, id).changes
    return added
  })()
}

export function untagConfigurations(db: Db, name: string, ids: readonly number[]): number {
  const tag = db.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as number | undefined
  if (tag === undefined) return 0
  const del = db.prepare('DELETE FROM configuration_tags WHERE tag_id = ? AND configuration_id = ?')
  return db.transaction(() => ids.reduce((n, id) => n + del.run(tag, id).changes, 0))()
}

export function tagsOf(db: Db, id: number): string[] {
  return db
    .prepare('SELECT t.name FROM configuration_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.configuration_id = ? ORDER BY t.name')
    .pluck()
    .all(id) as string[]
}

export function listTags(db: Db): { name: string; count: number }[] {
  return db
    .prepare('SELECT t.name AS name, COUNT(ct.configuration_id) AS count FROM tags t LEFT JOIN configuration_tags ct ON ct.tag_id = t.id GROUP BY t.id ORDER BY t.name')
    .all() as { name: string; count: number }[]
}

export function ensureGroup(db: Db, name: string, description = ''): number {
  db.prepare('INSERT INTO config_groups (name, description) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, description)
  return db.prepare('SELECT id FROM config_groups WHERE name = ?').pluck().get(name) as number
}

export function setGroup(db: Db, name: string | null, ids: readonly number[]): void {
  db.transaction(() => {
    const group = name === null ? null : ensureGroup(db, name)
    const upd = db.prepare('UPDATE configurations SET group_id = ? WHERE id = ?')
    for (const id of ids) upd.run(group, id)
  })()
}
