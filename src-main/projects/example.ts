/**
 * The built-in example project, created once on first start (the user may delete it; it is not
 * recreated). Its configurations come from resources/example/mo-example.cfg (8 Mo cells with DFT
 * energies, forces and stresses).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCfgText } from '../io/cfg-reader.js'
import { insertConfigurations } from '../db/repositories/configurations.js'
import { PROJECT_EXTENSION, resourcesDir } from '../paths.js'
import { Project } from './project.js'
import type { RecentProjects } from './recent.js'

export const EXAMPLE_NAME = 'Example: Mo (mlearn)'
const EXAMPLE_CFG = 'mo-example.cfg'
/** MLIP type index → element for the example file. */
const EXAMPLE_SPECIES = ['Mo']

interface StudioState {
  exampleCreatedAt?: string
  examplePath?: string
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
 * Creates the example project on the first start of this MTP Studio home and adds it to the
 * recent list. Returns its path when created now, otherwise null.
 */
export function ensureExampleProject(home: string, recent: RecentProjects): string | null {
  const state = readState(home)
  if (state.exampleCreatedAt) return null
  const dir = join(home, 'projects')
  mkdirSync(dir, { recursive: true })
  let path = join(dir, `example-mo${PROJECT_EXTENSION}`)
  for (let k = 2; existsSync(path); k++) path = join(dir, `example-mo-${k}${PROJECT_EXTENSION}`)
  createExampleProject(path).close()
  recent.touch(path, EXAMPLE_NAME, { example: true })
  writeFileSync(stateFile(home), JSON.stringify({ ...state, exampleCreatedAt: new Date().toISOString(), examplePath: path }, null, 2))
  return path
}
