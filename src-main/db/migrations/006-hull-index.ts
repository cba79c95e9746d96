/**
 * A covering index for the hull's read (analysis/hull-reply.ts): id, formula, energy and energy
 * kind of the configurations the hull uses, in id order. Without it the scan reads every table
 * row, and `energy` sits behind the positions BLOB, so a row of a large cell is read through its
 * overflow pages: at 10^5 configurations that was most of the hull reply's cold read. The WHERE is
 * the hull's selection word for word (SQLite uses a partial index only when the query implies it),
 * and the columns it tests are in the index too: SQLite counts an index as covering only when
 * every column the query names is in it, WHERE included.
 */
import type { Migration } from '../migrate.js'

export const hullIndex: Migration = {
  version: 6,
  name: 'hull-index',
  up(db) {
    db.exec(`
      CREATE INDEX configurations_hull ON configurations (id, formula, energy, energy_kind, quarantine_reason, quarantine_override, duplicate_of)
        WHERE energy IS NOT NULL AND (quarantine_reason IS NULL OR quarantine_override = 1) AND duplicate_of IS NULL;
    `)
  },
}
