/**
 * Creating a campaign: the spec checked against the project (elements, candidates, reference
 * settings, initial training set) and stored with its defaults filled in, elements included, so
 * the stored spec alone repeats the campaign.
 */
import { alSpec, type AlSpec } from '../contract/al.js'
import { AppError } from '../contract/errors.js'
import type { Db } from '../db/connection.js'
import { insertCampaign } from '../db/repositories/al-campaigns.js'
import { countMatching } from '../db/repositories/configuration-query.js'
import { speciesList } from '../db/repositories/species.js'
import { getTrainingSet } from '../db/repositories/training-sets.js'
import { isElement } from '../io/elements.js'

export function parseAlSpec(input: unknown): AlSpec {
  const r = alSpec.safeParse(input)
  if (!r.success) throw new AppError('invalid_input', `invalid campaign: ${r.error.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`).join('; ')}`)
  return r.data
}

export function checkAlSpec(db: Db, spec: AlSpec): AlSpec {
  const bad = (m: string) => new AppError('invalid_input', m)
  const elements = spec.elements ?? speciesList(db)
  if (elements.length === 0) throw bad('the project has no species yet: import candidate structures first, or give the elements')
  const unknown = elements.filter((el) => !isElement(el))
  if (unknown.length) throw bad(`not elements: ${unknown.join(', ')}`)
  if (new Set(elements).size !== elements.length) throw bad(`elements listed twice: ${elements.join(', ')}`)
  if (spec.candidates && countMatching(db, spec.candidates) === 0) throw bad('the candidate filter matches no configurations')
  for (const [k, m] of spec.md.entries()) if (m.starts && countMatching(db, m.starts) === 0) throw bad(`MD scenario ${k + 1}: its starting-structure filter matches nothing`)
  if (spec.initialTrainingSetId !== undefined && !getTrainingSet(db, spec.initialTrainingSetId)) throw bad(`no training set ${spec.initialTrainingSetId}`)
  if (spec.minDist !== undefined && spec.minDist >= spec.maxDist) throw bad(`minDist (${spec.minDist} Å) must be below the cutoff maxDist (${spec.maxDist} Å)`)
  const ref = spec.reference
  const qe = ref.kind === 'qe-local' ? ref.qe : ref.kind === 'export' && ref.code === 'qe' ? ref.qe : undefined
  if (ref.kind === 'export' && ref.code === 'qe' && !qe) throw bad('exported QE jobs need the qe settings (pseudopotentials, ecutwfc, kspacing)')
  if (ref.kind === 'export' && ref.code === 'vasp' && !ref.vasp) throw bad('exported VASP jobs need the vasp settings (encut, kspacing)')
  if (qe) {
    const missing = elements.filter((el) => !qe.pseudopotentials[el])
    if (missing.length) throw bad(`no pseudopotential for ${missing.join(', ')}`)
  }
  return { ...spec, elements }
}

export function createCampaign(db: Db, input: unknown): number {
  const spec = checkAlSpec(db, parseAlSpec(input))
  return insertCampaign(db, spec)
}
