/**
 * Requests and events of the project-data domains: 'data/*' (filtered configuration pages, tags,
 * quarantine overrides, training-set versions), 'import/*', 'export/*' and 'dft/*' (job folders,
 * the local executor, results import). Spread into the request and event maps.
 * Units: Å, eV, eV/Å; energies per atom in eV/atom; k-spacing in Å⁻¹ (2π included); cutoffs in Ry
 * (QE) and eV (VASP).
 */
import { z } from 'zod'
import { configurationRow } from './entities.js'
import type { RequestSpec } from './requests.js'

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({ doc, input, output })

const none = z.object({}).strict()
const id = z.number().int().positive()
const elements = z.array(z.string().min(1).max(3))

export const configurationFilter = z
  .object({
    formulas: z.array(z.string().min(1)).optional(),
    elements: elements.optional(),
    onlyElements: elements.optional(),
    sourceId: id.optional(),
    source: z.string().min(1).optional(),
    tag: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    energyMin: z.number().optional(),
    energyMax: z.number().optional(),
    hasForces: z.boolean().optional(),
    hasVirial: z.boolean().optional(),
    quarantined: z.boolean().optional(),
    duplicate: z.boolean().optional(),
    dftJobId: id.optional(),
    ids: z.array(id).max(100_000).optional(),
  })
  .strict()

export const configurationPageRow = configurationRow.extend({
  quarantineReason: z.string().nullable(),
  duplicateOf: z.number().int().nullable(),
})

const trainingSetVersion = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  parentId: z.number().int().nullable(),
  description: z.string(),
  selection: z.unknown(),
  size: z.number().int(),
  digest: z.string(),
  createdAt: z.string(),
})

const importedFile = z.object({
  file: z.string(),
  format: z.string(),
  sourceId: z.number().int(),
  frames: z.number().int(),
  stored: z.number().int(),
  quarantined: z.number().int(),
  duplicates: z.number().int(),
  skippedDuplicates: z.number().int(),
  reasons: z.record(z.string(), z.number().int()),
  warnings: z.array(z.string()),
})

/** A file that was not imported: where the reader stopped and why. */
const failedFile = z.object({ file: z.string(), line: z.number().int().nullable(), field: z.string().nullable(), message: z.string() })

const dftState = z.enum(['draft', 'exported', 'running', 'done', 'failed', 'imported'])
const dftCode = z.enum(['vasp', 'qe', 'eam'])

