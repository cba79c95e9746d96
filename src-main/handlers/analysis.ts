import type { Studio } from '../app/studio.js'
import { computeHull } from '../analysis/hull.js'
import { hullEntriesFromProject } from '../analysis/hull-input.js'
import { AppError } from '../contract/errors.js'
import type { HandlerGroup } from './types.js'

export const analysisHandlers = (studio: Studio): HandlerGroup<'analysis'> => ({
  'analysis/hull': ({ elements, references, tolerance }) => {
    const entries = hullEntriesFromProject(studio.requireProject().db)
    if (entries.length === 0) throw new AppError('invalid_input', 'the project has no configurations with energies')
    try {
      return computeHull(entries, { elements, references, tolerance })
    } catch (e) {
      throw new AppError('invalid_input', (e as Error).message)
    }
  },
})
