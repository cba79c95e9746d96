/**
 * The new-potential wizard's table: for the chosen species and radial basis size, every level with
 * its counts (engine), measured relative cost (engine, cached per project), typical training-set
 * size (paper), plus R_min/R_cut suggested from the data's smallest distance and a recommended level.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LevelsReport } from '../contract/potentials.js'
import type { Db } from '../db/connection.js'
import type { RunEngine } from '../engine/run-result.js'
import { cachedCost, costKey, measureCosts } from './cost-bench.js'
import { writeDataSample } from './data-sample.js'
import { getSetting, setSetting } from '../db/repositories/settings.js'
import { knownLevelCounts, levelCounts, MTP_LEVELS, rememberLevelCounts, type LevelCounts } from './level-table.js'
import { recommendLevel, suggestRadial } from './suggest.js'
import { typicalTrainingSize } from './training-size.js'

const COUNTS_SETTING = 'potentials.levelCounts'

/** Configurations in the cost sample (enough atoms for stable timings, few enough to be quick). */
export const COST_SAMPLE = 12
/** Configurations searched for the smallest distance. */
export const MINDIST_SAMPLE = 5000

export interface LevelsInput {
  species: readonly string[]
  radialBasisSize: number
  maxDist?: number
  measureCost: boolean
}

export async function levelsReport(run: RunEngine, db: Db, input: LevelsInput): Promise<LevelsReport> {
  const dir = mkdtempSync(join(tmpdir(), 'mtp-studio-wizard-'))
  try {
    const distSample = writeDataSample(db, input.species, join(dir, 'mindist.cfg'), MINDIST_SAMPLE)
    let mindist: number | null = null
    if (distSample.configurations > 0) {
      const r = await run({ command: 'mindist', args: [join(dir, 'mindist.cfg'), '--threads', '1'], label: 'mindist of the project’s structures' })
      mindist = typeof r.global_mindist === 'number' && Number.isFinite(r.global_mindist) ? r.global_mindist : null
    }
    const suggestion = suggestRadial(mindist, distSample.configurations)
    const maxDist = input.maxDist ?? suggestion.maxDist
    // Counts depend only on the engine's level definition; kept in the project so a restarted app has them at once.
    rememberLevelCounts(getSetting<Record<string, LevelCounts>>(db, COUNTS_SETTING) ?? {})
    const counts = await levelCounts(run, input.species.length, input.radialBasisSize)
    setSetting(db, COUNTS_SETTING, knownLevelCounts())
    const costPath = join(dir, 'cost.cfg')
    const costSample = writeDataSample(db, input.species, costPath, COST_SAMPLE)
    const key = costKey(input.species.length, input.radialBasisSize, maxDist, costSample.ids)
    let cost = cachedCost(db, key)
    if (!cost && input.measureCost && costSample.configurations > 0) {
      cost = await measureCosts(run, db, {
        key,
        samplePath: costPath,
        sample: costSample,
        speciesCount: input.species.length,
        radialBasisSize: input.radialBasisSize,
        minDist: Math.min(suggestion.minDist, maxDist - 1),
        maxDist,
        levels: MTP_LEVELS,
      })
    }
    const at = (level: number) => cost?.costs.find((c) => c.level === level)?.microsecondsPerAtom ?? null
    const ref = at(16)
    return {
      species: [...input.species],
      radialBasisSize: input.radialBasisSize,
      rows: counts.map((c) => {
        const size = typicalTrainingSize(c.level)
        const us = at(c.level)
        return {
          ...c,
          microsecondsPerAtom: us,
          relativeCost: us !== null && ref ? us / ref : null,
          typicalTrainingSize: size.configurations,
          trainingSizeSource: size.source,
        }
      }),
      sample: { configurations: costSample.configurations, atoms: costSample.atoms, available: costSample.available },
      costMeasuredAt: cost?.measuredAt ?? null,
      mindist,
      suggestion,
      // The distance sample covers at most MINDIST_SAMPLE configurations; scale its atoms to all of them.
      recommendation: recommendLevel(
        { configurations: distSample.available, atoms: Math.round((distSample.atoms * distSample.available) / Math.max(1, distSample.configurations)) },
        MTP_LEVELS,
      ),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
