// Training runs through the real engine on the 8-cell Mo example: results stored, errors
// consistent with the engine's own report, progress streamed, ensembles, restarts.
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventName } from '../../../src-main/contract/events'
import { exportConfigurations } from '../../../src-main/data/export'
import { getPotential } from '../../../src-main/db/repositories/potentials'
import { readParity } from '../../../src-main/db/repositories/training-parity'
import { trainingParity } from '../../../src-main/training/parity-query'
import { getTrainingRunView, listTrainingRunViews, runTraining, startTrainingRun, trainingWorkDir } from '../../../src-main/training/service'
import { tempDir } from '../support/temp'
import { engine, moProject, quick, type MoFixture } from './support'

let fx: MoFixture | null = null
afterEach(async () => {
  await fx?.host.supervisor.shutdown()
  fx?.project.close()
  fx = null
})

describe('training service', () => {
  it('trains, evaluates and stores the potential with parity data and errors matching the engine report', async () => {
    fx = moProject(tempDir())
    const events: EventName[] = []
    fx.host.events.subscribe((e) => events.push(e))
    const progress: number[] = []
    const run = await runTraining(fx.host, { trainingSetId: fx.setId, ...quick }, { onProgress: (p) => progress.push(p.iteration) })

    expect(run.status, run.error ?? '').toBe('succeeded')
    expect(run.species).toEqual(['Mo'])
    expect(run.potentials).toHaveLength(1)
    expect(progress.length).toBeGreaterThan(0)
    expect(run.history.map((h) => h.iteration)).toEqual(progress)
    expect(events).toContain('training:progress')
    expect(events.filter((e) => e === 'training:state').length).toBeGreaterThanOrEqual(4)

    const pot = getPotential(fx.project.db, run.potentials[0].id)!
    expect(pot.mtpText).toMatch(/^MTP\n/)
    expect(pot.trainingRunId).toBe(run.id)
    expect(pot.level).toBe(4)
    // min_dist was left to the engine: 0.99 × the smallest distance of the set, not the 1 Å placeholder.
    expect(pot.minDist).toBeGreaterThan(1.5)

    // 8 configurations, round(0.25·8) = 2 held out.
    const parity = readParity(fx.project.db, pot.id)!
    expect(parity.configurationIds).toHaveLength(8)
    expect(Array.from(parity.split).filter((s) => s === 1)).toHaveLength(2)
    expect(parity.energyPred.every(Number.isFinite)).toBe(true)
    expect(parity.forcePred.every(Number.isFinite)).toBe(true)

    // Our errors from the parity data agree with the engine's own error report on the same
    // configurations (calc-errors: energy per atom RMS, and force vectors: RMS|ΔF| = √3 · component RMSE).
    const errors = run.potentials[0].errors!
    expect(errors.train.all.energy.count).toBe(6)
    expect(errors.valid!.all.energy.count).toBe(2)
    const dir = tempDir()
    writeFileSync(join(dir, 'pot.mtp'), pot.mtpText)
    const trainIds = Array.from(parity.configurationIds).filter((_id, k) => parity.split[k] === 0)
    exportConfigurations(fx.project.db, { format: 'cfg', out: join(dir, 'train.cfg'), filter: { ids: trainIds }, lossless: true })
    const report = JSON.parse(execFileSync(engine, ['calc-errors', join(dir, 'pot.mtp'), join(dir, 'train.cfg'), '--json', '--threads', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
    expect(errors.train.all.energy.rmse).toBeCloseTo(report.energy_per_atom.rms, 10)
    expect(Math.sqrt(3) * errors.train.all.force.rmse).toBeCloseTo(report.forces.rms, 9)
    expect(Object.keys(errors.train.groups).length).toBeGreaterThan(0)
    expect(Object.values(errors.train.groups).reduce((n, g) => n + g.energy.count, 0)).toBe(6)

    const view = trainingParity(fx.project.db, run.id)
    expect(view.configurationIds).toEqual(Array.from(parity.configurationIds))
    expect(view.forceConfig).toHaveLength(view.forceRef.length)
    expect(view.stressRef.filter((s) => s !== null)).toHaveLength(8)

    // Large inputs are removed after a successful run, the trained potential kept.
    const work = trainingWorkDir(fx.project.path, run.id)
    expect(existsSync(join(work, 'trained.mtp'))).toBe(true)
    expect(existsSync(join(work, 'train.cfg'))).toBe(false)
    expect(listTrainingRunViews(fx.host)[0]).toMatchObject({ id: run.id, status: 'succeeded', trainingSetName: 'Mo', trainingSetVersion: 1 })
  })

  it('trains an ensemble with seeds s..s+K-1 and reports its spread', async () => {
    fx = moProject(tempDir())
    const run = await runTraining(fx.host, { trainingSetId: fx.setId, ...quick, ensemble: 2, validationFraction: 0 })
    expect(run.status, run.error ?? '').toBe('succeeded')
    expect(run.potentials.map((p) => [p.ensembleIndex, p.seed])).toEqual([[0, 3], [1, 4]])
    expect(run.potentials[0].errors!.valid).toBeNull()
    expect(run.ensembleStats?.trainEnergyRmse.mean).toBeGreaterThan(0)
    const texts = run.potentials.map((p) => getPotential(fx!.project.db, p.id)!.mtpText)
    expect(texts[0]).not.toBe(texts[1])
  })

  it('refuses a spec the project cannot train before writing anything', async () => {
    fx = moProject(tempDir())
    await expect(startTrainingRun(fx.host, { trainingSetId: 999, level: 4 })).rejects.toThrow(/no training set/)
    await expect(startTrainingRun(fx.host, { trainingSetId: fx.setId, level: 4, species: ['W'] })).rejects.toThrow(/Mo.*not among/)
    await expect(startTrainingRun(fx.host, { trainingSetId: fx.setId, level: 4, minDist: 6, maxDist: 5 })).rejects.toThrow(/below the cutoff/)
    await expect(startTrainingRun(fx.host, { trainingSetId: fx.setId, level: 3.5 } as never)).rejects.toThrow(/invalid training options/)
    expect(listTrainingRunViews(fx.host)).toEqual([])
  })

  it('reports the live history while the run is going', async () => {
    fx = moProject(tempDir())
    const { runId, done } = await startTrainingRun(fx.host, { trainingSetId: fx.setId, ...quick })
    expect(getTrainingRunView(fx.host, runId).status).toMatch(/queued|running/)
    const run = await done
    expect(getTrainingRunView(fx.host, runId).history).toEqual(run.history)
  })
})
