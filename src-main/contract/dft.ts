/**
 * 'dft/preview-scripts': the Slurm and PBS array scripts an export would write, from the open
 * project's templates, before anything is written. 'dft/quarantined': imported DFT results the
 * quality gate kept out of training, with the reason and whether the user overrode it (the
 * override itself is 'data/override-quarantine'). 'dft/run-cancel' and 'dft:run-progress': cancel
 * and per-job progress of local runs ('dft/run'). The other 'dft/*' requests are in data.ts.
 */
import { z } from 'zod'
import type { RequestSpec } from './requests.js'

const request = <I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O): RequestSpec<I, O> => ({ doc, input, output })

export const schedulerOptions = z
  .object({ ntasks: z.number().int().positive().optional(), walltime: z.string().optional(), maxParallel: z.number().int().positive().optional(), run: z.string().optional() })
  .strict()

export const quarantinedResult = z.object({
  jobId: z.number().int(),
  batch: z.string(),
  folder: z.string().nullable(),
  /** The configuration the job computed. */
  configurationId: z.number().int(),
  /** The imported result. */
  resultConfigurationId: z.number().int(),
  formula: z.string(),
  reason: z.string(),
  /** True: let into training sets despite the reason. */
  override: z.boolean(),
})

export const dftPreviewRequests = {
  'dft/preview-scripts': request(
    'The submit.slurm and submit.pbs an export of `count` jobs would write (errors name the template and placeholder).',
    z
      .object({
        code: z.enum(['vasp', 'qe', 'eam']),
        count: z.number().int().min(1).max(1_000_000),
        batch: z.string().regex(/^[A-Za-z0-9._-]+$/).default('preview'),
        scheduler: schedulerOptions.optional(),
      })
      .strict(),
    z.object({ slurm: z.string(), pbs: z.string() }),
  ),
  'dft/run-cancel': request(
    'Cancels local DFT runs (this runId, else all): running processes killed, their jobs failed "interrupted: …" (re-runnable); jobs not started stay exported.',
    z.object({ runId: z.string().min(1).max(100).optional() }).strict(),
    z.object({ cancelled: z.number().int() }),
  ),
  'dft/quarantined': request('Imported DFT results in quarantine, newest job first, with the reason and the override flag.', z.object({}).strict(), z.array(quarantinedResult)),
} as const

export const dftRunEvents = {
  /**
   * Progress of a local run ('dft/run', about once a second while a job runs, and at each job's
   * end): jobs finished (imported or failed) of total, and per running job the seconds since it
   * started and the SCF iterations pw.x has printed so far (null for EAM jobs).
   */
  'dft:run-progress': z.object({
    runId: z.string(),
    total: z.number().int(),
    finished: z.number().int(),
    running: z.array(z.object({ jobId: z.number().int(), seconds: z.number(), scfIterations: z.number().int().nullable() })),
  }),
} as const
