/**
 * The engine's counts per level against MLIP's own templates (MLIP_FORMATS.md §7, counted from the
 * MLIP distribution's untrained_mtps/*.mtp): basis functions and parameters for 1 and 2 species.
 */
import { describe, expect, it } from 'vitest'
import { enginePath } from '../../../src-main/engine/locate'
import { engineRunner } from '../../../src-main/engine/run-result'
import { EngineSupervisor } from '../../../src-main/engine/supervisor'
import { levelCounts, levelOfBasisCount } from '../../../src-main/potentials/level-table'
import { tempDir } from '../support/temp'

// level: [basis functions, params 1 species, params 2 species]
const MLIP_TEMPLATES: Record<number, [number, number, number]> = {
  6: [5, 22, 71], 8: [9, 26, 75], 10: [16, 41, 114], 12: [29, 54, 127], 14: [52, 85, 182], 16: [92, 125, 222],
  18: [163, 204, 325], 20: [288, 329, 450], 22: [500, 549, 694], 24: [864, 913, 1058],
}

describe('level counts from the engine', () => {
  const run = () => {
    const supervisor = new EngineSupervisor({ enginePath: () => enginePath(), logDir: tempDir() })
    return engineRunner((o) => supervisor.start(o))
  }
  const levels = Object.keys(MLIP_TEMPLATES).map(Number)

  it('match MLIP’s templates for 1 and 2 species', async () => {
    const r = run()
    const one = await levelCounts(r, 1, 8, levels)
    const two = await levelCounts(r, 2, 8, levels)
    levels.forEach((l, k) => {
      expect(one[k].basisFunctions, `level ${l}`).toBe(MLIP_TEMPLATES[l][0])
      expect(one[k].parameters, `level ${l}, 1 species`).toBe(MLIP_TEMPLATES[l][1])
      expect(two[k].parameters, `level ${l}, 2 species`).toBe(MLIP_TEMPLATES[l][2])
    })
  }, 60_000)

  it('scale the radial part with the radial basis size and find a level from its basis count', async () => {
    const r = run()
    const [c] = await levelCounts(r, 2, 10, [16])
    // 2²·4·10 radial + 2 species + 92 basis functions.
    expect(c.parameters).toBe(160 + 2 + 92)
    expect(await levelOfBasisCount(r, 92)).toBe(16)
    expect(await levelOfBasisCount(r, 93)).toBeNull()
  }, 60_000)
})
