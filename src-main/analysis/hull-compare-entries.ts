/**
 * The entries of a DFT-vs-MTP hull read from a project: configurations in the chosen elements with
 * a reference energy (the 'analysis/hull' selection: not quarantined unless overridden, not
 * duplicates) and, optionally, candidates without one chosen by a configuration filter. Rows in
 * ascending configuration id; cells grouped by their element counts.
 */
import type { Db } from '../db/connection.js'
import { iterateIds, type ConfigurationFilter } from '../db/repositories/configuration-query.js'
import { INTERRUPTED_ERROR } from '../dft/local-executor.js'
import { formulaOfCounts } from './hull-columns.js'
import { countsOfFormula, hullEntriesFromProject } from './hull-input.js'

export interface CompareEntries {
  ids: Int32Array
  /** Atoms per element of each distinct cell. */
  groups: Record<string, number>[]
  /** Formula of each group in `elements` order ('Ag3Pd1'). */
  formulas: string[]
  group: Int32Array
  /** eV per cell; NaN for candidates. */
  dftEnergy: Float64Array
  /** 1: a DFT job exists for the configuration that has not failed (an interrupted one is rerun, so it counts). */
  inDftJob: Uint8Array
  /** Configurations with a reference energy left out (elements outside the chosen ones). */
  skipped: number
}

/** Configuration ids with a DFT job that is pending, done or imported. */
export function configurationsInDftJobs(db: Db): Set<number> {
  const rows = db.prepare('SELECT configuration_id AS id, state, error FROM dft_jobs').all() as { id: number; state: string; error: string | null }[]
  return new Set(rows.filter((r) => r.state !== 'failed' || INTERRUPTED_ERROR.test(r.error ?? '')).map((r) => r.id))
}

/** Candidates: configurations matching the filter that have no reference energy. */
function candidateRows(db: Db, filter: ConfigurationFilter): { id: number; formula: string }[] {
  const out: { id: number; formula: string }[] = []
  const stmt = db.prepare('SELECT c.id AS id, c.formula AS formula FROM json_each(?) j JOIN configurations c ON c.id = j.value WHERE c.energy IS NULL')
  for (const ids of iterateIds(db, filter)) out.push(...(stmt.all(JSON.stringify(ids)) as { id: number; formula: string }[]))
  return out
}

export function readCompareEntries(db: Db, elements: readonly string[], candidates?: ConfigurationFilter): CompareEntries {
  const inside = (counts: Record<string, number>) => Object.entries(counts).every(([el, k]) => k === 0 || elements.includes(el)) && Object.values(counts).some((k) => k > 0)
  const rows: { id: number; counts: Record<string, number>; energy: number }[] = []
  let skipped = 0
  for (const e of hullEntriesFromProject(db)) {
    if (inside(e.counts)) rows.push({ id: e.id as number, counts: e.counts, energy: e.energy })
    else skipped++
  }
  if (candidates) {
    for (const c of candidateRows(db, candidates)) {
      const counts = countsOfFormula(c.formula)
      if (inside(counts)) rows.push({ id: c.id, counts, energy: NaN })
    }
  }
  rows.sort((a, b) => a.id - b.id)
  const jobs = configurationsInDftJobs(db)
  const groupIndex = new Map<string, number>()
  const groups: Record<string, number>[] = []
  const formulas: string[] = []
  const group = Int32Array.from(rows, (r) => {
    const formula = formulaOfCounts(elements.map((el) => r.counts[el] ?? 0), elements)
    let g = groupIndex.get(formula)
    if (g === undefined) {
      g = groups.push(r.counts) - 1
      formulas.push(formula)
      groupIndex.set(formula, g)
    }
    return g
  })
  return {
    ids: Int32Array.from(rows, (r) => r.id),
    groups,
    formulas,
    group,
    dftEnergy: Float64Array.from(rows, (r) => r.energy),
    inDftJob: Uint8Array.from(rows, (r) => (jobs.has(r.id) ? 1 : 0)),
    skipped,
  }
}
