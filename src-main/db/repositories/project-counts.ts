/** Counts of the project-data tables (schema 3) for the project summary. */
import type { Db } from '../connection.js'

export function projectDataCounts(db: Db): { quarantined: number; trainingSets: number; potentials: number; dftJobs: number } {
  const n = (sql: string) => db.prepare(sql).pluck().get() as number
  return {
    // The partial index configurations_quarantined makes this an index count.
    quarantined: n('SELECT COUNT(*) FROM configurations WHERE quarantine_reason IS NOT NULL'),
    trainingSets: n('SELECT COUNT(*) FROM training_sets'),
    potentials: n('SELECT COUNT(*) FROM potentials'),
    dftJobs: n('SELECT COUNT(*) FROM dft_jobs'),
  }
}
