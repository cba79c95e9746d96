/**
 * What 'analysis/ev' and 'analysis/elastic' do with a project: build or load the structure, write
 * the chosen potentials' .mtp texts to a work folder, run the workflows through the engine, and add
 * the project's DFT points to the E–V result, with progress and cancel (ev-elastic-progress.ts).
 * The CLI shares the views (`evView`, `elasticView`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../contract/errors.js'
import type { ElasticResultView, EvResultView, ForceFieldChoice } from '../contract/ev-elastic.js'
import type { Db } from '../db/connection.js'
import { readStructure } from '../db/repositories/configuration-store.js'
import { getPotential } from '../db/repositories/potentials.js'
import type { ParsedStructure } from '../io/types.js'
import { atomsPerCubicCell, cubicCell, type CubicLattice } from './cubic-lattice.js'
import { dftEvPoints, type DftEvPoint } from './ev-dft-points.js'
import type { ForceField } from './efs-batch.js'
import { runElastic, type ElasticWorkflowResult } from './elastic-workflow.js'
import { trackComputation, type ComputeOptions, type EngineAccess, type EvElasticKind, type TrackedComputation } from './ev-elastic-progress.js'
import { fitBirchMurnaghan } from './eos.js'
import { runEv, type EvResult } from './ev-workflow.js'

export type StrainBase =
  | { kind: 'lattice'; lattice: CubicLattice; element: string; a: number; repeat: number }
  | { kind: 'configuration'; id: number }

export interface ResolvedBase {
  structure: ParsedStructure
  label: string
  /** Atoms of the conventional cubic cell when the lattice is known, else null. */
  atomsPerCubicCell: number | null
}

export function resolveBase(db: Db | null, base: StrainBase): ResolvedBase {
  if (base.kind === 'lattice') {
    return {
      structure: cubicCell(base.lattice, base.element, base.a, base.repeat),
      label: `${base.lattice} ${base.element}, a = ${base.a} Å${base.repeat > 1 ? `, ${base.repeat}×${base.repeat}×${base.repeat}` : ''}`,
      atomsPerCubicCell: atomsPerCubicCell(base.lattice),
    }
  }
  if (!db) throw new AppError('no_project', 'a configuration needs an open project')
  const s = readStructure(db, base.id)
  if (!s) throw new AppError('not_found', `no configuration ${base.id}`)
  return { structure: s, label: `configuration ${base.id}${s.provenance.label ? ` (${s.provenance.label})` : ''}`, atomsPerCubicCell: null }
}

/** The force fields of a choice; project potentials are written as .mtp files into `workDir`. */
export function resolveForceFields(db: Db | null, choice: ForceFieldChoice, workDir: string): { forceFields: ForceField[]; species: string[] } {
  if (choice.kind === 'eam') return { forceFields: [{ kind: 'eam', label: `EAM (Zhou 2004) ${choice.elements.join('–')}`, elements: choice.elements }], species: choice.elements }
  if (!db) throw new AppError('no_project', 'project potentials need an open project')
  const ids =
    choice.kind === 'potentials'
      ? choice.ids
      : (db.prepare('SELECT id FROM potentials WHERE ensemble = ? ORDER BY ensemble_index, id').pluck().all(choice.name) as number[])
  if (ids.length === 0) throw new AppError('not_found', `no potentials in ensemble "${choice.kind === 'ensemble' ? choice.name : ''}"`)
  let species: string[] | null = null
  const forceFields = ids.map((id): ForceField => {
    const p = getPotential(db, id)
    if (!p) throw new AppError('not_found', `no potential ${id}`)
    if (species && species.join(',') !== p.species.join(',')) {
      throw new AppError('invalid_input', `potential ${id} has species [${p.species.join(', ')}], the others [${species.join(', ')}]`)
    }
    species = p.species
    const path = join(workDir, `potential-${id}.mtp`)
    writeFileSync(path, p.mtpText)
    return { kind: 'mtp', label: p.name, path }
  })
  return { forceFields, species: species ?? [] }
}

