/**
 * Hull entries from a structure file or from a project's configurations.
 * Project: configurations with an energy that are not quarantined (unless overridden) and not
 * marked duplicates; composition from the stored formula (element counts in species-map order).
 */
import { readStructures, type ReadAnyOptions } from '../io/formats.js'
import type { Db } from '../db/connection.js'
import type { HullInputEntry } from './hull.js'

export interface FileHullOptions extends ReadAnyOptions {
  /**
   * The energy key holds eV/atom (e.g. icet's `mixing_energy`): multiply by N. With mixing
   * energies the pure entries are 0, so the default references give E_f = E_mix.
   */
  energyPerAtom?: boolean
}

export function countsOfSpecies(species: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const el of species) counts[el] = (counts[el] ?? 0) + 1
  return counts
}

/** 'Ag6Pd2' → { Ag: 6, Pd: 2 }. */
export function countsOfFormula(formula: string): Record<string, number> {
  const counts: Record<string, number> = {}
  const re = /([A-Z][a-z]?)(\d*)/g
  let consumed = 0
  for (const m of formula.matchAll(re)) {
    if (m.index !== consumed || m[0] === '') throw new Error(`cannot read formula ${formula}`)
    consumed += m[0].length
    counts[m[1]] = (counts[m[1]] ?? 0) + (m[2] ? Number(m[2]) : 1)
  }
  if (consumed !== formula.length) throw new Error(`cannot read formula ${formula}`)
  return counts
}

/** Every frame with an energy and element symbols; frames without are counted in `missing`. */
export async function hullEntriesFromFile(path: string, opts: FileHullOptions = {}): Promise<{ entries: HullInputEntry[]; missing: number }> {
  const entries: HullInputEntry[] = []
  let missing = 0
  for await (const s of readStructures(path, opts)) {
    if (s.energy === null || !s.species) {
      missing++
      continue
    }
    entries.push({
      id: `${s.provenance.frame}`,
      counts: countsOfSpecies(s.species),
      energy: opts.energyPerAtom ? s.energy * s.natoms : s.energy,
      source: { file: s.provenance.file, frame: s.provenance.frame, label: s.provenance.label },
      energyKind: s.energyKind,
    })
  }
  return { entries, missing }
}

interface Row {
  id: number
  formula: string
  energy: number
  source_file: string | null
  source_frame: number | null
  label: string | null
  energy_kind: string | null
}

/**
 * The configurations a project's hull uses: with an energy, not quarantined (unless overridden),
 * not a duplicate. Migration 6's covering index has this WHERE word for word; SQLite uses that
 * partial index only for a query whose WHERE implies it.
 */
export const HULL_SELECTION = `energy IS NOT NULL AND (quarantine_reason IS NULL OR quarantine_override = 1) AND duplicate_of IS NULL`

export function hullEntriesFromProject(db: Db): HullInputEntry[] {
  const rows = db
    .prepare(
      `SELECT id, formula, energy, source_file, source_frame, label, energy_kind FROM configurations
       WHERE ${HULL_SELECTION} ORDER BY id`,
    )
    .all() as Row[]
  return rows.map((r) => ({
    id: r.id,
    counts: countsOfFormula(r.formula),
    energy: r.energy,
    source: { file: r.source_file, frame: r.source_frame, label: r.label },
    energyKind: r.energy_kind,
  }))
}
