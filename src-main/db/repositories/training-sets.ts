/**
 * Training-set versions: immutable snapshots of (configuration, weights). Creating one picks the
 * configurations, leaves out quarantined ones (unless overridden per configuration) and those
 * without an energy, writes the members and seals the version in one transaction; the triggers of
 * migration 3 refuse any later change. A potential records the version it was trained on.
 */
import { createHash } from 'node:crypto'
import type { Db } from '../connection.js'
import { iterateIds, type ConfigurationFilter } from './configuration-query.js'

export interface Weights {
  energy: number
  forces: number
  stress: number
}

export interface TrainingSetVersion {
  id: number
  name: string
  version: number
  parentId: number | null
  description: string
  selection: unknown
  size: number
  digest: string
  createdAt: string
}

export interface NewVersion {
  name: string
  filter: ConfigurationFilter
  description?: string
  weights?: Partial<Weights>
}

export function createTrainingSetVersion(db: Db, v: NewVersion): TrainingSetVersion {
  const w: Weights = { energy: 1, forces: 1, stress: 1, ...v.weights }
  return db.transaction(() => {
    const last = db.prepare('SELECT id, version FROM training_sets WHERE name = ? ORDER BY version DESC LIMIT 1').get(v.name) as { id: number; version: number } | undefined
    const trainable = db.prepare('SELECT 1 FROM configurations WHERE id = ? AND energy IS NOT NULL AND (quarantine_reason IS NULL OR quarantine_override = 1)').pluck()
    const ids: number[] = []
    for (const batch of iterateIds(db, v.filter)) for (const id of batch) if (trainable.get(id)) ids.push(id)
    const hash = createHash('sha256')
    for (const id of ids) hash.update(`${id} ${w.energy} ${w.forces} ${w.stress}\n`)
    const info = db
      .prepare('INSERT INTO training_sets (name, version, parent_id, description, selection, size, digest, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(v.name, (last?.version ?? 0) + 1, last?.id ?? null, v.description ?? '', JSON.stringify(v.filter), ids.length, hash.digest('hex'), new Date().toISOString())
    const setId = Number(info.lastInsertRowid)
    const add = db.prepare('INSERT INTO training_set_members (set_id, configuration_id, weight_energy, weight_forces, weight_stress) VALUES (?, ?, ?, ?, ?)')
    for (const id of ids) add.run(setId, id, w.energy, w.forces, w.stress)
    db.prepare('UPDATE training_sets SET sealed = 1 WHERE id = ?').run(setId)
    return getTrainingSet(db, setId)!
  })()
}

interface Row {
  id: number
  name: string
  version: number
  parent_id: number | null
  description: string
  selection: string
  size: number
  digest: string
  created_at: string
}

const toVersion = (r: Row): TrainingSetVersion => ({
  id: r.id,
  name: r.name,
  version: r.version,
  parentId: r.parent_id,
  description: r.description,
  selection: JSON.parse(r.selection),
  size: r.size,
  digest: r.digest,
  createdAt: r.created_at,
})

export function getTrainingSet(db: Db, id: number): TrainingSetVersion | undefined {
  const r = db.prepare('SELECT * FROM training_sets WHERE id = ?').get(id) as Row | undefined
  return r ? toVersion(r) : undefined
}

export function listTrainingSets(db: Db): TrainingSetVersion[] {
  return (db.prepare('SELECT * FROM training_sets ORDER BY name, version').all() as Row[]).map(toVersion)
}

export function trainingSetMembers(db: Db, setId: number): { configurationId: number; weights: Weights }[] {
  const rows = db
    .prepare('SELECT configuration_id AS id, weight_energy AS e, weight_forces AS f, weight_stress AS s FROM training_set_members WHERE set_id = ? ORDER BY configuration_id')
    .all(setId) as { id: number; e: number; f: number; s: number }[]
  return rows.map((r) => ({ configurationId: r.id, weights: { energy: r.e, forces: r.f, stress: r.s } }))
}

export function countTrainingSets(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM training_sets').pluck().get() as number
}

/** Lets a quarantined configuration into future training-set versions (or takes that back). */
export function overrideQuarantine(db: Db, ids: readonly number[], override: boolean): number {
  const upd = db.prepare('UPDATE configurations SET quarantine_override = ? WHERE id = ? AND quarantine_reason IS NOT NULL')
  return db.transaction(() => ids.reduce((n, id) => n + upd.run(override ? 1 : 0, id).changes, 0))()
}
