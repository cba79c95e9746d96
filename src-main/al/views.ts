/**
 * Contract views of campaigns and iterations (contract/al.ts) from the database rows, the grade
 * histogram, and the γ-slider preview computed from one iteration's stored grades.
 */
import type { AlCampaignDetail, AlCampaignSummary, AlIterationView } from '../contract/al.js'
import type { Db } from '../db/connection.js'
import { currentIteration, getCampaign, iterationGrades, listIterations, type CampaignRow, type IterationRow } from '../db/repositories/al-campaigns.js'
import { getTrainingSet } from '../db/repositories/training-sets.js'
import { listDftJobs } from '../db/repositories/dft-jobs.js'
import { AppError } from '../contract/errors.js'
import { dftSummary } from './step-reference.js'

type Metrics = {
  breaks?: number
  preselected?: number
  reliability?: number | null
  relaxReliability?: number | null
  mdReliability?: number | null
  outcomes?: Record<string, number>
  validation?: AlIterationView['validation']
  dft?: AlIterationView['dft']
  parameters?: number
}

const setSize = (db: Db, id: number | null) => (id === null ? null : (getTrainingSet(db, id)?.size ?? null))

/** log10 γ histogram with half-decade bins from 0 (γ = 1) up to the largest grade. */
export function gradeHistogram(grades: ArrayLike<number>): { log10Edges: number[]; counts: number[] } {
  const logs = Array.from(grades, (g) => Math.log10(Math.max(g, 1e-3)))
  const hi = Math.max(1, Math.ceil(2 * Math.max(0, ...logs.filter(Number.isFinite))) / 2 + 0.5)
  const lo = Math.min(0, Math.floor(2 * Math.min(0, ...logs)) / 2)
  const edges: number[] = []
  for (let e = lo; e <= hi + 1e-9; e += 0.5) edges.push(Number(e.toFixed(1)))
  const counts = new Array<number>(edges.length - 1).fill(0)
  for (const l of logs) {
    const k = Number.isFinite(l) ? Math.min(counts.length - 1, Math.max(0, Math.floor((l - lo) / 0.5))) : counts.length - 1
    counts[k]++
  }
  return { log10Edges: edges, counts }
}

export function iterationView(db: Db, it: IterationRow): AlIterationView {
  const m = it.metrics as Metrics
  const g = iterationGrades(db, it.id)
  const dft = it.dftBatch ? { ...dftSummary(db, it.dftBatch), batch: it.dftBatch } : null
  return {
    number: it.number,
    step: it.step,
    status: it.status,
    potentialId: it.potentialId,
    trainingSetId: it.trainingSetId,
    trainingSetSize: setSize(db, it.trainingSetId),
    trainingRunId: it.trainingRunId,
    explored: it.explored,
    breaks: m.breaks ?? 0,
    preselected: m.preselected ?? 0,
    selected: it.selected,
    reliability: m.reliability ?? null,
    relaxReliability: m.relaxReliability ?? null,
    mdReliability: m.mdReliability ?? null,
    outcomes: m.outcomes ?? {},
    validation: m.validation ?? null,
    dft: dft ? { batch: dft.batch, folder: dft.folder, total: dft.total, imported: dft.imported, failed: dft.failed, quarantined: dft.quarantined } : null,
    gradeHistogram: g ? gradeHistogram(g.grades) : null,
    startedAt: it.startedAt,
    finishedAt: it.finishedAt,
  }
}

export function campaignSummary(db: Db, c: CampaignRow): AlCampaignSummary {
  const its = listIterations(db, c.id)
  const cur = its[its.length - 1]
  const withSet = [...its].reverse().find((i) => i.trainingSetId !== null)
  const withPotential = [...its].reverse().find((i) => i.potentialId !== null || (i.metrics as { trainedPotentialId?: number }).trainedPotentialId)
  const trained = withPotential ? ((withPotential.metrics as { trainedPotentialId?: number }).trainedPotentialId ?? withPotential.potentialId) : null
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    iteration: cur?.number ?? null,
    step: cur?.step ?? null,
    referenceKind: c.spec.reference.kind,
    level: c.spec.level,
    gammaSelect: c.spec.gammaSelect,
    gammaBreak: c.spec.gammaBreak,
    trainingSetSize: setSize(db, withSet?.trainingSetId ?? null) ?? 0,
    potentialId: trained,
    error: c.error,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }
}

export function requireCampaign(db: Db, id: number): CampaignRow {
  const c = getCampaign(db, id)
  if (!c) throw new AppError('not_found', `no active-learning campaign ${id}`)
  return c
}

export function campaignDetail(db: Db, id: number, engineWait: { jobId: string; command: string } | null): AlCampaignDetail {
  const c = requireCampaign(db, id)
  const its = listIterations(db, id)
  const cur = currentIteration(db, id)
  let waitingFor: AlCampaignDetail['waitingFor'] = null
  if (cur?.step === 'reference' && cur.dftBatch && (c.status === 'awaiting_dft' || c.status === 'running')) {
    const jobs = listDftJobs(db, { batch: cur.dftBatch })
    const s = dftSummary(db, cur.dftBatch)
    waitingFor = { kind: 'dft', batch: cur.dftBatch, folder: s.folder, jobIds: jobs.map((j) => j.id), done: s.imported + s.failed, total: s.total }
  } else if (c.status === 'running' && engineWait) waitingFor = { kind: 'engine', ...engineWait }
  else if (c.status === 'running' && cur?.step === 'train' && cur.trainingRunId !== null) waitingFor = { kind: 'training', runId: cur.trainingRunId }
  return { summary: campaignSummary(db, c), spec: c.spec, iterations: its.map((it) => iterationView(db, it)), waitingFor }
}

/** The newest iteration with stored grades, or the given one. */
function gradedIteration(db: Db, id: number, number?: number): IterationRow {
  const its = listIterations(db, id).filter((it) => (number === undefined ? iterationGrades(db, it.id) !== null : it.number === number))
  const it = its[its.length - 1]
  if (!it) throw new AppError('not_found', number === undefined ? `campaign ${id} has not explored yet` : `campaign ${id} has no iteration ${number}`)
  return it
}

export function campaignGrades(db: Db, id: number, number?: number) {
  const c = requireCampaign(db, id)
  const it = gradedIteration(db, id, number)
  const g = iterationGrades(db, it.id)
  if (!g) throw new AppError('not_found', `iteration ${it.number} of campaign ${id} has no grades yet`)
  const parameters = (it.metrics as Metrics).parameters ?? null
  return {
    iteration: it.number,
    grades: Array.from(g.grades),
    natoms: Array.from(g.natoms),
    preselectedGrades: Array.from(g.preselected),
    selectLimit: c.spec.selectLimit ?? parameters,
    gammaSelect: c.spec.gammaSelect,
    gammaBreak: c.spec.gammaBreak,
  }
}

export function gradePreview(db: Db, id: number, gammaSelect: number, gammaBreak: number, number?: number) {
  const g = campaignGrades(db, id, number)
  const preselected = g.preselectedGrades.filter((x) => x > gammaSelect).length
  return {
    iteration: g.iteration,
    structuresAboveSelect: g.grades.filter((x) => x > gammaSelect).length,
    structuresAboveBreak: g.grades.filter((x) => x > gammaBreak).length,
    explored: g.grades.length,
    preselected,
    exact: gammaSelect >= g.gammaSelect,
    dftJobs: g.selectLimit === null ? preselected : Math.min(preselected, g.selectLimit),
  }
}
