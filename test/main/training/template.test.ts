// Training from a stored untrained potential (the new-potential wizard's hand-off): the run starts
// from that .mtp, keeps only the id in its spec, and refuses a missing or mismatching potential.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { addPotential, getPotential } from '../../../src-main/db/repositories/potentials'
import { runTraining, trainingWorkDir } from '../../../src-main/training/service'
import { tempDir } from '../support/temp'
import { engine, moProject, quick, type MoFixture } from './support'

let fx: MoFixture | null = null
afterEach(async () => {
  await fx?.host.supervisor.shutdown()
  fx?.project.close()
  fx = null
})

/** An untrained MTP from the engine, stored like the wizard's 'potentials/create-untrained' does. */
function storeUntrained(f: MoFixture, level: number, species: string[], maxDist: number, radialBasisSize: number): number {
  const out = join(tempDir(), 'untrained.mtp')
  const args = ['new-potential', '--level', String(level), '--species', String(species.length), '--min-dist', '2', '--max-dist', String(maxDist), '--radial-basis-size', String(radialBasisSize), out]
  execFileSync(engine, args, { stdio: 'ignore' })
  return addPotential(f.project.db, { name: `untrained L${level}`, mtpText: readFileSync(out, 'utf8'), level, species, minDist: 2, maxDist, radialBasisSize })
}

describe('training from a stored untrained potential', () => {
  it('trains the stored template (its cutoff and radial basis, not the spec defaults) and stores only its id', async () => {
    fx = moProject(tempDir())
    // 4.6 Å and 6 Chebyshev functions differ from the spec defaults (5 Å, 8): the trained potential shows which was used.
    const id = storeUntrained(fx, 4, ['Mo'], 4.6, 6)
    const run = await runTraining(fx.host, { trainingSetId: fx.setId, ...quick, templatePotentialId: id })
    expect(run.status, run.error ?? '').toBe('succeeded')
    expect(run.spec.templatePotentialId).toBe(id)
    expect(run.spec.templateMtp).toBeUndefined()
    const work = trainingWorkDir(fx.project.path, run.id)
    expect(existsSync(join(work, 'untrained.mtp'))).toBe(true)
    expect(readFileSync(join(work, 'untrained.mtp'), 'utf8')).toBe(getPotential(fx.project.db, id)!.mtpText)
    const trained = getPotential(fx.project.db, run.potentials[0].id)!
    expect(trained.maxDist).toBeCloseTo(4.6, 12)
    expect(trained.radialBasisSize).toBe(6)
  })

  it('refuses a potential that does not exist or does not fit the spec, before any run is written', async () => {
    fx = moProject(tempDir())
    const l4 = storeUntrained(fx, 4, ['Mo'], 5, 8)
    const twoSpecies = storeUntrained(fx, 4, ['Mo', 'Nb'], 5, 8)
    const spec = { trainingSetId: fx.setId, ...quick }
    await expect(runTraining(fx.host, { ...spec, templatePotentialId: 999 })).rejects.toThrow(/no potential with id 999/)
    await expect(runTraining(fx.host, { ...spec, level: 6, templatePotentialId: l4 })).rejects.toThrow(/has level 4, the training asks for level 6/)
    await expect(runTraining(fx.host, { ...spec, templatePotentialId: twoSpecies })).rejects.toThrow(/has 2 species, the training needs 1 \(Mo\)/)
    await expect(runTraining(fx.host, { ...spec, templatePotentialId: l4, templateMtp: 'MTP\n' })).rejects.toThrow(/not both/)
    const runs = fx.project.db.prepare('SELECT COUNT(*) AS n FROM training_runs').get() as { n: number }
    expect(runs.n).toBe(0)
  })
})
