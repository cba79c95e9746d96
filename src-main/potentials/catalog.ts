/**
 * The project's potentials as the UI lists them (header counts parsed from the stored .mtp), and
 * storing new ones: untrained templates written by the engine, or .mtp files trained elsewhere.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../contract/errors.js'
import type { PotentialSummary } from '../contract/potentials.js'
import type { Db } from '../db/connection.js'
import { addPotential, getPotential, type Potential } from '../db/repositories/potentials.js'
import { parseMtpHeader } from './mtp-header.js'

export function summarisePotential(p: Potential): PotentialSummary {
  const h = parseMtpHeader(p.mtpText, p.name)
  return {
    id: p.id,
    name: p.name,
    level: p.level,
    species: p.species,
    minDist: p.minDist,
    maxDist: p.maxDist,
    radialBasisSize: p.radialBasisSize,
    basisFunctions: h.basisFunctions,
    parameters: h.parameters,
    trained: h.trained,
    trainingRunId: p.trainingRunId,
    ensemble: p.ensemble,
    ensembleIndex: p.ensembleIndex,
    errors: p.errors,
    createdAt: p.createdAt,
  }
}

export function listPotentials(db: Db): PotentialSummary[] {
  const ids = db.prepare('SELECT id FROM potentials ORDER BY id DESC').pluck().all() as number[]
  return ids.map((id) => summarisePotential(getPotential(db, id)!))
}

export function storedSummary(db: Db, id: number): PotentialSummary {
  const p = getPotential(db, id)
  if (!p) throw new AppError('not_found', `no potential ${id}`)
  return summarisePotential(p)
}

export interface MtpFile {
  path: string
  text: string
  level: number | null
}

/** Stores .mtp files in one transaction; with `ensemble`, as its members 0…n−1 in the given order. */
export function importMtpFiles(db: Db, files: readonly MtpFile[], species: readonly string[], ensemble?: string): number[] {
  const parsed = files.map((f) => ({ ...f, header: parseMtpHeader(f.text, f.path) }))
  for (const f of parsed) {
    if (f.header.speciesCount !== species.length) {
      throw new AppError('invalid_input', `${f.path}: ${f.header.speciesCount} species, but ${species.length} element(s) were given (${species.join(', ')})`)
    }
  }
  if (ensemble && db.prepare('SELECT COUNT(*) FROM potentials WHERE ensemble = ?').pluck().get(ensemble)) {
    throw new AppError('invalid_input', `the project already has an ensemble named "${ensemble}"`)
  }
  return db.transaction(() =>
    parsed.map((f, k) =>
      addPotential(db, {
        name: basename(f.path).replace(/\.mtp$/, ''),
        mtpText: f.text,
        level: f.level,
        species,
        minDist: f.header.minDist,
        maxDist: f.header.maxDist,
        radialBasisSize: f.header.radialBasisSize,
        radialFuncsCount: f.header.radialFuncsCount,
        ensemble: ensemble ?? null,
        ensembleIndex: ensemble ? k : null,
      }),
    ),
  )()
}

export function readMtpFile(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    throw new AppError('invalid_input', `cannot read ${path}: ${(e as Error).message}`)
  }
}
