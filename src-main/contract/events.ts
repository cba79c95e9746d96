/** Push events from the core to the renderer, keyed 'domain:event'. */
import { z } from 'zod'
import { jobView, projectSummary, recentProject } from './entities.js'
import { dataEvents } from './data.js'
import { alEvents } from './al.js'
import { trainingEvents } from './training.js'
import { hullCompareEvents } from './hull-compare.js'
import { evElasticEvents } from './ev-elastic.js'
import { dftRunEvents } from './dft.js'

export const events = {
  /** The current project changed (opened, created, closed). */
  'projects:current': z.object({ project: projectSummary.nullable() }),
  /** The recent-projects list changed. */
  'projects:recent': z.object({ recent: z.array(recentProject) }),
  /** A job changed state (started, finished, cancelled …). */
  'jobs:state': z.object({ job: jobView }),
  /** A progress line of a running job. */
  'jobs:progress': z.object({
    jobId: z.string(),
    stage: z.string(),
    done: z.number(),
    total: z.number(),
    extra: z.record(z.string(), z.unknown()),
  }),
  /** A log line of a running job (the engine's JSON `log` messages, not stderr). */
  'jobs:log': z.object({ jobId: z.string(), level: z.enum(['info', 'warn']), message: z.string() }),
  ...dataEvents,
  ...alEvents,
  ...trainingEvents,
  ...hullCompareEvents,
  ...evElasticEvents,
  ...dftRunEvents,
} as const

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<K extends EventName> = z.output<Events[K]>

export const eventNames = Object.keys(events) as EventName[]
export const isEventName = (name: string): name is EventName => Object.prototype.hasOwnProperty.call(events, name)