export const dftJob = z.object({
  id: z.number().int(),
  batch: z.string(),
  configurationId: z.number().int(),
  code: dftCode,
  state: dftState,
  folder: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  resultConfigurationId: z.number().int().nullable(),
  exitCode: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

const jobOutcome = z.object({
  jobId: z.number().int(),
  state: z.enum(['imported', 'failed']),
  resultConfigurationId: z.number().int().nullable(),
  quarantineReason: z.string().nullable(),
  error: z.string().nullable(),
})

const namelist = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
const positive = z.number().positive()
const absolutePath = z.string().min(1).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path')

export const dataRequests = {
  'data/list': request(
    'A page of configurations matching a filter, in id order; `after` = last id of the previous page (keyset) or `offset`.',
    z
      .object({
        filter: configurationFilter.default({}),
        after: z.number().int().nonnegative().optional(),
        offset: z.number().int().nonnegative().optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        withTotal: z.boolean().default(false),
      })
      .strict(),
    z.object({ items: z.array(configurationPageRow), total: z.number().int().nullable(), nextAfter: z.number().int().nullable() }),
  ),
  'data/tag': request(
    'Adds (or with remove, takes away) a tag on configurations; returns how many links changed.',
    z.object({ tag: z.string().trim().min(1).max(100), ids: z.array(id).min(1), remove: z.boolean().default(false) }).strict(),
    z.object({ changed: z.number().int() }),
  ),
  'data/override-quarantine': request(
    'Lets quarantined configurations into future training-set versions (override true) or not.',
    z.object({ ids: z.array(id).min(1), override: z.boolean() }).strict(),
    z.object({ changed: z.number().int() }),
  ),
  'data/training-sets': request('Every training-set version, by name and version.', none, z.array(trainingSetVersion)),
  'data/create-training-set': request(
    'Snapshots the trainable configurations matching a filter as the next immutable version of a named set.',
    z
      .object({
        name: z.string().trim().min(1).max(200),
        filter: configurationFilter.default({}),
        description: z.string().max(2000).optional(),
        weights: z.object({ energy: z.number().nonnegative(), forces: z.number().nonnegative(), stress: z.number().nonnegative() }).partial().optional(),
      })
      .strict(),
    trainingSetVersion,
  ),

  'import/files': request(
    'Imports files (folders are searched for known formats), each in one transaction (all frames or none); progress as import:progress events; cancellable (import/cancel).',
    z
      .object({
        paths: z.array(absolutePath).min(1),
        species: elements.optional(),
        format: z.enum(['cfg', 'extxyz', 'poscar', 'outcar', 'vasprun', 'qe-output', 'mlearn-json', 'lammps-data']).optional(),
        energy: z.enum(['free', 'sigma0']).optional(),
        /** extxyz reference-key prefix, e.g. 'REF_'. */
        prefix: z.string().optional(),
        expectForces: z.boolean().default(false),
        expectStress: z.boolean().default(false),
        group: z.string().min(1).optional(),
        tags: z.array(z.string().min(1)).optional(),
        skipDuplicates: z.boolean().default(false),
        /** Chosen by the client for import/cancel. */
        importId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    z.object({
      imported: z.array(importedFile),
      failed: z.array(failedFile),
      /** Present when the import was cancelled: the file it stopped in (rolled back) and the files not started; those imported before stay. */
      cancelled: z.object({ file: z.string(), notStarted: z.array(z.string()) }).optional(),
    }),
  ),
  'import/cancel': request(
    'Stops a running import: the file being read is rolled back, the files imported before it stay, the rest are not started.',
    z.object({ importId: z.string().min(1).max(100) }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),

  'export/configurations': request(
    'Writes matching configurations as .cfg or extxyz (one file) or POSCAR, pw.x input, LAMMPS data (one file each in a folder).',
    z
      .object({
        format: z.enum(['cfg', 'extxyz', 'poscar', 'qe', 'lammps']),
        out: absolutePath,
        filter: configurationFilter.default({}),
        lossless: z.boolean().default(false),
        prefix: z.string().optional(),
        qe: z
          .object({ pseudopotentials: z.record(z.string(), z.string()), pseudoDir: z.string(), ecutwfc: positive, ecutrho: positive.optional(), kspacing: positive })
          .strict()
          .optional(),
      })
      .strict(),
    z.object({ format: z.string(), count: z.number().int(), out: z.string() }),
  ),

  'dft/export': request(
    'Exports configurations as DFT job folders (VASP, QE or the EAM reference) with Slurm and PBS array scripts.',
    z
      .object({
        code: dftCode,
        filter: configurationFilter.refine((f) => Object.keys(f).length > 0, 'choose the configurations with a filter (e.g. ids or a tag)'),
        out: absolutePath,
        batch: z.string().regex(/^[A-Za-z0-9._-]+$/).optional(),
        qe: z
          .object({
            pseudopotentials: z.record(z.string(), z.string()),
            pseudoDir: z.string(),
            ecutwfc: positive,
            ecutrho: positive.optional(),
            kspacing: positive,
            convThr: positive.optional(),
            system: namelist.optional(),
            electrons: namelist.optional(),
          })
          .strict()
          .optional(),
        vasp: z.object({ encut: positive, kspacing: positive, potcar: z.record(z.string(), z.string()).optional(), incar: z.string().optional() }).strict().optional(),
        scheduler: z.object({ ntasks: z.number().int().positive().optional(), walltime: z.string().optional(), maxParallel: z.number().int().positive().optional(), run: z.string().optional() }).strict().optional(),
      })
      .strict(),
    z.object({ batch: z.string(), folder: z.string(), jobIds: z.array(z.number().int()) }),
  ),
  'dft/list': request(
    'DFT jobs, optionally of one batch or in one state.',
    z.object({ batch: z.string().optional(), state: dftState.optional() }).strict(),
    z.array(dftJob),
  ),
  'dft/run': request(
    'Runs exported QE / EAM jobs on this machine (at most `concurrency` at once) and imports the results in job order; cancellable (dft/run-cancel).',
    z
      .object({
        jobIds: z.array(id).min(1),
        concurrency: z.number().int().min(1).max(64).default(1),
        pwCommand: z.string().optional(),
        /** Chosen by the client for dft:run-progress and dft/run-cancel; default generated. */
        runId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    z.array(jobOutcome),
  ),
  'dft/import-results': request(
    'Imports the results in job folders run elsewhere (matched by their job.json).',
    z.object({ folder: absolutePath }).strict(),
    z.object({ outcomes: z.array(jobOutcome), skipped: z.array(z.object({ dir: z.string(), reason: z.string() })) }),
  ),
} as const

export const dataEvents = {
  /** Bytes and frames read of a file being imported. */
  'import:progress': z.object({ file: z.string(), fileIndex: z.number().int(), files: z.number().int(), bytesRead: z.number(), totalBytes: z.number(), frames: z.number().int() }),
  /** A DFT job changed state (exported, running, done, failed, imported). */
  'dft:job': z.object({ job: dftJob }),
} as const
