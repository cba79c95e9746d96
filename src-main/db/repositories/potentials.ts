/** Potentials (migration 3): the .mtp text, its level, species, radial settings, origin and errors. */
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
  return Number(info.lastInsertRowid)
}

export function countPotentials(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM potentials').pluck().get() as number
}

export function ensembleMembers(db: Db, ensemble: string): { id: number; index: number }[] {
  return db.prepare('SELECT id, ensemble_index AS "index" FROM potentials WHERE ensemble = ? ORDER BY ensemble_index').all(ensemble) as { id: number; index: number }[]
}
