/** Imported DFT results that the quality gate quarantined (see import-results.ts), for review. */
import type { Db } from '../db/connection.js'

export interface QuarantinedResult {
  jobId: number
  batch: string
  folder: string | null
  configurationId: number
  resultConfigurationId: number
  formula: string
  reason: string
  override: boolean
}

export function quarantinedResults(db: Db): QuarantinedResult[] {
  const rows = db
    .prepare(
      `SELECT j.id AS jobId, j.batch AS batch, j.folder AS folder, j.configuration_id AS configurationId,
              c.id AS resultConfigurationId, c.formula AS formula, c.quarantine_reason AS reason, c.quarantine_override AS override
       FROM dft_jobs j JOIN configurations c ON c.id = j.result_configuration_id
       WHERE c.quarantine_reason IS NOT NULL ORDER BY j.id DESC`,
    )
    .all() as (Omit<QuarantinedResult, 'override'> & { override: number })[]
  return rows.map((r) => ({ ...r, override: r.override === 1 }))
}
