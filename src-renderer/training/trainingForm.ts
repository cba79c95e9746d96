/**
 * The training wizard's form: defaults, what the new-potential wizard hands over in the route query
 * (untrainedPotentialId, level, species, radialBasisSize, minDist, maxDist, trainingSetId), per-field checks with the
 * unit in the message, and the request it becomes ('training/start').
 */
import type { TrainingSpecInput, TrainingWeighting } from '../../src-main/contract/training'

export interface TrainingForm {
  trainingSetId: number | null
  level: number
  /** Empty = the set's elements in project order. */
  species: string[]
  maxDist: number
  /** null = 0.99 × the set's smallest interatomic distance (the engine measures it). */
  minDist: number | null
  radialBasisSize: number
  /** The stored untrained potential to start from (the new-potential wizard's), or null to generate one. */
  templatePotentialId: number | null
  weighting: TrainingWeighting
  energyWeight: number
  forceWeight: number
  stressWeight: number
  ensemble: number
  /** Percent held out for validation. */
  validationPercent: number
  seed: number
  maxIterations: number
  name: string
}

export const defaultTrainingForm = (): TrainingForm => ({
  trainingSetId: null,
  level: 16,
  species: [],
  maxDist: 5,
  minDist: null,
  radialBasisSize: 8,
  templatePotentialId: null,
  weighting: 'vibrations',
  energyWeight: 1,
  forceWeight: 0.01,
  stressWeight: 0.001,
  ensemble: 1,
  validationPercent: 10,
  seed: 1,
  maxIterations: 200,
  name: '',
})

type Query = Record<string, string | null | (string | null)[] | undefined>

const first = (v: Query[string]): string | undefined => (Array.isArray(v) ? (v[0] ?? undefined) : (v ?? undefined))
const numberOf = (v: Query[string]): number | undefined => {
  const s = first(v)
  const x = s === undefined || s.trim() === '' ? NaN : Number(s)
  return Number.isFinite(x) ? x : undefined
}

/** The form with what the route query sets (the new-potential wizard's choice); unknown keys are ignored. */
export function formFromQuery(query: Query, base: TrainingForm = defaultTrainingForm()): TrainingForm {
  const f = { ...base, species: [...base.species] }
  const level = numberOf(query.level)
  if (level !== undefined) f.level = Math.round(level)
  const species = first(query.species)
  if (species) f.species = species.split(',').map((s) => s.trim()).filter(Boolean)
  const rbs = numberOf(query.radialBasisSize)
  if (rbs !== undefined) f.radialBasisSize = Math.round(rbs)
  const minDist = numberOf(query.minDist)
  if (minDist !== undefined) f.minDist = minDist
  const maxDist = numberOf(query.maxDist)
  if (maxDist !== undefined) f.maxDist = maxDist
  const set = numberOf(query.trainingSetId)
  if (set !== undefined) f.trainingSetId = Math.round(set)
  const template = numberOf(query.untrainedPotentialId)
  if (template !== undefined && Number.isInteger(template) && template > 0) f.templatePotentialId = template
  return f
}

export type FormErrors = Partial<Record<keyof TrainingForm, string>>

export function checkTrainingForm(f: TrainingForm): FormErrors {
  const e: FormErrors = {}
  const int = (x: number) => Number.isInteger(x)
  if (f.trainingSetId === null) e.trainingSetId = 'Choose a training set version.'
  if (!int(f.level) || f.level < 2 || f.level > 28) e.level = 'The level is a whole number from 2 to 28.'
  if (!(f.maxDist > 0 && f.maxDist <= 20)) e.maxDist = 'The cutoff is between 0 and 20 Å.'
  if (f.minDist !== null && !(f.minDist > 0 && f.minDist < f.maxDist)) e.minDist = `The minimum distance is between 0 and the cutoff (${f.maxDist} Å).`
  if (!int(f.radialBasisSize) || f.radialBasisSize < 2 || f.radialBasisSize > 40) e.radialBasisSize = 'The radial basis size is a whole number from 2 to 40.'
  for (const k of ['energyWeight', 'forceWeight', 'stressWeight'] as const) if (!(f[k] >= 0)) e[k] = 'A weight is 0 or more.'
  if (f.energyWeight === 0 && f.forceWeight === 0 && f.stressWeight === 0) e.energyWeight = 'At least one weight must be above 0.'
  if (!int(f.ensemble) || f.ensemble < 1 || f.ensemble > 16) e.ensemble = 'The ensemble has 1 to 16 potentials.'
  if (!(f.validationPercent >= 0 && f.validationPercent <= 50)) e.validationPercent = 'Hold out 0 to 50 %.'
  if (!int(f.seed) || f.seed < 0) e.seed = 'The seed is a whole number ≥ 0.'
  if (!int(f.maxIterations) || f.maxIterations < 1) e.maxIterations = 'At least one iteration.'
  return e
}

export function specFromForm(f: TrainingForm): TrainingSpecInput {
  if (f.trainingSetId === null) throw new Error('no training set chosen')
  return {
    trainingSetId: f.trainingSetId,
    level: f.level,
    ...(f.species.length ? { species: [...f.species] } : {}),
    maxDist: f.maxDist,
    ...(f.minDist !== null ? { minDist: f.minDist } : {}),
    radialBasisSize: f.radialBasisSize,
    ...(f.templatePotentialId !== null ? { templatePotentialId: f.templatePotentialId } : {}),
    weighting: f.weighting,
    energyWeight: f.energyWeight,
    forceWeight: f.forceWeight,
    stressWeight: f.stressWeight,
    ensemble: f.ensemble,
    validationFraction: f.validationPercent / 100,
    seed: f.seed,
    maxIterations: f.maxIterations,
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
  }
}
