/**
 * 'dft/run' and 'dft/run-cancel': QE / EAM jobs run on this machine (dft/local-executor.ts), each
 * run kept by its runId so it can be cancelled while its request is pending, with 'dft:job' events
 * at every state change and 'dft:run-progress' about once a second.
 */
import type { Studio } from '../app/studio.js'
import { loadAppSettings } from '../app/app-settings.js'
import { AppError } from '../contract/errors.js'
import { getDftJob } from '../db/repositories/dft-jobs.js'
import { runJobsLocally } from '../dft/local-executor.js'
import { LiveComputations } from '../engine/cancellable-runner.js'
import { asInputError } from './data.js'
import type { Handlers } from './types.js'

/** Why the cancelled jobs stopped, in their error after "interrupted: stopped …: ". */
export const CANCEL_REASON = 'cancelled by the user (run it again to compute it)'

export const dftRunHandlers = (studio: Studio): Pick<Handlers, 'dft/run' | 'dft/run-cancel'> => {
  const runs = new LiveComputations()
  return {
    'dft/run': ({ jobIds, concurrency, pwCommand, runId }) => {
      const { db } = studio.requireProject()
      for (const id of jobIds) if (!getDftJob(db, id)) throw new AppError('not_found', `no DFT job ${id}`)
      // Not queued as a whole: the executor queues each of its writes, so other requests can
      // write between jobs while pw.x runs.
      // pw.x and mpirun as set on the Settings page unless the request names a pw.x.
      const settings = loadAppSettings(studio.home)
      const mpirun = settings.mpirunCommand ? { command: settings.mpirunCommand, ranks: settings.mpiRanks } : undefined
      return runs.run(runId, (signal, id) =>
        asInputError(() =>
          runJobsLocally(db, jobIds, {
            concurrency,
            pwCommand: pwCommand ?? settings.pwCommand ?? undefined,
            mpirun,
            env: studio.env,
            engine: studio.enginePath(),
            signal,
            onState: (job) => studio.events.emit('dft:job', { job }),
            onProgress: (p) => studio.events.emit('dft:run-progress', { runId: id, ...p }),
          }),
        ),
      )
    },
    'dft/run-cancel': ({ runId }) => ({ cancelled: runId === undefined ? runs.cancelAll(CANCEL_REASON) : Number(runs.cancel(runId, CANCEL_REASON)) }),
  }
}
