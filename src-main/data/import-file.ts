/**
 * The import pipeline: stream a file's frames from the readers (src-main/io), map species to the
 * project's type indices, run the quality gate, flag duplicates, and store everything of one file
 * in ONE transaction, so a malformed file, an error or a killed process leaves none of it behind.
 *
 * The transaction spans the reader's awaits (it cannot be a synchronous db.transaction()): no
 * other write may use the connection meanwhile, which the single-writer callers (CLI, the core's
 * request queue) guarantee; `importFile` refuses to start inside another transaction.
 */
import { createHash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Db } from '../db/connection.js'
import { float64ToBlob, int32ToBlob } from '../db/blobs.js'
import { ConfigurationWriter, rowToStructure, STORED_COLUMNS, type StoredRow } from '../db/repositories/configuration-store.js'
import { addImportSource, findImportBySha, finishImportSource } from '../db/repositories/import-sources.js'
import { getSetting, setSetting } from '../db/repositories/settings.js'
import { ensureGroup, ensureTag } from '../db/repositories/tags.js'
import { speciesList } from '../db/repositories/species.js'
import { ParseError } from '../io/errors.js'
import { sameStructure, structureKey } from '../io/dedup.js'
import { readStructures, sniffFormat, type FileFormat, type ReadAnyOptions } from '../io/formats.js'
import type { EnergyKind, ParsedStructure } from '../io/types.js'
import { isVaspKind, quarantineReason, type QualityExpectations } from './quality-gate.js'
import { importPauseFromEnv } from './test-hooks.js'

export interface ImportProgress {
  file: string
  bytesRead: number
  totalBytes: number
  frames: number
}

export interface ImportOptions {
  format?: FileFormat
  /** Element of each type index in the file (.cfg, LAMMPS data, VASP 4 POSCAR). Default: the project's map. */
  species?: readonly string[]
  /** VASP: which energy to store (default TOTEN, the one consistent with the forces). */
  energy?: 'free' | 'sigma0'
  /** extxyz reference keys (ASE conventions otherwise). */
  extxyz?: Pick<ReadAnyOptions, 'prefix' | 'energyKey' | 'forcesKey' | 'stressKey' | 'virialKey'>
  expect?: QualityExpectations
  group?: string
  tags?: string[]
  /** Look for stored copies of each frame (default true). */
  detectDuplicates?: boolean
  /** Do not store frames that duplicate a stored configuration (default: store and flag them). */
  skipDuplicates?: boolean
  /** Distance tolerance of the duplicate check, Å. */
  duplicateTolerance?: number
  dftJobId?: number
  onProgress?: (p: ImportProgress) => void
  /** Aborting rolls the file back (nothing of it is stored) and ends with ImportCancelled. */
  signal?: AbortSignal
}

export interface ImportResult {
  file: string
  format: FileFormat
  sourceId: number
  frames: number
  stored: number
  quarantined: number
  duplicates: number
  skippedDuplicates: number
  ids: number[]
  /** Quarantine reason → number of frames. */
  reasons: Record<string, number>
  /** The first reader warnings (not fatal), with their frame. */
  warnings: string[]
}

/** Why a file was not imported; names the file, 1-based line and field when the reader knows them. */
export class ImportFailure extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    message: string,
  ) {
    super(message)
    this.name = 'ImportFailure'
  }
}

/** The user stopped the import: the file's transaction was rolled back. */
export class ImportCancelled extends Error {
  constructor(readonly file: string) {
    super(`${file}: import cancelled, nothing of this file was stored`)
    this.name = 'ImportCancelled'
  }
}

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
  return h.digest('hex')
}

const MAX_WARNINGS = 20

/** Finds the original of a frame among stored configurations with the same structure key. */
class Originals {
  private readonly byKey
  private readonly arrays
  private readonly row
  constructor(
    db: Db,
    private readonly tol: number,
  ) {
    // Ids only, from the index: the table rows are large (per-atom BLOBs, overflow pages), so
    // candidates are read one at a time, oldest first, and usually the first one matches.
    this.byKey = db.prepare('SELECT id FROM configurations WHERE structure_key = ? ORDER BY id LIMIT 16').pluck()
    this.arrays = db.prepare('SELECT cell, positions, types, duplicate_of AS dup FROM configurations WHERE id = ?')
    this.row = db.prepare(`SELECT ${STORED_COLUMNS} FROM configurations WHERE id = ?`)
  }

  /** `types` = the frame's atoms as project type indices. */
  find(s: ParsedStructure, key: string, types: Int32Array, species: readonly string[]): number | null {
    const ids = this.byKey.all(key) as number[]
    if (ids.length === 0) return null
    const cell = float64ToBlob(s.cell.flatMap((r) => r ?? [0, 0, 0]))
    const positions = float64ToBlob(s.positions)
    const typeBlob = int32ToBlob(types)
    for (const id of ids) {
      const c = this.arrays.get(id) as { cell: Buffer; positions: Buffer; types: Buffer; dup: number | null }
      // Fast path: a bit-identical copy (re-imported or replicated data) needs no geometric match.
      const same = (c.positions.equals(positions) && c.cell.equals(cell) && c.types.equals(typeBlob)) || sameStructure(rowToStructure(this.row.get(id) as StoredRow, species), s, this.tol)
      if (same) return c.dup ?? id
    }
    return null
  }
}

