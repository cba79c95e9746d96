/**
 * Configurations: insert from the readers' ParsedStructure, list pages, read one back.
 * Units as stored: Å, eV, eV/Å; virial in eV (MLIP PlusStress, xx yy zz yz xz xy).
 */
import type { ParsedStructure } from '../../io/types.js'
import type { Db } from '../connection.js'
import { blobToFloat64, blobToInt32, float64ToBlob, int32ToBlob } from '../blobs.js'
import { ensureSpecies, speciesList } from './species.js'

export interface ConfigurationRecord {
  id: number
  natoms: number
  formula: string
  /** 3 rows, Å; null for a non-periodic direction. */
  cell: ([number, number, number] | null)[]
  positions: Float64Array
  types: Int32Array
  species: string[]
  energy: number | null
  energyKind: string | null
  forces: Float64Array | null
  virial: Float64Array | null
  sourceFile: string | null
  sourceFrame: number | null
  parser: string | null
  dftCode: string | null
  label: string | null
  features: Record<string, string>
}

export interface ConfigurationListRow {
  id: number
  natoms: number
  formula: string
  energy: number | null
  hasForces: boolean
  hasVirial: boolean
  sourceFile: string | null
  sourceFrame: number | null
  label: string | null
}

/** Element symbols per atom of a parsed structure (from symbols or from the given type map). */
function elementsOf(s: ParsedStructure, typeElements?: readonly string[]): string[] {
  if (s.species) return s.species
  if (!s.types || !typeElements) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: atoms have no element symbols`)
  return Array.from(s.types, (t) => {
    const el = typeElements[t]
    if (!el) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: no element for type ${t}`)
    return el
  })
}

/** 'Ag6Pd2': element counts in species-map order. */
export function formulaOf(typeIndices: ArrayLike<number>, species: readonly string[]): string {
  const counts = new Array<number>(species.length).fill(0)
  for (let i = 0; i < typeIndices.length; i++) counts[typeIndices[i]]++
  return species.map((el, t) => (counts[t] ? `${el}${counts[t]}` : '')).join('')
}

/**
 * Inserts parsed structures; elements not yet in the species map are appended to it. Runs in one
 * transaction (all or nothing). Returns the new ids.
 */
export function insertConfigurations(db: Db, items: readonly ParsedStructure[], opts: { typeElements?: readonly string[]; sourceId?: number } = {}): number[] {
  const stmt = db.prepare(`INSERT INTO configurations
    (natoms, formula, cell, positions, types, energy, energy_kind, forces, virial, site_energies, charges,
     source_id, source_file, source_frame, parser, dft_code, dft_settings, label, features, converged, quarantine_reason, created_at)
    VALUES (@natoms, @formula, @cell, @positions, @types, @energy, @energyKind, @forces, @virial, @siteEnergies, @charges,
     @sourceId, @sourceFile, @sourceFrame, @parser, @dftCode, @dftSettings, @label, @features, @converged, NULL, @createdAt)`)
  return db.transaction(() => {
    const now = new Date().toISOString()
    const ids: number[] = []
    for (const s of items) {
      const elements = elementsOf(s, opts.typeElements)
      const map = ensureSpecies(db, elements)
      const types = Int32Array.from(elements, (el) => map.get(el)!)
      const species: string[] = []
      for (const [el, t] of map) species[t] = el
      const cell = s.cell.flatMap((row) => row ?? [0, 0, 0])
      const info = stmt.run({
        natoms: s.natoms,
        formula: formulaOf(types, species),
        cell: float64ToBlob(cell),
        positions: float64ToBlob(s.positions),
        types: int32ToBlob(types),
        energy: s.energy,
        energyKind: s.energyKind,
        forces: s.forces ? float64ToBlob(s.forces) : null,
        virial: s.virial ? float64ToBlob(s.virial) : null,
        siteEnergies: s.siteEnergies ? float64ToBlob(s.siteEnergies) : null,
        charges: s.charges ? float64ToBlob(s.charges) : null,
        sourceId: opts.sourceId ?? null,
        sourceFile: s.provenance.file,
        sourceFrame: s.provenance.frame,
        parser: s.provenance.parser,
        dftCode: s.provenance.code,
        dftSettings: JSON.stringify(s.provenance.settings),
        label: s.provenance.label,
        features: JSON.stringify(s.features),
        converged: s.converged === null ? null : s.converged ? 1 : 0,
        createdAt: now,
      })
      ids.push(Number(info.lastInsertRowid))
    }
    return ids
  })()
}

export function countConfigurations(db: Db, filter: { formula?: string } = {}): number {
  const row = filter.formula
    ? db.prepare('SELECT COUNT(*) AS n FROM configurations WHERE formula = ?').get(filter.formula)
    : db.prepare('SELECT COUNT(*) AS n FROM configurations').get()
  return (row as { n: number }).n
}

interface ListRow {
  id: number
  natoms: number
  formula: string
  energy: number | null
  has_forces: number
  has_virial: number
  source_file: string | null
  source_frame: number | null
  label: string | null
}

/** A page ordered by id; keyset-friendly (formula index covers the filtered case). */
export function listConfigurations(db: Db, page: { offset: number; limit: number; formula?: string }): ConfigurationListRow[] {
  const cols = `id, natoms, formula, energy, forces IS NOT NULL AS has_forces, virial IS NOT NULL AS has_virial,
    source_file, source_frame, label`
  const rows = (
    page.formula
      ? db.prepare(`SELECT ${cols} FROM configurations WHERE formula = ? ORDER BY id LIMIT ? OFFSET ?`).all(page.formula, page.limit, page.offset)
      : db.prepare(`SELECT ${cols} FROM configurations ORDER BY id LIMIT ? OFFSET ?`).all(page.limit, page.offset)
  ) as ListRow[]
  return rows.map((r) => ({
    id: r.id,
    natoms: r.natoms,
    formula: r.formula,
    energy: r.energy,
    hasForces: r.has_forces === 1,
    hasVirial: r.has_virial === 1,
    sourceFile: r.source_file,
    sourceFrame: r.source_frame,
    label: r.label,
  }))
}

interface FullRow extends ListRow {
  cell: Buffer
  positions: Buffer
  types: Buffer
  forces: Buffer | null
  virial: Buffer | null
  energy_kind: string | null
  parser: string | null
  dft_code: string | null
  features: string
}

export function getConfiguration(db: Db, id: number): ConfigurationRecord | undefined {
  const r = db.prepare('SELECT * FROM configurations WHERE id = ?').get(id) as FullRow | undefined
  if (!r) return undefined
  const species = speciesList(db)
  const c = blobToFloat64(r.cell)
  const cell = [0, 1, 2].map((k) => {
    const row: [number, number, number] = [c[3 * k], c[3 * k + 1], c[3 * k + 2]]
    return row.every((x) => x === 0) ? null : row
  })
  const types = blobToInt32(r.types)
  return {
    id: r.id,
    natoms: r.natoms,
    formula: r.formula,
    cell,
    positions: blobToFloat64(r.positions),
    types,
    species: Array.from(types, (t) => species[t]),
    energy: r.energy,
    energyKind: r.energy_kind,
    forces: r.forces ? blobToFloat64(r.forces) : null,
    virial: r.virial ? blobToFloat64(r.virial) : null,
    sourceFile: r.source_file,
    sourceFrame: r.source_frame,
    parser: r.parser,
    dftCode: r.dft_code,
    label: r.label,
    features: JSON.parse(r.features) as Record<string, string>,
  }
}
