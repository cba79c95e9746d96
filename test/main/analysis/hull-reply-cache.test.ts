/**
 * The 'analysis/hull' reply is cached per database revision and never served stale: a write through
 * the same connection (committed, or rolled back), a write committed by another connection, and a
 * different element choice each give the reply of the data as it is now.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { projectHullColumns } from '../../../src-main/analysis/hull-reply'
import { databaseRevision } from '../../../src-main/analysis/revision-cache'
import { decodeColumn } from '../../../src-main/contract/columns'
import { importFile } from '../../../src-main/data/import-file'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

const CUAGAU = fileURLToPath(new URL('../../../../shared/data/pyclupan_CuAgAu/CuAgAu_pyclupan_DFT.extxyz', import.meta.url))

/** Formation energy (meV/atom) of configuration `id` in a reply. */
function formationOf(reply: ReturnType<typeof projectHullColumns>, id: number): number {
  const ids = decodeColumn(reply.columns.id, 'i32', reply.rows)
  const row = ids.indexOf(id)
  return row < 0 ? NaN : decodeColumn(reply.columns.formationEnergyMeV, 'f64', reply.rows)[row]
}

describe('projectHullColumns cache', () => {
  it('serves the same reply while nothing changed and a fresh one after every kind of write', async () => {
    const path = join(tempDir(), 'cache.mtpstudio')
    const project = Project.create(path, 'cache')
    try {
      await importFile(project.db, CUAGAU)
      const db = project.db
      const elements = ['Ag', 'Au']
      const first = projectHullColumns(db, { elements })
      expect(projectHullColumns(db, { elements })).toBe(first)
      // Other options are another entry, not the binary's reply.
      expect(projectHullColumns(db, { elements: ['Cu', 'Ag', 'Au'] }).elements).toEqual(['Cu', 'Ag', 'Au'])
      expect(projectHullColumns(db, { elements })).toBe(first)

      // A mixed (non-reference) Ag–Au entry: lowering its energy by 1 eV per atom lowers E_f by 1000 meV/atom.
      const { id, natoms } = db
        .prepare("SELECT id, natoms FROM configurations WHERE formula LIKE '%Ag%' AND formula LIKE '%Au%' AND formula NOT LIKE '%Cu%' ORDER BY id LIMIT 1")
        .get() as { id: number; natoms: number }
      const before = formationOf(first, id)
      db.prepare('UPDATE configurations SET energy = energy - ? WHERE id = ?').run(natoms, id)
      const updated = projectHullColumns(db, { elements })
      expect(updated).not.toBe(first)
      expect(formationOf(updated, id)).toBeCloseTo(before - 1000, 6)

      // A rolled-back write leaves the data as it was, and the reply says so.
      const revision = databaseRevision(db)
      expect(() =>
        db.transaction(() => {
          db.prepare('UPDATE configurations SET energy = energy + ? WHERE id = ?').run(5 * natoms, id)
          throw new Error('roll back')
        })(),
      ).toThrow('roll back')
      expect(databaseRevision(db)).not.toBe(revision)
      expect(formationOf(projectHullColumns(db, { elements }), id)).toBeCloseTo(before - 1000, 6)

      // Another connection (e.g. the CLI) quarantines the entry: it leaves the hull.
      const other = new Database(path)
      try {
        other.prepare("UPDATE configurations SET quarantine_reason = 'test' WHERE id = ?").run(id)
      } finally {
        other.close()
      }
      const afterOther = projectHullColumns(db, { elements })
      expect(afterOther.rows).toBe(updated.rows - 1)
      expect(formationOf(afterOther, id)).toBeNaN()
    } finally {
      project.close()
    }
  }, 120_000)
})
