import type { Studio } from '../app/studio.js'
import type { HandlerGroup } from './types.js'

export const jobHandlers = (studio: Studio): HandlerGroup<'jobs'> => ({
  'jobs/list': () => studio.supervisor.list(),
  'jobs/cancel': ({ id }) => studio.supervisor.cancel(id),
  'jobs/log': ({ id, maxBytes }) => studio.supervisor.readLog(id, maxBytes),
})
