/**
 * Every request the renderer can make, keyed 'domain/action', with a one-line doc, the input
 * schema (validated at the boundary by both adapters) and the output schema. Handlers live in
 * src-main/handlers; the Electron preload and the browser client are generated from this map.
 */
import { z } from 'zod'
import {
  appInfo,
  configurationDetail,
  configurationRow,
  engineInfo,
  jobView,
  projectSummary,
  recentProject,
} from './entities.js'
import { dataRequests } from './data.js'
import { analysisRequests } from './analysis.js'
import { settingsRequests } from './settings.js'
import { dftPreviewRequests } from './dft.js'
import { evElasticRequests } from './ev-elastic.js'
import { potentialRequests } from './potentials.js'
import { alRequests } from './al.js'
import { trainingRequests } from './training.js'
import { hullCompareRequests } from './hull-compare.js'

export interface RequestSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  doc: string
  input: I
  output: O
}

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({
  doc,
  input,
  output,
})

const none = z.object({}).strict()
const projectPath = z.string().min(1, 'a project path is required')

export const requests = {
  'app/info': request('Name, version, front door (electron|browser) and user directories of the running app.', none, appInfo),

  'engine/info': request(
    'Locates the native engine and runs its `version` subcommand; reports why it cannot be used, if so.',
    none,
    engineInfo,
  ),

  'projects/recent': request('Recently opened projects, newest first, with whether each file still exists.', none, z.array(recentProject)),
  'projects/create': request(
    'Creates a project file (in `directory`, default the projects folder, or at `path`) and opens it.',
    z
      .object({
        name: z.string().trim().min(1, 'a name is required').max(200),
        directory: z.string().min(1).optional(),
        path: z.string().min(1).optional(),
      })
      .strict(),
    projectSummary,
  ),
  'projects/open': request('Opens a project file (migrating it to the current schema) and makes it current.', z.object({ path: projectPath }).strict(), projectSummary),
  'projects/current': request('The currently open project, or null.', none, projectSummary.nullable()),
  'projects/close': request('Closes the current project; returns whether one was open.', none, z.object({ closed: z.boolean() })),
  'projects/forget': request('Removes a project from the recent list (the file is kept).', z.object({ path: projectPath }).strict(), z.array(recentProject)),

  'configurations/list': request(
    'A page of the current project’s configurations, optionally filtered by exact formula (e.g. "Mo54").',
    z
      .object({
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(1000).default(100),
        formula: z.string().min(1).optional(),
      })
      .strict(),
    z.object({ total: z.number().int(), items: z.array(configurationRow) }),
  ),
  'configurations/get': request(
    'One configuration with cell, species, positions, reference energy/forces/virial and provenance.',
    z.object({ id: z.number().int().positive() }).strict(),
    configurationDetail,
  ),

  'jobs/list': request('Engine jobs of this session, newest first.', none, z.array(jobView)),
  'jobs/cancel': request('Cancels a running job (SIGTERM, then SIGKILL after a grace period).', z.object({ id: z.string().min(1) }).strict(), jobView),
  'jobs/log': request(
    'The tail of a job’s stderr log (at most `maxBytes`).',
    z.object({ id: z.string().min(1), maxBytes: z.number().int().min(1).max(1_000_000).default(65_536) }).strict(),
    z.object({ text: z.string(), truncated: z.boolean() }),
  ),

  ...dataRequests,
  ...analysisRequests,
  ...settingsRequests,
  ...dftPreviewRequests,
  ...evElasticRequests,
  ...potentialRequests,
  ...alRequests,
  ...trainingRequests,
  ...hullCompareRequests,
} as const

export type Requests = typeof requests
export type RequestName = keyof Requests
export type RequestInput<K extends RequestName> = z.input<Requests[K]['input']>
export type ParsedRequestInput<K extends RequestName> = z.output<Requests[K]['input']>
export type RequestOutput<K extends RequestName> = z.output<Requests[K]['output']>

export const requestNames = Object.keys(requests) as RequestName[]

export const isRequestName = (name: string): name is RequestName => Object.prototype.hasOwnProperty.call(requests, name)
