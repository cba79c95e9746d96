/**
 * Requests of the 'settings' domain. App settings live in the user's MTP Studio directory
 * (settings.json: the same for every project): pw.x and mpirun, MPI ranks and parallel DFT jobs
 * of the local executor, engine threads, theme. Job templates (INCAR, Slurm, PBS) are project
 * settings, so a project carries its own site's scripts. Spread into the request map.
 */
import { z } from 'zod'
import type { RequestSpec } from './requests.js'

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({ doc, input, output })

const command = z.string().trim().min(1).max(1000)

export const appSettings = z.object({
  /** pw.x executable; null: `pw.x` found on PATH. */
  pwCommand: command.nullable(),
  /** mpirun executable for local pw.x runs; null: pw.x runs without MPI. */
  mpirunCommand: command.nullable(),
  /** MPI ranks per local pw.x run (with mpirun). */
  mpiRanks: z.number().int().min(1).max(4096),
  /** Local DFT jobs running at once. */
  dftConcurrency: z.number().int().min(1).max(64),
  /** Worker threads of every engine run that does not choose its own; null: all cores. */
  engineThreads: z.number().int().min(1).max(1024).nullable(),
  theme: z.enum(['light', 'dark', 'system']),
})

export type AppSettings = z.infer<typeof appSettings>

export const DEFAULT_APP_SETTINGS: AppSettings = { pwCommand: null, mpirunCommand: null, mpiRanks: 1, dftConcurrency: 1, engineThreads: null, theme: 'system' }

export const templateName = z.enum(['incar', 'slurm', 'pbs'])

export const jobTemplate = z.object({
  name: templateName,
  text: z.string(),
  /** False: the built-in template. */
  custom: z.boolean(),
  /** The {{placeholders}} this template may use, with what each stands for. */
  placeholders: z.record(z.string(), z.string()),
})

export const settingsRequests = {
  'settings/get': request('The app settings (user directory), with defaults for anything never set.', z.object({}).strict(), appSettings),
  'settings/update': request(
    'Changes some app settings; commands must exist (absolute path or found on PATH). Returns all settings.',
    appSettings.partial().strict(),
    appSettings,
  ),
  'settings/resolve-command': request(
    'Where a command (absolute path or a name on PATH) resolves to as an executable file; path null if nowhere.',
    z.object({ command: command }).strict(),
    z.object({ command: z.string(), path: z.string().nullable() }),
  ),
  'settings/templates': request('The open project’s job templates (INCAR, Slurm, PBS), custom or built-in.', z.object({}).strict(), z.array(jobTemplate)),
  'settings/set-template': request(
    'Stores a job template in the open project (text null: back to the built-in one); unknown placeholders are refused.',
    z.object({ name: templateName, text: z.string().max(100_000).nullable() }).strict(),
    jobTemplate,
  ),
} as const
