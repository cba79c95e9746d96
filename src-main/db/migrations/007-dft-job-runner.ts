/**
 * Who runs a local DFT job (issue 6: a killed process leaves the project consistent). A job is
 * 'running' only while a process of the local executor works on it; until now a project opened by
 * any process marked every 'running' job interrupted, even one another live process (`mtp-studio
 * jobs run`, the app) was running at that moment, and the processes of a job cut off by SIGKILL
 * (pw.x, mpirun and its ranks) ran on unseen. Now the row records the runner (pid, host) and the
 * job's process group with its leader's start time (/proc/<pid>/stat field 22), so opening a
 * project leaves live runners' jobs alone and stops the processes of a dead runner's jobs without
 * ever signalling a reused pid.
 */
import type { Migration } from '../migrate.js'

export const dftJobRunner: Migration = {
  version: 7,
  name: 'dft-job-runner',
  up(db) {
    db.exec(`
      ALTER TABLE dft_jobs ADD COLUMN runner_pid INTEGER;
      ALTER TABLE dft_jobs ADD COLUMN runner_host TEXT;
      ALTER TABLE dft_jobs ADD COLUMN process_group INTEGER;
      ALTER TABLE dft_jobs ADD COLUMN process_start TEXT;
    `)
  },
}
