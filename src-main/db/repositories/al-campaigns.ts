/**
 * Active-learning campaigns and their iterations (migration 5). Thin typed access; the loop
 * (src-main/al/) decides what to write, and every step transition is one call here inside the
 * transaction that also writes the step's results.
 */
import type { AlCampaignStatus, AlSpec, AlStep } from '../../contract/al.js'
import { blobToFloat64, blobToInt32, float64ToBlob, int32ToBlob } from '../blobs.js'
import type { Db } from '../connection.js'

export interface AlErrorInfo {
  message: string
  file: string | null
  line: number | null
  field: string | null
}

export interface CampaignRow {
  id: number
  name: string
  spec: AlSpec
  status: AlCampaignStatus
  error: AlErrorInfo | null
  ownerPid: number | null
  ownerHost: string | null
  createdAt: string
  updatedAt: string
}

export type IterationStatus = 'running' | 'waiting' | 'done' | 'failed' | 'interrupted'

export interface IterationRow {
  id: number
  campaignId: number
  number: number
  step: AlStep
  status: IterationStatus
  potentialId: number | null
  trainingSetId: number | null
  trainingRunId: number | null
  explored: number
  selected: number
  /** Step-internal state: what a resumed step needs (ids of selected configurations, job ids …). */
  state: Record<string, unknown>
  metrics: Record<string, unknown>
  dftBatch: string | null
  startedAt: string
  finishedAt: string | null
}

export interface IterationGrades {
  grades: Float64Array
  natoms: Int32Array
  preselected: Float64Array
}

interface CampaignDbRow {
  id: number
  name: string
  settings: string
  status: AlCampaignStatus
  error: string | null
  owner_pid: number | null
  owner_host: string | null
  created_at: string
  updated_at: string
}

interface IterationDbRow {
  id: number
  campaign_id: number
  number: number
  step: AlStep
  status: IterationStatus
  potential_id: number | null
  training_set_id: number | null
  training_run_id: number | null
  candidates: number
  selected: number
  state: string
  metrics: string
  dft_batch: string | null
  started_at: string
  finished_at: string | null
}

const now = () => new Date().toISOString()

