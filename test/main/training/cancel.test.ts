// Cancel: the engine stops, the last good parameters are stored (evaluated, or not after a second
// cancel), and a cancel before training leaves no potential.
import { afterEach, describe, expect, it } from 'vitest'
import { countPotentials } from '../../../src-main/db/repositories/potentials'
import { readParity } from '../../../src-main/db/repositories/training-parity'
import { cancelTrainingRun, getTrainingRunView, restartTrainingRun, startTrainingRun } from '../../../src-main/training/service'
import { tempDir, waitFor } from '../support/temp'
import { moProject, type MoFixture } from './support'

let fx: MoFixture | null = null
afterEach(async () => {
  await fx?.host.supervisor.shutdown()
  fx?.project.close()
  fx = null
})

/** Long enough to be cancelled mid-way: no stopping rule, no validation, many iterations. */
const long = { level: 12, maxIterations: 100_000, tolerance: 0, validationFraction: 0, threads: 1, seed: 5 } as const

describe('cancelling a training run', () => {
  it('keeps the last good parameters as the run’s potential, with parity data', async () => {
    fx = moProject(tempDir())
    let iterations = 0
    const { runId, done } = await startTrainingRun(fx.host, { trainingSetId: fx.setId, ...long }, { onProgress: (p) => (iterations = p.iteration) })
    await waitFor(() => iterations >= 1, 60_000, 'the first iterations')
    expect(cancelTrainingRun(fx.host, runId).status).toBe('running')
    const run = await done
    expect(run.status).toBe('cancelled')
    expect(run.error).toMatch(/last good parameters/)
    expect(run.potentials).toHaveLength(1)
    expect(run.potentials[0].errors?.train.all.energy.count).toBe(8)
    expect(readParity(fx.project.db, run.potentials[0].id)?.energyPred.every(Number.isFinite)).toBe(true)
    expect(getTrainingRunView(fx.host, runId).history.length).toBeGreaterThan(0)
  })

  it('skips the evaluation after a second cancel, and can be restarted from its checkpoint', async () => {
    fx = moProject(tempDir())
    let iterations = 0
    const { runId, done } = await startTrainingRun(fx.host, { trainingSetId: fx.setId, ...long }, { onProgress: (p) => (iterations = p.iteration) })
    await waitFor(() => iterations >= 1, 60_000, 'the first iterations')
    cancelTrainingRun(fx.host, runId)
    cancelTrainingRun(fx.host, runId)
    const run = await done
    expect(run.status).toBe('cancelled')
    expect(run.potentials).toHaveLength(1)
    expect(run.potentials[0].errors).toBeNull()
    expect(readParity(fx.project.db, run.potentials[0].id)).toBeUndefined()

    // The restart continues from the checkpoint: its first reported iteration is past 0.
    let first: number | null = null
    const again = await restartTrainingRun(fx.host, runId, { onProgress: (p) => (first ??= p.iteration) })
    await waitFor(() => first !== null, 60_000, 'the restarted run to report')
    expect(first).toBeGreaterThan(0)
    cancelTrainingRun(fx.host, again.runId)
    const second = await again.done
    expect(second).toMatchObject({ status: 'cancelled', restartOf: runId })
  })

  it('leaves no potential when cancelled before the training started', async () => {
    fx = moProject(tempDir())
    const { runId, done } = await startTrainingRun(fx.host, { trainingSetId: fx.setId, ...long })
    cancelTrainingRun(fx.host, runId)
    const run = await done
    expect(run).toMatchObject({ status: 'cancelled', potentials: [] })
    expect(countPotentials(fx.project.db)).toBe(0)
  })
})
