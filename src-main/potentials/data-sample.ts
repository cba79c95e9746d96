/**
 * A sample of the project's configurations written as a .cfg for the engine: evenly spread over the
 * configurations whose elements are all among `elements` (quarantined ones left out), types in
 * `elements` order. Used to measure evaluation cost and the smallest interatomic distance.
 */
import { writeFileSync } from 'node:fs'
import type { Db } from '../db/connection.js'
import { readStructure } from '../db/repositories/configuration-store.js'
import { speciesList } from '../db/repositories/species.js'
import { formatCfgFile } from '../io/cfg-writer.js'

export interface DataSample {
  /** Configurations written, atoms in them, and how many the project has of these elements. */
  configurations: number
  atoms: number
  available: number
  /** Ids written, in order (identifies the sample for caching). */
  ids: number[]
}

export function writeDataSample(db: Db, elements: readonly string[], path: string, maxConfigurations: number): DataSample {
  const species = speciesList(db)
  const allowed = elements.reduce((m, el) => (species.includes(el) ? m | (1 << species.indexOf(el)) : m), 0)
  const all = db
    .prepare('SELECT id FROM configurations WHERE element_mask IS NOT NULL AND (element_mask & ~?) = 0 AND element_mask != 0 AND quarantine_reason IS NULL ORDER BY id')
    .pluck()
    .all(allowed) as number[]
  const step = Math.max(1, all.length / maxConfigurations)
  const ids = [...new Set(Array.from({ length: Math.min(all.length, maxConfigurations) }, (_, k) => all[Math.floor(k * step)]))]
  const structures = ids.map((id) => {
    const s = readStructure(db, id, species)!
    return { ...s, types: null }
  })
  writeFileSync(path, formatCfgFile(structures, { species: elements, lossless: true }))
  return { configurations: ids.length, atoms: structures.reduce((a, s) => a + s.natoms, 0), available: all.length, ids }
}
