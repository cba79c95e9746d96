/** One row per imported file (migration 1, extended in 3), written in the file's transaction. */
import type { Db } from '../connection.js'

export interface ImportSourceRow {
  id: number
  path: string
  format: string
  sha256: string | null
  sizeBytes: number | null
  importedAt: string
  frames: number
  quarantined: number
  duplicates: number
}

export function addImportSource(db: Db, s: { path: string; format: string; sha256: string; sizeBytes: number; options: unknown }): number {
  const info = db
    .prepare('INSERT INTO import_sources (path, format, sha256, size_bytes, imported_at, options) VALUES (?, ?, ?, ?, ?, ?)')
    .run(s.path, s.format, s.sha256, s.sizeBytes, new Date().toISOString(), JSON.stringify(s.options))
  return Number(info.lastInsertRowid)
}

export function finishImportSource(db: Db, id: number, counts: { frames: number; quarantined: number; duplicates: number }): void {
  db.prepare('UPDATE import_sources SET frames = ?, quarantined = ?, duplicates = ? WHERE id = ?').run(counts.frames, counts.quarantined, counts.duplicates, id)
}

/** An earlier import of the same content (same SHA-256), if any. */
export function findImportBySha(db: Db, sha256: string): ImportSourceRow | undefined {
  return db
    .prepare(
      `SELECT id, path, format, sha256, size_bytes AS sizeBytes, imported_at AS importedAt, frames, quarantined, duplicates
       FROM import_sources WHERE sha256 = ? ORDER BY id LIMIT 1`,
    )
    .get(sha256) as ImportSourceRow | undefined
}

export function listImportSources(db: Db): ImportSourceRow[] {
  return db
    .prepare(
      `SELECT id, path, format, sha256, size_bytes AS sizeBytes, imported_at AS importedAt, frames, quarantined, duplicates
       FROM import_sources ORDER BY id`,
    )
    .all() as ImportSourceRow[]
}
