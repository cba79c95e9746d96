/**
 * How many training configurations an MTP of a given level typically needs, from the one measured
 * series there is: the MLIP paper's Ag–Pd convex-hull active learning (Novikov et al. 2021,
 * example 3; cells of at most 12 atoms), where levels 12, 16 and 20 ended with 226, 442 and 920
 * configurations. Between those levels the count is interpolated linearly in log(count) against
 * level (the three points grow by ≈2× per 4 levels); outside them the end segments are extended and
 * labelled as an extrapolation.
 */
export const PAPER_TRAINING_SIZES: readonly { level: number; configurations: number }[] = [
  { level: 12, configurations: 226 },
  { level: 16, configurations: 442 },
  { level: 20, configurations: 920 },
]

export type TrainingSizeSource = 'paper' | 'interpolated' | 'extrapolated'

export interface TrainingSizeEstimate {
  configurations: number
  source: TrainingSizeSource
}

export function typicalTrainingSize(level: number): TrainingSizeEstimate {
  const pts = PAPER_TRAINING_SIZES
  const exact = pts.find((p) => p.level === level)
  if (exact) return { configurations: exact.configurations, source: 'paper' }
  let k = pts.findIndex((p) => p.level > level)
  const inside = k > 0
  if (k <= 0) k = k === 0 ? 1 : pts.length - 1
  const a = pts[k - 1]
  const b = pts[k]
  const slope = (Math.log(b.configurations) - Math.log(a.configurations)) / (b.level - a.level)
  const configurations = Math.round(Math.exp(Math.log(a.configurations) + slope * (level - a.level)))
  return { configurations, source: inside ? 'interpolated' : 'extrapolated' }
}
