/**
 * The built-in example projects, each created once per MTP Studio home (the user may delete them;
 * they are not recreated):
 *  - "Example: Mo (mlearn)": resources/example/mo-example.cfg, 8 Mo cells with DFT energies,
 *    forces and stresses;
 *  - "Example: Ag–Pd active learning (EAM)": resources/example/agpd-candidates.cfg, 71 unrelaxed
 *    fcc-, bcc- and hcp-derived Ag–Pd cells (≤ 4 atoms) tagged 'agpd-candidates', and a draft
 *    campaign on them with the built-in EAM as the reference, ready to start — no DFT needed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCfgText } from '../io/cfg-reader.js'
import { insertConfigurations } from '../db/repositories/configurations.js'
import { tagConfigurations } from '../db/repositories/tags.js'
import { createCampaign } from '../al/create.js'
import { PROJECT_EXTENSION, resourcesDir } from '../paths.js'
import { Project } from './project.js'
import type { RecentProjects } from './recent.js'

export const EXAMPLE_NAME = 'Example: Mo (mlearn)'
const EXAMPLE_CFG = 'mo-example.cfg'
/** MLIP type index → element for the example file. */
const EXAMPLE_SPECIES = ['Mo']

export const AGPD_EXAMPLE_NAME = 'Example: Ag–Pd active learning (EAM)'
const AGPD_CFG = 'agpd-candidates.cfg'
/** MLIP type index → element in agpd-candidates.cfg (`mtp-engine enumerate --elements Ag,Pd`). */
const AGPD_SPECIES = ['Ag', 'Pd']
export const AGPD_CANDIDATE_TAG = 'agpd-candidates'

interface StudioState {
  exampleCreatedAt?: string
  examplePath?: string
  agpdExampleCreatedAt?: string
  agpdExamplePath?: string
}

const stateFile = (home: string) => join(home, 'state.json')

function readState(home: string): StudioState {
  try {
    return JSON.parse(readFileSync(stateFile(home), 'utf8')) as StudioState
  } catch {
    return {}
  }
}

/** Builds the example project at `path` from the bundled .cfg. */
export function createExampleProject(path: string): Project {
  const cfgPath = join(resourcesDir(), 'example', EXAMPLE_CFG)
  const frames = parseCfgText(readFileSync(cfgPath, 'utf8'), EXAMPLE_CFG, { species: EXAMPLE_SPECIES })
  const project = Project.create(path, EXAMPLE_NAME)
  try {
    insertConfigurations(project.db, frames, { typeElements: EXAMPLE_SPECIES })
  } catch (e) {
    project.close()
    throw e
  }
  return project
}

/**
 * Builds the Ag–Pd active-learning example at `path`: the candidates (label = lattice, composition
 * and enumeration id) and a draft campaign — level 8, γ_select 2, γ_break 10, 8 initial
 * configurations, Zhou 2004 EAM as the reference — that converges in a few minutes.
 */
export function createAgPdExampleProject(path: string): Project {
  const cfgPath = join(resourcesDir(), 'example', AGPD_CFG)
  const frames = parseCfgText(readFileSync(cfgPath, 'utf8'), AGPD_CFG, { species: AGPD_SPECIES })
  for (const f of frames) f.provenance.label = `${f.features.enum_lattice} ${f.features.composition} (${f.features.enum_id})`
  const project = Project.create(path, AGPD_EXAMPLE_NAME)
  try {
    project.db.transaction(() => {
      const ids = insertConfigurations(project.db, frames, { typeElements: AGPD_SPECIES })
      tagConfigurations(project.db, AGPD_CANDIDATE_TAG, ids)
      createCampaign(project.db, {
        name: 'Ag–Pd hull candidates (EAM reference)',
        elements: AGPD_SPECIES,
        candidates: { tag: AGPD_CANDIDATE_TAG },
        reference: { kind: 'eam' },
        level: 8,
        initialSize: 8,
        gammaSelect: 2,
        gammaBreak: 10,
        seed: 1,
      })
    })()
  } catch (e) {
    project.close()
    throw e
  }
  return project
}

function freePath(dir: string, stem: string): string {
  let path = join(dir, `${stem}${PROJECT_EXTENSION}`)
  for (let k = 2; existsSync(path); k++) path = join(dir, `${stem}-${k}${PROJECT_EXTENSION}`)
  return path
}

/**
 * Creates the example projects on the first start of this MTP Studio home (the Ag–Pd one also in
 * homes made before it existed) and adds them to the recent list, the Mo example on top. Returns
 * the Mo example's path when it was created now, otherwise null.
 */
export function ensureExampleProject(home: string, recent: RecentProjects): string | null {
  let state = readState(home)
  const dir = join(home, 'projects')
  mkdirSync(dir, { recursive: true })
  const save = (s: StudioState) => writeFileSync(stateFile(home), JSON.stringify(s, null, 2))
  if (!state.agpdExampleCreatedAt) {
    const path = freePath(dir, 'example-agpd')
    createAgPdExampleProject(path).close()
    recent.touch(path, AGPD_EXAMPLE_NAME, { example: true })
    save((state = { ...state, agpdExampleCreatedAt: new Date().toISOString(), agpdExamplePath: path }))
  }
  if (state.exampleCreatedAt) return null
  const path = freePath(dir, 'example-mo')
  createExampleProject(path).close()
  recent.touch(path, EXAMPLE_NAME, { example: true })
  save({ ...state, exampleCreatedAt: new Date().toISOString(), examplePath: path })
  return path
}
