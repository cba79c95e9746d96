/**
 * The engine's `train` progress lines → progress points of the contract, and its result object →
 * the per-member outcome. Engine units: energy RMSE eV/atom, force eV/Å, stress GPa, elapsed s.
 */
import type { TrainingProgressPoint } from '../contract/training.js'

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/** A progress line's extra fields (member, iteration, loss, …) as a point; null if it is not a train iteration. */
export function progressPoint(stage: string, extra: Record<string, unknown>): TrainingProgressPoint | null {
  if (stage !== 'train') return null
  const iteration = num(extra.iteration)
  const loss = num(extra.loss)
  if (iteration === null || loss === null) return null
  return {
    member: num(extra.member) ?? 0,
    iteration,
    loss,
    energyRmse: num(extra.energy_rmse) ?? 0,
    forceRmse: num(extra.force_rmse) ?? 0,
    stressRmse: num(extra.stress_rmse) ?? 0,
    validLoss: num(extra.valid_loss),
    validEnergyRmse: num(extra.valid_energy_rmse),
    validForceRmse: num(extra.valid_force_rmse),
    validStressRmse: num(extra.valid_stress_rmse),
    elapsed: num(extra.elapsed) ?? 0,
  }
}

export interface EngineMemberResult {
  path: string
  seed: number
  iterations: number
  stopReason: string
  loss: number
  elapsed: number
  minDist: number
  bestIteration: number | null
}

/** The `potentials` list of the engine's train result. */
export function memberResults(result: Record<string, unknown>): EngineMemberResult[] {
  const list = Array.isArray(result.potentials) ? (result.potentials as Record<string, unknown>[]) : []
  return list.map((p) => ({
    path: String(p.path),
    seed: num(p.seed) ?? 0,
    iterations: num(p.iterations) ?? 0,
    stopReason: typeof p.stop_reason === 'string' ? p.stop_reason : '',
    loss: num(p.loss) ?? 0,
    elapsed: num(p.elapsed) ?? 0,
    minDist: num(p.min_dist) ?? 0,
    bestIteration: num(p.best_iteration),
  }))
}

/** Ensemble mean ± 2σ of the engine's metrics (`ensemble` of the result, K > 1), renamed to camel case. */
export function ensembleStats(result: Record<string, unknown>): Record<string, { mean: number; twoSigma: number }> | null {
  const e = result.ensemble
  if (typeof e !== 'object' || e === null) return null
  const out: Record<string, { mean: number; twoSigma: number }> = {}
  for (const [key, v] of Object.entries(e as Record<string, { mean?: unknown; two_sigma?: unknown }>)) {
    const mean = num(v?.mean)
    const twoSigma = num(v?.two_sigma)
    if (mean !== null && twoSigma !== null) out[key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = { mean, twoSigma }
  }
  return out
}
