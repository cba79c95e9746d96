import { describe, expect, it } from 'vitest'
import { ensembleStats, memberResults, progressPoint } from '../../../src-main/training/progress'

describe('engine train messages', () => {
  it('reads a progress line with and without validation', () => {
    const extra = { member: 1, seed: 2, iteration: 5, loss: 0.06, energy_rmse: 0.02, force_rmse: 0.2, stress_rmse: 1.1, evaluations: 15, elapsed: 0.12 }
    expect(progressPoint('train', extra)).toEqual({ member: 1, iteration: 5, loss: 0.06, energyRmse: 0.02, forceRmse: 0.2, stressRmse: 1.1, validLoss: null, validEnergyRmse: null, validForceRmse: null, validStressRmse: null, elapsed: 0.12 })
    expect(progressPoint('train', { ...extra, valid_loss: 1, valid_energy_rmse: 0.5, valid_force_rmse: 0.6, valid_stress_rmse: 0.7 })).toMatchObject({ validLoss: 1, validEnergyRmse: 0.5, validForceRmse: 0.6, validStressRmse: 0.7 })
    expect(progressPoint('evaluate', extra)).toBeNull()
    expect(progressPoint('train', { iteration: 1 })).toBeNull()
  })

  it('reads the members and the ensemble spread of a result', () => {
    const result = {
      potentials: [{ path: 'a.0.mtp', seed: 3, iterations: 7, stop_reason: 'tolerance', loss: 0.1, elapsed: 2, min_dist: 1.9, best_iteration: 6 }],
      ensemble: { train_energy_rmse: { mean: 0.005, two_sigma: 0.001 }, iterations: { mean: 7, two_sigma: 0 } },
    }
    expect(memberResults(result)).toEqual([{ path: 'a.0.mtp', seed: 3, iterations: 7, stopReason: 'tolerance', loss: 0.1, elapsed: 2, minDist: 1.9, bestIteration: 6 }])
    expect(ensembleStats(result)).toEqual({ trainEnergyRmse: { mean: 0.005, twoSigma: 0.001 }, iterations: { mean: 7, twoSigma: 0 } })
    expect(ensembleStats({ potentials: [] })).toBeNull()
  })
})
