/**
 * Shapes that cross the renderer ↔ core boundary. Units: Å, eV, eV/Å; `virial` is MLIP's
 * PlusStress in eV (−V·σ, compressive positive), Voigt order xx yy zz yz xz xy.
 */
import { z } from 'zod'

export const projectCounts = z.object({
  configurations: z.number().int(),
  species: z.number().int(),
  engineRuns: z.number().int(),
  /** Configurations kept out of training by the import quality gate. */
  quarantined: z.number().int(),
  /** Training-set versions, potentials and DFT jobs (schema 3). */
  trainingSets: z.number().int(),
  potentials: z.number().int(),
  dftJobs: z.number().int(),
})

export const projectSummary = z.object({
  path: z.string(),
  name: z.string(),
  /** Highest applied migration; a file newer than this app is refused. */
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  /** Element symbols in type-index order (the project's species map). */
  species: z.array(z.string()),
  counts: projectCounts,
})
export type ProjectSummary = z.infer<typeof projectSummary>

export const recentProject = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
  /** False when the file has been moved or deleted since it was last opened. */
  exists: z.boolean(),
  example: z.boolean(),
})
export type RecentProject = z.infer<typeof recentProject>

export const configurationRow = z.object({
  id: z.number().int(),
  natoms: z.number().int(),
  formula: z.string(),
  energy: z.number().nullable(),
  energyPerAtom: z.number().nullable(),
  hasForces: z.boolean(),
  hasVirial: z.boolean(),
  sourceFile: z.string().nullable(),
  sourceFrame: z.number().int().nullable(),
  label: z.string().nullable(),
})
export type ConfigurationRow = z.infer<typeof configurationRow>

const vec3 = z.tuple([z.number(), z.number(), z.number()])

export const configurationDetail = configurationRow.extend({
  /** Lattice vectors as rows, Å; null for a non-periodic direction. */
  cell: z.tuple([vec3.nullable(), vec3.nullable(), vec3.nullable()]),
  /** Element symbol per atom. */
  species: z.array(z.string()),
  /** Cartesian positions, Å, one [x, y, z] per atom. */
  positions: z.array(vec3),
  forces: z.array(vec3).nullable(),
  virial: z.array(z.number()).length(6).nullable(),
  energyKind: z.string().nullable(),
  parser: z.string().nullable(),
  dftCode: z.string().nullable(),
  features: z.record(z.string(), z.string()),
})
export type ConfigurationDetail = z.infer<typeof configurationDetail>

export const jobProgress = z.object({
  stage: z.string(),
  done: z.number(),
  total: z.number(),
  extra: z.record(z.string(), z.unknown()),
})
export type JobProgress = z.infer<typeof jobProgress>

export const jobError = z.object({
  code: z.string(),
  message: z.string(),
  file: z.string().nullable().optional(),
  line: z.number().nullable().optional(),
  field: z.string().nullable().optional(),
})

/** A job's state; the `status` names the union member (see `isTerminalJobStatus`). */
export const jobState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('starting') }),
  z.object({ status: z.literal('running'), pid: z.number().int(), startedAt: z.string(), progress: jobProgress.nullable() }),
  z.object({ status: z.literal('cancelling'), pid: z.number().int(), startedAt: z.string() }),
  z.object({ status: z.literal('succeeded'), finishedAt: z.string(), result: z.record(z.string(), z.unknown()) }),
  z.object({
    status: z.literal('failed'),
    finishedAt: z.string(),
    error: jobError,
    exitCode: z.number().int().nullable(),
    signal: z.string().nullable(),
  }),
  z.object({ status: z.literal('cancelled'), finishedAt: z.string() }),
])
export type JobState = z.infer<typeof jobState>
export type JobStatus = JobState['status']

const terminalStatuses: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled'])
export const isTerminalJobStatus = (s: JobStatus): boolean => terminalStatuses.has(s)
export const isTerminal = (state: JobState): boolean => isTerminalJobStatus(state.status)

export const jobView = z.object({
  id: z.string(),
  /** The engine subcommand (train, calc-efs, …). */
  command: z.string(),
  args: z.array(z.string()),
  label: z.string(),
  createdAt: z.string(),
  state: jobState,
  /** The engine's stderr for this job. */
  logPath: z.string(),
})
export type JobView = z.infer<typeof jobView>

export const engineInfo = z.object({
  path: z.string(),
  found: z.boolean(),
  engineVersion: z.string().nullable(),
  protocolVersion: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** Why the engine cannot be used (not built, protocol mismatch, …); null when it works. */
  problem: z.string().nullable(),
})
export type EngineInfo = z.infer<typeof engineInfo>

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
  /** User config dir (recent list, example project); MTP_STUDIO_HOME overrides it. */
  home: z.string(),
  /** Where new projects go when no directory is given. */
  projectsDir: z.string(),
  platform: z.string(),
  nodeVersion: z.string(),
})
export type AppInfo = z.infer<typeof appInfo>
