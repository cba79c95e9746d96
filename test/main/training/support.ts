// A small Mo project (the bundled example: 8 cells with energies, forces and stresses), one
// training-set version of it, and a training host over the real engine.
import { join } from 'node:path'
import { EventBus } from '../../../src-main/app/event-bus'
import { createTrainingSetVersion } from '../../../src-main/db/repositories/training-sets'
import { defaultEnginePath } from '../../../src-main/engine/locate'
import { EngineSupervisor } from '../../../src-main/engine/supervisor'
import { createExampleProject } from '../../../src-main/projects/example'
import type { Project } from '../../../src-main/projects/project'
import type { TrainingHost } from '../../../src-main/training/service'

export const engine = process.env.MTP_ENGINE_BIN ?? defaultEnginePath()

export interface MoFixture {
  project: Project
  setId: number
  host: TrainingHost & { events: EventBus; supervisor: EngineSupervisor }
}

export function moProject(dir: string): MoFixture {
  const project = createExampleProject(join(dir, 'mo.mtpstudio'))
  const set = createTrainingSetVersion(project.db, { name: 'Mo', filter: {} })
  const supervisor = new EngineSupervisor({ enginePath: () => engine, logDir: join(dir, 'logs'), graceMs: 2000 })
  return { project, setId: set.id, host: { requireProject: () => project, supervisor, events: new EventBus() } }
}

/** Short, single-threaded training options for tests (the machine's 2 cores are shared). */
export const quick = { level: 4, maxIterations: 6, threads: 1, validationFraction: 0.25, seed: 3 } as const
