/**
 * Basis-function and parameter counts of untrained MTPs, level by level, from the engine itself
 * (`mtp-engine new-potential`, whose result line carries the counts). Counts depend only on level,
 * species count and radial basis size, so they are cached for the life of the process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunEngine } from '../engine/run-result.js'

/** Levels offered: odd levels equal the even level below, so only even ones are listed. */
export const MTP_LEVELS = Array.from({ length: 14 }, (_, k) => 2 + 2 * k)

export interface LevelCounts {
  level: number
  basisFunctions: number
  parameters: number
  radialFuncsCount: number
}

export interface UntrainedSpec {
  level: number
  speciesCount: number
  radialBasisSize: number
  /** Å. */
  minDist: number
  maxDist: number
}

const cache = new Map<string, LevelCounts>()

const count = (r: Record<string, unknown>, key: string): number => {
  const x = r[key]
  if (typeof x !== 'number') throw new Error(`new-potential reported no ${key}`)
  return x
}

/** Every count known to this process, keyed "level/species/radial basis size" (to persist them). */
export function knownLevelCounts(): Record<string, LevelCounts> {
  return Object.fromEntries(cache)
}

/** Counts measured earlier (e.g. stored in a project), so a new process need not run the engine again. */
export function rememberLevelCounts(known: Record<string, LevelCounts>): void {
  for (const [key, counts] of Object.entries(known)) if (!cache.has(key)) cache.set(key, counts)
}

/** Runs new-potential into `dir` and returns the .mtp text with the engine's counts. */
export async function writeUntrained(run: RunEngine, spec: UntrainedSpec, dir: string): Promise<{ text: string; counts: LevelCounts }> {
  const path = join(dir, `untrained-L${spec.level}-C${spec.speciesCount}-R${spec.radialBasisSize}.mtp`)
  const r = await run({
    command: 'new-potential',
    args: [
      '--level', String(spec.level),
      '--species', String(spec.speciesCount),
      '--radial-basis-size', String(spec.radialBasisSize),
      '--min-dist', String(spec.minDist),
      '--max-dist', String(spec.maxDist),
      '--threads', '1',
      path,
    ],
    label: `new-potential level ${spec.level}`,
  })
  const counts = { level: spec.level, basisFunctions: count(r, 'basis_functions'), parameters: count(r, 'n_params'), radialFuncsCount: count(r, 'radial_funcs_count') }
  cache.set(`${spec.level}/${spec.speciesCount}/${spec.radialBasisSize}`, counts)
  return { text: readFileSync(path, 'utf8'), counts }
}

/** Counts for every level in `levels` (cached after the first call). */
export async function levelCounts(run: RunEngine, speciesCount: number, radialBasisSize: number, levels: readonly number[] = MTP_LEVELS): Promise<LevelCounts[]> {
  const missing = levels.filter((l) => !cache.has(`${l}/${speciesCount}/${radialBasisSize}`))
  if (missing.length) {
    const dir = mkdtempSync(join(tmpdir(), 'mtp-studio-levels-'))
    try {
      for (const level of missing) await writeUntrained(run, { level, speciesCount, radialBasisSize, minDist: 2, maxDist: 5 }, dir)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return levels.map((l) => cache.get(`${l}/${speciesCount}/${radialBasisSize}`)!)
}

/** The level whose template has `basisFunctions` scalar basis functions (they differ from level to level), or null. */
export async function levelOfBasisCount(run: RunEngine, basisFunctions: number): Promise<number | null> {
  for (const level of MTP_LEVELS) {
    const [c] = await levelCounts(run, 1, 8, [level])
    if (c.basisFunctions === basisFunctions) return level
    if (c.basisFunctions > basisFunctions) return null
  }
  return null
}
