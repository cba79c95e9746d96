import type { Studio } from '../app/studio.js'
import { configurationSources, projectHullColumns } from '../analysis/hull-reply.js'
import { AppError } from '../contract/errors.js'
import type { Handlers } from './types.js'

// 'analysis/ev' and 'analysis/elastic' are in ./ev-elastic.ts.
export const analysisHandlers = (studio: Studio): Pick<Handlers, 'analysis/hull' | 'analysis/hull-sources'> => ({
  'analysis/hull': ({ elements, references, tolerance }) => {
    const db = studio.requireProject().db
    try {
      return projectHullColumns(db, { elements, references, tolerance })
    } catch (e) {
      throw new AppError('invalid_input', (e as Error).message)
    }
  },
  'analysis/hull-sources': ({ ids }) => configurationSources(studio.requireProject().db, ids),
})
