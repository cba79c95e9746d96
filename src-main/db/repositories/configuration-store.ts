/**
 * Bulk storage of configurations for the import pipeline and DFT results, and reading them back as
 * the readers' ParsedStructure for the exporters and the duplicate check. Writes the columns of
 * migration 3 (element mask, structure key, duplicate, quarantine, group, DFT job) as well.
 * Units as stored: Å, eV, eV/Å; virial = PlusStress in eV (−V·σ), xx yy zz yz xz xy.
 */
import type { ParsedStructure } from '../../io/types.js'
import { emptyStructure, type Cell, type EnergyKind, type ParserName } from '../../io/types.js'
import { blobToFloat64, blobToInt32, float64ToBlob, int32ToBlob } from '../blobs.js'
import type { Db } from '../connection.js'
import { formulaOf } from './configurations.js'

export interface StoreExtras {
  sourceId?: number | null
  quarantineReason?: string | null
  structureKey?: string | null
  duplicateOf?: number | null
  groupId?: number | null
  dftJobId?: number | null
}

/** At most 63 species fit the element mask (an SQLite 64-bit integer, sign bit unused). */
export const MAX_SPECIES = 63

/**
 * Inserts configurations with prepared statements and a cached species map. Use inside one
 * transaction per file; new elements are appended to the species map in that same transaction.
 */
export class ConfigurationWriter {
  private readonly insert
  private readonly insertSpecies
  private readonly species: string[]
  private readonly index = new Map<string, number>()
  private readonly now = new Date().toISOString()

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT INTO configurations
      (natoms, formula, cell, positions, types, energy, energy_kind, forces, virial, site_energies, charges,
       source_id, source_file, source_frame, parser, dft_code, dft_settings, label, features, converged, quarantine_reason,
       created_at, element_mask, structure_key, duplicate_of, group_id, dft_job_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.insertSpecies = db.prepare('INSERT INTO species (type_index, element) VALUES (?, ?)')
    this.species = (db.prepare('SELECT element FROM species ORDER BY type_index').all() as { element: string }[]).map((r) => r.element)
    this.species.forEach((el, t) => this.index.set(el, t))
  }

  /** Project type index of an element, adding it to the species map if new. */
  typeOf(element: string): number {
    let t = this.index.get(element)
    if (t === undefined) {
      t = this.species.length
      if (t >= MAX_SPECIES) throw new Error(`a project holds at most ${MAX_SPECIES} species`)
      this.insertSpecies.run(t, element)
      this.species.push(element)
      this.index.set(element, t)
    }
    return t
  }

  /** Stores one structure (it must carry element symbols); returns the new id. */
  add(s: ParsedStructure, x: StoreExtras = {}): number {
    if (!s.species) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: atoms have no element symbols (give a species map)`)
    const types = new Int32Array(s.natoms)
    let mask = 0n
    for (let i = 0; i < s.natoms; i++) {
      types[i] = this.typeOf(s.species[i])
      mask |= 1n << BigInt(types[i])
    }
    const cell = s.cell.flatMap((row) => row ?? [0, 0, 0])
    const info = this.insert.run(
      s.natoms,
      formulaOf(types, this.species),
      float64ToBlob(cell),
      float64ToBlob(s.positions),
      int32ToBlob(types),
      s.energy,
      s.energyKind,
      s.forces ? float64ToBlob(s.forces) : null,
      s.virial ? float64ToBlob(s.virial) : null,
      s.siteEnergies ? float64ToBlob(s.siteEnergies) : null,
      s.charges ? float64ToBlob(s.charges) : null,
      x.sourceId ?? null,
      s.provenance.file,
      s.provenance.frame,
      s.provenance.parser,
      s.provenance.code,
      JSON.stringify(s.provenance.settings),
      s.provenance.label,
      JSON.stringify(s.features),
      s.converged === null ? null : s.converged ? 1 : 0,
      x.quarantineReason ?? null,
      this.now,
      mask,
      x.structureKey ?? null,
      x.duplicateOf ?? null,
      x.groupId ?? null,
      x.dftJobId ?? null,
    )
    return Number(info.lastInsertRowid)
  }

  speciesList(): readonly string[] {
    return this.species
  }
}

export interface StoredRow {
  id: number
  natoms: number
  cell: Buffer
  positions: Buffer
  types: Buffer
  energy: number | null
  energy_kind: string | null
  forces: Buffer | null
  virial: Buffer | null
  site_energies: Buffer | null
  charges: Buffer | null
  source_file: string | null
  source_frame: number | null
  parser: string | null
  dft_code: string | null
  dft_settings: string
  label: string | null
  features: string
  converged: number | null
}

export const STORED_COLUMNS = `id, natoms, cell, positions, types, energy, energy_kind, forces, virial, site_energies, charges,
  source_file, source_frame, parser, dft_code, dft_settings, label, features, converged`

/** A stored row as ParsedStructure: element symbols and MLIP type indices (project species order). */
export function rowToStructure(r: StoredRow, species: readonly string[]): ParsedStructure {
  const s = emptyStructure(r.natoms, {
    file: r.source_file ?? `configuration ${r.id}`,
    frame: r.source_frame ?? 0,
    parser: (r.parser ?? 'cfg') as ParserName,
    code: r.dft_code,
    settings: JSON.parse(r.dft_settings) as Record<string, string | number | boolean>,
    label: r.label,
  })
  const c = blobToFloat64(r.cell)
  s.cell = [0, 1, 2].map((k) => {
    const row: [number, number, number] = [c[3 * k], c[3 * k + 1], c[3 * k + 2]]
    return row[0] === 0 && row[1] === 0 && row[2] === 0 ? null : row
  }) as Cell
  s.positions = blobToFloat64(r.positions)
  s.types = blobToInt32(r.types)
  s.species = Array.from(s.types, (t) => species[t])
  s.energy = r.energy
  s.energyKind = r.energy_kind as EnergyKind | null
  s.forces = r.forces ? blobToFloat64(r.forces) : null
  s.virial = r.virial ? blobToFloat64(r.virial) : null
  s.siteEnergies = r.site_energies ? blobToFloat64(r.site_energies) : null
  s.charges = r.charges ? blobToFloat64(r.charges) : null
  s.features = JSON.parse(r.features) as Record<string, string>
  s.converged = r.converged === null ? null : r.converged === 1
  return s
}

export function readStructure(db: Db, id: number, species?: readonly string[]): ParsedStructure | undefined {
  const r = db.prepare(`SELECT ${STORED_COLUMNS} FROM configurations WHERE id = ?`).get(id) as StoredRow | undefined
  if (!r) return undefined
  const sp = species ?? (db.prepare('SELECT element FROM species ORDER BY type_index').all() as { element: string }[]).map((x) => x.element)
  return rowToStructure(r, sp)
}
