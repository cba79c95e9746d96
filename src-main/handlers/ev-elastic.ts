import type { Studio } from '../app/studio.js'
import { elasticForProject, evForProject } from '../analysis/ev-elastic-service.js'
import { AppError } from '../contract/errors.js'
import { engineRunner } from '../engine/run-result.js'
import type { Handlers } from './types.js'

/** Workflow errors that are not AppErrors (a fit without a minimum, a bad strain) are the user's input. */
async function asInputError<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f()
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError('invalid_input', (e as Error).message)
  }
}

export const evElasticHandlers = (studio: Studio): Pick<Handlers, 'analysis/ev' | 'analysis/elastic'> => {
  // Every engine step is a job of the project: it shows in the jobs menu and can be cancelled there.
  const run = engineRunner((o) => studio.startProjectJob(o))
  return {
    'analysis/ev': (input) => asInputError(() => evForProject(run, studio.requireProject().db, input)),
    'analysis/elastic': (input) => asInputError(() => elasticForProject(run, studio.requireProject().db, input)),
  }
}