const toCampaign = (r: CampaignDbRow): CampaignRow => ({
  id: r.id,
  name: r.name,
  spec: JSON.parse(r.settings) as AlSpec,
  status: r.status,
  error: r.error ? (JSON.parse(r.error) as AlErrorInfo) : null,
  ownerPid: r.owner_pid,
  ownerHost: r.owner_host,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const toIteration = (r: IterationDbRow): IterationRow => ({
  id: r.id,
  campaignId: r.campaign_id,
  number: r.number,
  step: r.step,
  status: r.status,
  potentialId: r.potential_id,
  trainingSetId: r.training_set_id,
  trainingRunId: r.training_run_id,
  explored: r.candidates,
  selected: r.selected,
  state: JSON.parse(r.state) as Record<string, unknown>,
  metrics: JSON.parse(r.metrics) as Record<string, unknown>,
  dftBatch: r.dft_batch,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
})

export function insertCampaign(db: Db, spec: AlSpec): number {
  const t = now()
  return Number(db.prepare(`INSERT INTO al_campaigns (name, settings, status, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?)`).run(spec.name, JSON.stringify(spec), t, t).lastInsertRowid)
}

export function getCampaign(db: Db, id: number): CampaignRow | undefined {
  const r = db.prepare('SELECT * FROM al_campaigns WHERE id = ?').get(id) as CampaignDbRow | undefined
  return r ? toCampaign(r) : undefined
}

export function listCampaigns(db: Db): CampaignRow[] {
  return (db.prepare('SELECT * FROM al_campaigns ORDER BY id DESC').all() as CampaignDbRow[]).map(toCampaign)
}

export interface StatusFields {
  error?: AlErrorInfo | null
  /** Set the owner (running) or clear it (null). */
  owner?: { pid: number; host: string } | null
}

export function setCampaignStatus(db: Db, id: number, status: AlCampaignStatus, f: StatusFields = {}): void {
  const owner = f.owner === undefined ? undefined : f.owner
  db.prepare(
    `UPDATE al_campaigns SET status = ?, updated_at = ?,
       error = CASE WHEN ? THEN ? ELSE error END,
       owner_pid = CASE WHEN ? THEN ? ELSE owner_pid END,
       owner_host = CASE WHEN ? THEN ? ELSE owner_host END
     WHERE id = ?`,
  ).run(
    status,
    now(),
    f.error !== undefined ? 1 : 0,
    f.error ? JSON.stringify(f.error) : null,
    owner !== undefined ? 1 : 0,
    owner?.pid ?? null,
    owner !== undefined ? 1 : 0,
    owner?.host ?? null,
    id,
  )
}

export function touchCampaign(db: Db, id: number): void {
  db.prepare('UPDATE al_campaigns SET updated_at = ? WHERE id = ?').run(now(), id)
}

export interface NewIteration {
  campaignId: number
  number: number
  step: AlStep
  potentialId: number | null
  trainingSetId: number | null
  state?: Record<string, unknown>
}

export function insertIteration(db: Db, it: NewIteration): number {
  return Number(
    db
      .prepare(`INSERT INTO al_iterations (campaign_id, number, step, status, potential_id, training_set_id, state, started_at) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)`)
      .run(it.campaignId, it.number, it.step, it.potentialId, it.trainingSetId, JSON.stringify(it.state ?? {}), now()).lastInsertRowid,
  )
}

export function listIterations(db: Db, campaignId: number): IterationRow[] {
  return (db.prepare('SELECT * FROM al_iterations WHERE campaign_id = ? ORDER BY number').all(campaignId) as IterationDbRow[]).map(toIteration)
}

export function currentIteration(db: Db, campaignId: number): IterationRow | undefined {
  const r = db.prepare('SELECT * FROM al_iterations WHERE campaign_id = ? ORDER BY number DESC LIMIT 1').get(campaignId) as IterationDbRow | undefined
  return r ? toIteration(r) : undefined
}

export function getIteration(db: Db, id: number): IterationRow | undefined {
  const r = db.prepare('SELECT * FROM al_iterations WHERE id = ?').get(id) as IterationDbRow | undefined
  return r ? toIteration(r) : undefined
}

export interface IterationUpdate {
  step?: AlStep
  status?: IterationStatus
  trainingSetId?: number
  trainingRunId?: number
  explored?: number
  selected?: number
  /** Merged into the stored state (shallow). */
  state?: Record<string, unknown>
  /** Merged into the stored metrics (shallow). */
  metrics?: Record<string, unknown>
  dftBatch?: string
  finished?: boolean
}

export function updateIteration(db: Db, id: number, u: IterationUpdate): IterationRow {
  const cur = getIteration(db, id)
  if (!cur) throw new Error(`no AL iteration ${id}`)
  db.prepare(
    `UPDATE al_iterations SET step = ?, status = ?, training_set_id = ?, training_run_id = ?, candidates = ?, selected = ?,
       state = ?, metrics = ?, dft_batch = ?, finished_at = ? WHERE id = ?`,
  ).run(
    u.step ?? cur.step,
    u.status ?? cur.status,
    u.trainingSetId ?? cur.trainingSetId,
    u.trainingRunId ?? cur.trainingRunId,
    u.explored ?? cur.explored,
    u.selected ?? cur.selected,
    JSON.stringify(u.state ? { ...cur.state, ...u.state } : cur.state),
    JSON.stringify(u.metrics ? { ...cur.metrics, ...u.metrics } : cur.metrics),
    u.dftBatch ?? cur.dftBatch,
    u.finished ? now() : cur.finishedAt,
    id,
  )
  return getIteration(db, id)!
}

export function saveIterationGrades(db: Db, id: number, g: IterationGrades): void {
  db.prepare('UPDATE al_iterations SET grades = ?, grade_natoms = ?, preselected_grades = ? WHERE id = ?').run(
    float64ToBlob(g.grades),
    int32ToBlob(g.natoms),
    float64ToBlob(g.preselected),
    id,
  )
}

export function iterationGrades(db: Db, id: number): IterationGrades | null {
  const r = db.prepare('SELECT grades, grade_natoms, preselected_grades FROM al_iterations WHERE id = ?').get(id) as
    | { grades: Buffer | null; grade_natoms: Buffer | null; preselected_grades: Buffer | null }
    | undefined
  if (!r?.grades || !r.grade_natoms || !r.preselected_grades) return null
  return { grades: blobToFloat64(r.grades), natoms: blobToInt32(r.grade_natoms), preselected: blobToFloat64(r.preselected_grades) }
}

/** Campaigns left 'running' whose owner is not alive (decided by the caller). */
export function runningCampaigns(db: Db): CampaignRow[] {
  return (db.prepare(`SELECT * FROM al_campaigns WHERE status = 'running'`).all() as CampaignDbRow[]).map(toCampaign)
}

export interface RelaxationRecord {
  startConfigurationId: number
  status: 'relaxed' | 'not_converged' | 'extrapolated' | 'failed'
  /** eV of the final structure (MTP), when there is one. */
  energy: number | null
  maxGrade: number | null
  error: string | null
}

/** Per-candidate relaxation outcomes of one exploration (table relaxations of migration 3). */
export function recordRelaxations(db: Db, campaignId: number, iterationId: number, potentialId: number | null, rows: readonly RelaxationRecord[]): void {
  const t = now()
  db.prepare('DELETE FROM relaxations WHERE al_iteration_id = ?').run(iterationId)
  const ins = db.prepare(
    `INSERT INTO relaxations (campaign, al_iteration_id, potential_id, start_configuration_id, status, energy, max_grade, error, created_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const r of rows) ins.run(`al:${campaignId}`, iterationId, potentialId, r.startConfigurationId, r.status, r.energy, r.maxGrade, r.error, t, t)
}
