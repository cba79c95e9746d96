/**
 * Handlers of 'data/*', 'export/*' and 'dft/*' (imports: import.ts, local runs: dft-run.ts). Requests that write project data go
 * through the connection's write queue (db/write-queue.ts): an import keeps its file's
 * transaction open across the reader's awaits, and no other write may land inside it.
 */
import type { Studio } from '../app/studio.js'
import { AppError } from '../contract/errors.js'
import { withWriteLock } from '../db/write-queue.js'
import { countMatching, iterateIds, pageConfigurations } from '../db/repositories/configuration-query.js'
import { getDftJob, listDftJobs } from '../db/repositories/dft-jobs.js'
import { tagConfigurations, untagConfigurations } from '../db/repositories/tags.js'
import { createTrainingSetVersion, listTrainingSets, overrideQuarantine } from '../db/repositories/training-sets.js'
import { exportConfigurations } from '../data/export.js'
import { exportDftJobs } from '../dft/export-jobs.js'
import { importResultsFolder } from '../dft/import-results.js'
import type { HandlerGroup, Handlers } from './types.js'

const serialized = withWriteLock

/** Library errors (bad template, no pseudopotential, illegal state) as input errors for the user. */
export async function asInputError<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f()
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError('invalid_input', e instanceof Error ? e.message : String(e))
  }
}

type DataGroups = HandlerGroup<'data'> & HandlerGroup<'export'> & Pick<Handlers, 'dft/export' | 'dft/list' | 'dft/import-results'>

export const dataHandlers = (studio: Studio): DataGroups => ({
  'data/list': ({ filter, after, offset, limit, withTotal }) => {
    const { db } = studio.requireProject()
    const items = pageConfigurations(db, filter, { after, offset, limit })
    return {
      items,
      total: withTotal ? countMatching(db, filter) : null,
      nextAfter: items.length === limit ? items[items.length - 1].id : null,
    }
  },

  'data/tag': ({ tag, ids, remove }) => {
    const { db } = studio.requireProject()
    return serialized(db, () => ({ changed: remove ? untagConfigurations(db, tag, ids) : tagConfigurations(db, tag, ids) }))
  },

  'data/override-quarantine': ({ ids, override }) => {
    const { db } = studio.requireProject()
    return serialized(db, () => ({ changed: overrideQuarantine(db, ids, override) }))
  },

  'data/training-sets': () => listTrainingSets(studio.requireProject().db),

  'data/create-training-set': ({ name, filter, description, weights }) => {
    const { db } = studio.requireProject()
    return serialized(db, () => createTrainingSetVersion(db, { name, filter, description, weights }))
  },

  // Queued too: on the shared connection a read during an import would see its uncommitted frames.
  'export/configurations': (input) => {
    const { db } = studio.requireProject()
    return serialized(db, () => asInputError(() => exportConfigurations(db, input)))
  },

  'dft/export': (input) => {
    const { db } = studio.requireProject()
    return serialized(db, () =>
      asInputError(() => {
        const ids = [...iterateIds(db, input.filter)].flat()
        const r = exportDftJobs(db, { ...input, configurationIds: ids })
        for (const id of r.jobIds) studio.events.emit('dft:job', { job: getDftJob(db, id)! })
        return r
      }),
    )
  },

  'dft/list': ({ batch, state }) => listDftJobs(studio.requireProject().db, { batch, state }),

  'dft/import-results': ({ folder }) => {
    const { db } = studio.requireProject()
    return serialized(db, () => asInputError(() => importResultsFolder(db, folder)))
  },
})