export function evView(r: EvResult, label: string, dft: readonly DftEvPoint[]): EvResultView {
  let dftFit = null
  if (dft.length >= 5) {
    try {
      dftFit = fitBirchMurnaghan(dft)
    } catch {
      // DFT points that do not bracket a minimum are still shown, without a fit.
    }
  }
  return { ...r, structureLabel: label, dft: [...dft], dftFit }
}

export function elasticView(r: ElasticWorkflowResult, label: string): ElasticResultView {
  return {
    delta: r.delta,
    equilibrate: r.equilibrate,
    relaxIons: r.relaxIons,
    structureLabel: label,
    members: r.members.map((m) => ({ label: m.label, ...m.result, cellLengths: m.cellLengths, volumePerAtom: m.volumePerAtom, residualStress: m.residualStress })),
    c: r.ensemble.c,
    cubic: r.ensemble.cubic,
  }
}

function checkSpecies(structure: ParsedStructure, species: readonly string[]): void {
  const missing = [...new Set(structure.species ?? [])].filter((el) => !species.includes(el))
  if (missing.length) throw new AppError('invalid_input', `the potentials know [${species.join(', ')}], the structure also has ${missing.join(', ')}`)
}

interface Prepared {
  base: ResolvedBase
  forceFields: ForceField[]
  species: string[]
  workDir: string
  tracked: TrackedComputation
}

/**
 * Structure and force fields resolved in a work folder that is removed afterwards (also when the
 * computation is cancelled: nothing of it is kept), the engine jobs tracked for progress and cancel.
 */
async function withInputs<T>(
  engine: EngineAccess,
  db: Db | null,
  input: { structure: StrainBase; potentials: ForceFieldChoice },
  job: { kind: EvElasticKind; steps: number; options: ComputeOptions },
  f: (p: Prepared) => Promise<T>,
): Promise<T> {
  const workDir = mkdtempSync(join(job.options.workRoot ?? tmpdir(), 'mtp-studio-ev-'))
  const tracked = trackComputation(engine, job.kind, job.steps, job.options)
  try {
    const base = resolveBase(db, input.structure)
    const { forceFields, species } = resolveForceFields(db, input.potentials, workDir)
    checkSpecies(base.structure, species)
    return await f({ base, forceFields, species, workDir, tracked })
  } finally {
    tracked.close()
    rmSync(workDir, { recursive: true, force: true })
  }
}

export interface EvInput {
  structure: StrainBase
  potentials: ForceFieldChoice
  range: number
  points: number
  relaxIons: boolean
}

export function evForProject(engine: EngineAccess, db: Db | null, input: EvInput, options: ComputeOptions): Promise<EvResultView> {
  const steps = input.relaxIons ? 2 : 1
  return withInputs(engine, db, input, { kind: 'ev', steps, options }, async ({ base, forceFields, species, workDir, tracked }) => {
    const r = await runEv(tracked.run, { ...input, structure: base.structure, forceFields, species, atomsPerCubicCell: base.atomsPerCubicCell, workDir, onProgress: tracked.member })
    return evView(r, base.label, db ? dftEvPoints(db, base.structure) : [])
  })
}

export interface ElasticInput {
  structure: StrainBase
  potentials: ForceFieldChoice
  delta: number
  equilibrate: boolean
  relaxIons: boolean
}

export function elasticForProject(engine: EngineAccess, db: Db | null, input: ElasticInput, options: ComputeOptions): Promise<ElasticResultView> {
  // The unstrained cell (relaxed or not), then the strained cells (ions relaxed or not).
  const steps = (input.equilibrate ? 2 : 1) + (input.relaxIons ? 2 : 1)
  return withInputs(engine, db, input, { kind: 'elastic', steps, options }, async ({ base, forceFields, species, workDir, tracked }) => {
    const r = await runElastic(tracked.run, { ...input, structure: base.structure, forceFields, species, workDir, onProgress: tracked.member })
    return elasticView(r, base.label)
  })
}
