/**
 * Potentials (migration 3): the .mtp text, its level, species, radial settings, origin and errors;
 * with migration 4 also the seed and the optimiser outcome of a trained one (`fit`).
 */
import type { Db } from '../connection.js'

export interface NewPotential {
  name: string
  mtpText: string
  level?: number | null
  species: readonly string[]
  minDist?: number | null
  maxDist?: number | null
  radialBasisSize?: number | null
  radialFuncsCount?: number | null
  trainingRunId?: number | null
  trainingSetId?: number | null
  errors?: Record<string, unknown>
  ensemble?: string | null
  ensembleIndex?: number | null
  /** Random seed of the training that made it (schema ≥ 4). */
  seed?: number | null
  /** Optimiser outcome: iterations, stop reason, loss, elapsed s (schema ≥ 4). */
  fit?: Record<string, unknown>
}

export interface Potential {
  id: number
  name: string
  mtpText: string
  level: number | null
  species: string[]
  minDist: number | null
  maxDist: number | null
  radialBasisSize: number | null
  radialFuncsCount: number | null
  trainingRunId: number | null
  trainingSetId: number | null
  errors: Record<string, unknown>
  ensemble: string | null
  ensembleIndex: number | null
  seed: number | null
  fit: Record<string, unknown>
  createdAt: string
}

export function addPotential(db: Db, p: NewPotential): number {
  const info = db
    .prepare(
      `INSERT INTO potentials (name, mtp_text, level, species, min_dist, max_dist, radial_basis_size, radial_funcs_count,
         training_run_id, training_set_id, errors, ensemble, ensemble_index, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.name,
      p.mtpText,
      p.level ?? null,
      JSON.stringify(p.species),
      p.minDist ?? null,
      p.maxDist ?? null,
      p.radialBasisSize ?? null,
      p.radialFuncsCount ?? null,
      p.trainingRunId ?? null,
      p.trainingSetId ?? null,
      JSON.stringify(p.errors ?? {}),
      p.ensemble ?? null,
      p.ensembleIndex ?? null,
      new Date().toISOString(),
    )
  const id = Number(info.lastInsertRowid)
  if (p.seed != null || p.fit) db.prepare('UPDATE potentials SET seed = ?, fit = ? WHERE id = ?').run(p.seed ?? null, JSON.stringify(p.fit ?? {}), id)
  return id
}

export function countPotentials(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM potentials').pluck().get() as number
}

export function ensembleMembers(db: Db, ensemble: string): { id: number; index: number }[] {
  return db.prepare('SELECT id, ensemble_index AS "index" FROM potentials WHERE ensemble = ? ORDER BY ensemble_index').all(ensemble) as { id: number; index: number }[]
}

interface PotentialRow {
  id: number
  name: string
  mtp_text: string
  level: number | null
  species: string
  min_dist: number | null
  max_dist: number | null
  radial_basis_size: number | null
  radial_funcs_count: number | null
  training_run_id: number | null
  training_set_id: number | null
  errors: string
  ensemble: string | null
  ensemble_index: number | null
  seed: number | null
  fit: string
  created_at: string
}

const toPotential = (r: PotentialRow): Potential => ({
  id: r.id,
  name: r.name,
  mtpText: r.mtp_text,
  level: r.level,
  species: JSON.parse(r.species) as string[],
  minDist: r.min_dist,
  maxDist: r.max_dist,
  radialBasisSize: r.radial_basis_size,
  radialFuncsCount: r.radial_funcs_count,
  trainingRunId: r.training_run_id,
  trainingSetId: r.training_set_id,
  errors: JSON.parse(r.errors) as Record<string, unknown>,
  ensemble: r.ensemble,
  ensembleIndex: r.ensemble_index,
  seed: r.seed,
  fit: JSON.parse(r.fit) as Record<string, unknown>,
  createdAt: r.created_at,
})

/** One potential with its .mtp text (schema ≥ 4). */
export function getPotential(db: Db, id: number): Potential | undefined {
  const r = db.prepare('SELECT * FROM potentials WHERE id = ?').get(id) as PotentialRow | undefined
  return r ? toPotential(r) : undefined
}

/** The potentials a training run stored, by ensemble index (schema ≥ 4). */
export function potentialsOfRun(db: Db, runId: number): Potential[] {
  return (db.prepare('SELECT * FROM potentials WHERE training_run_id = ? ORDER BY ensemble_index, id').all(runId) as PotentialRow[]).map(toPotential)
}
