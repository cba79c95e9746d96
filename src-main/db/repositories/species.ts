/** The species map: element symbol ↔ MLIP type index (0, 1, …), fixed once assigned. */
import type { Db } from '../connection.js'

/** Elements in type-index order. */
export function speciesList(db: Db): string[] {
  return (db.prepare('SELECT element FROM species ORDER BY type_index').all() as { element: string }[]).map((r) => r.element)
}

/**
 * Type index of each element, appending unknown elements at the end of the map in the order
 * given. Call inside the transaction that stores the configurations using them.
 */
export function ensureSpecies(db: Db, elements: Iterable<string>): Map<string, number> {
  const rows = db.prepare('SELECT element, type_index FROM species').all() as { element: string; type_index: number }[]
  const map = new Map(rows.map((r) => [r.element, r.type_index]))
  const insert = db.prepare('INSERT INTO species (type_index, element) VALUES (?, ?)')
  for (const el of elements) {
    if (map.has(el)) continue
    const index = map.size
    insert.run(index, el)
    map.set(el, index)
  }
  return map
}
