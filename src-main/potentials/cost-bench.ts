/**
 * Relative evaluation cost per level, measured by the engine (`bench-efs` with random
 * coefficients, one thread, CPU time per atom so other load on the machine matters less) on a
 * sample of the project's structures at the chosen cutoff (neighbour count, hence cost, grows
 * with R_cut³), and cached in the project's settings so the wizard measures
 * once per species count, radial basis size, cutoff and sample.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Db } from '../db/connection.js'
import { getSetting, setSetting } from '../db/repositories/settings.js'
import type { RunEngine } from '../engine/run-result.js'
import { writeUntrained } from './level-table.js'

const SETTING = 'potentials.levelCost'

export interface LevelCost {
  level: number
  /** CPU µs per atom for energy, forces and stress. */
  microsecondsPerAtom: number
}

export interface CostMeasurement {
  key: string
  measuredAt: string
  sample: { configurations: number; atoms: number }
  costs: LevelCost[]
}

export function costKey(speciesCount: number, radialBasisSize: number, maxDist: number, sampleIds: readonly number[]): string {
  // A cheap content key: the sample is identified by its ids (a changed project gives a new sample).
  let h = 0
  for (const id of sampleIds) h = (Math.imul(h, 31) + id) | 0
  return `C${speciesCount}/R${radialBasisSize}/cut${maxDist}/n${sampleIds.length}/h${(h >>> 0).toString(16)}`
}

export function cachedCost(db: Db, key: string): CostMeasurement | null {
  const all = getSetting<Record<string, CostMeasurement>>(db, SETTING) ?? {}
  return all[key] ?? null
}

export async function measureCosts(
  run: RunEngine,
  db: Db,
  o: { key: string; samplePath: string; sample: { configurations: number; atoms: number }; speciesCount: number; radialBasisSize: number; minDist: number; maxDist: number; levels: readonly number[] },
): Promise<CostMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), 'mtp-studio-cost-'))
  const costs: LevelCost[] = []
  try {
    for (const level of o.levels) {
      const { text } = await writeUntrained(run, { level, speciesCount: o.speciesCount, radialBasisSize: o.radialBasisSize, minDist: o.minDist, maxDist: o.maxDist }, dir)
      const pot = join(dir, `L${level}.mtp`)
      writeFileSync(pot, text)
      const r = await run({
        command: 'bench-efs',
        args: [pot, o.samplePath, '--random', '1', '--species', String(o.speciesCount), '--repeat', '2', '--threads', '1'],
        label: `bench-efs level ${level}`,
      })
      const us = Number(r.cpu_us_per_atom ?? r.us_per_atom_core)
      if (!(us > 0)) throw new Error(`bench-efs level ${level} reported no time per atom`)
      costs.push({ level, microsecondsPerAtom: us })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const m: CostMeasurement = { key: o.key, measuredAt: new Date().toISOString(), sample: o.sample, costs }
  const all = getSetting<Record<string, CostMeasurement>>(db, SETTING) ?? {}
  setSetting(db, SETTING, { ...all, [o.key]: m })
  return m
}