export async function importFile(db: Db, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const path = resolve(file)
  if (db.inTransaction) throw new Error('importFile must not run inside another transaction')
  let format: FileFormat | null
  let size: number
  try {
    size = statSync(path).size
    format = opts.format ?? (await sniffFormat(path))
  } catch (e) {
    throw new ImportFailure(path, null, null, `${path}: ${(e as Error).message}`)
  }
  if (!format) throw new ImportFailure(path, 1, 'format', `${path}: unknown file format (not .cfg, extxyz, POSCAR, OUTCAR, vasprun.xml, pw.x output, mlearn JSON or LAMMPS data)`)
  const digest = await sha256(path)
  // The project's map stands in for a missing --species only where the file holds type indices.
  const projectSpecies = format === 'cfg' || format === 'lammps-data' ? speciesList(db) : []
  const species = opts.species ?? (projectSpecies.length ? projectSpecies : undefined)
  const readOpts: ReadAnyOptions = {
    format,
    species,
    energy: opts.energy,
    ...opts.extxyz,
    onProgress: (p) => opts.onProgress?.({ file: path, bytesRead: p.bytesRead, totalBytes: p.totalBytes, frames: p.frames }),
  }
  const pause = importPauseFromEnv()
  const tol = opts.duplicateTolerance ?? 1e-3
  const result: ImportResult = { file: path, format, sourceId: 0, frames: 0, stored: 0, quarantined: 0, duplicates: 0, skippedDuplicates: 0, ids: [], reasons: {}, warnings: [] }
  if (!opts.species && species) result.warnings.push(`type indices read through the project's species map (0 = ${species[0]}${species.length > 1 ? `, 1 = ${species[1]}, …` : ''}); give the species if the file uses another order`)
  const earlier = findImportBySha(db, digest)
  if (earlier) result.warnings.push(`the same content was imported before, from ${earlier.path} at ${earlier.importedAt}`)
  // A larger page cache for the duration: a file's frames update several indexes at random
  // positions (structure keys are hashes), and the default 2 MiB cache would spill to the WAL.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number
  db.pragma('cache_size = -65536')
  db.exec('BEGIN IMMEDIATE')
  try {
    result.sourceId = addImportSource(db, { path, format, sha256: digest, sizeBytes: size, options: { species: opts.species ?? null, energy: opts.energy ?? null, expect: opts.expect ?? {} } })
    const writer = new ConfigurationWriter(db)
    const originals = new Originals(db, tol)
    const groupId = opts.group ? ensureGroup(db, opts.group) : null
    const tagIds = (opts.tags ?? []).map((t) => ensureTag(db, t))
    const link = db.prepare('INSERT OR IGNORE INTO configuration_tags (tag_id, configuration_id) VALUES (?, ?)')
    let energyKind = getSetting<EnergyKind>(db, 'energy_kind') ?? null
    for await (const s of readStructures(path, readOpts)) {
      // Checked per frame: the reader awaits between chunks, which is when a cancel request lands.
      if (opts.signal?.aborted) throw new ImportCancelled(path)
      result.frames++
      if (!s.species) throw new ImportFailure(path, null, 'species', `${path} frame ${s.provenance.frame}: atoms have type indices only; give the element of each type (--species)`)
      for (const w of s.warnings) if (result.warnings.length < MAX_WARNINGS) result.warnings.push(`frame ${s.provenance.frame}: ${w}`)
      if (!energyKind && s.energyKind && isVaspKind(s.energyKind)) {
        energyKind = s.energyKind
        setSetting(db, 'energy_kind', energyKind)
      }
      const reason = quarantineReason(s, { ...opts.expect, energyKind })
      const types = Int32Array.from(s.species, (el) => writer.typeOf(el))
      const key = structureKey(s, tol)
      const original = opts.detectDuplicates === false ? null : originals.find(s, key, types, writer.speciesList())
      if (original !== null) {
        result.duplicates++
        if (opts.skipDuplicates) {
          result.skippedDuplicates++
          continue
        }
      }
      const id = writer.add(s, { sourceId: result.sourceId, quarantineReason: reason, structureKey: key, duplicateOf: original, groupId, dftJobId: opts.dftJobId })
      for (const t of tagIds) link.run(t, id)
      result.ids.push(id)
      result.stored++
      if (reason) {
        result.quarantined++
        result.reasons[reason] = (result.reasons[reason] ?? 0) + 1
      }
      pause?.(path, result.stored)
    }
    finishImportSource(db, result.sourceId, result)
    db.exec('COMMIT')
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    if (e instanceof ImportFailure || e instanceof ImportCancelled) throw e
    if (e instanceof ParseError) throw new ImportFailure(e.file, e.line, e.field, e.message)
    throw new ImportFailure(path, null, null, `${path}: ${(e as Error).message}`)
  } finally {
    db.pragma(`cache_size = ${cacheSize}`)
  }
  return result
}

export interface ImportManyResult {
  imported: ImportResult[]
  failed: { file: string; line: number | null; field: string | null; message: string }[]
}

/**
 * Imports each file in its own transaction; a failed file is reported and leaves nothing behind.
 * A cancel (ImportCancelled) is not a failure of the file: it ends the whole call.
 */
export async function importFiles(db: Db, files: readonly string[], opts: ImportOptions = {}): Promise<ImportManyResult> {
  const out: ImportManyResult = { imported: [], failed: [] }
  for (const f of files) {
    try {
      out.imported.push(await importFile(db, f, opts))
    } catch (e) {
      if (!(e instanceof ImportFailure)) throw e
      out.failed.push({ file: e.file, line: e.line, field: e.field, message: e.message })
    }
  }
  return out
}
