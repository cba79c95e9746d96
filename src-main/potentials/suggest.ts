/**
 * Radial-basis distances and a level recommendation for a new MTP, with the reasons in words.
 *
 * R_min: MLIP's Chebyshev radial basis lives on [R_min, R_cut]; R_min should sit just below every
 * interatomic distance the potential will see, so take the smallest distance in the data rounded
 * down to 0.1 Å (the paper's Mo: data ≥ 1.88 Å → R_min 1.9 Å was theirs; we stay below the data).
 * R_cut: about 2.7·R_min rounded up to 0.1 Å and at least 5 Å — the paper's Mo choice (1.9 → 5.2 Å)
 * and MLIP's default (2 → 5 Å) both cover the second or third neighbour shell of a metal.
 *
 * Level: the highest level whose typical training-set size (training-size.ts) the data can supply,
 * counted in small-cell equivalents — the paper's Ag–Pd cells have at most 12 atoms (≈8 on
 * average), so a configuration of N atoms is taken as N/8 of them (its N force vectors carry the
 * information) — and never beyond level 20, the largest level with a measured size. Without data:
 * level 16, the paper's choice for both Mo and the active-learning examples.
 */
import { typicalTrainingSize } from './training-size.js'

export interface RadialSuggestion {
  minDist: number
  maxDist: number
  reason: string
}

export function suggestRadial(mindist: number | null, sampled: number): RadialSuggestion {
  if (mindist === null || !(mindist > 0.5)) {
    return { minDist: 2, maxDist: 5, reason: 'No structures to measure distances on: MLIP’s defaults R_min = 2 Å, R_cut = 5 Å.' }
  }
  const minDist = Math.floor(mindist * 10 + 1e-9) / 10
  const maxDist = Math.max(5, Math.ceil(2.7 * minDist * 10 - 1e-9) / 10)
  return {
    minDist,
    maxDist,
    reason:
      `The smallest interatomic distance in ${sampled} configuration(s) is ${mindist.toFixed(3)} Å, so R_min = ${minDist.toFixed(1)} Å (just below it); ` +
      `R_cut = ${maxDist.toFixed(1)} Å ≈ 2.7·R_min (at least 5 Å), like the MLIP paper’s Mo (1.9 → 5.2 Å) and MLIP’s default (2 → 5 Å).`,
  }
}

export interface LevelRecommendation {
  level: number
  reason: string
}

export const SMALL_CELL_ATOMS = 8

export function recommendLevel(data: { configurations: number; atoms: number }, levels: readonly number[]): LevelRecommendation {
  if (data.configurations === 0) {
    return { level: 16, reason: 'No training data yet: level 16 is the MLIP paper’s choice for Mo and a good start for active learning, which adds data as needed.' }
  }
  const equivalents = Math.max(data.configurations, data.atoms / SMALL_CELL_ATOMS)
  const fitting = levels.filter((l) => l >= 6 && l <= 20 && typicalTrainingSize(l).configurations <= equivalents)
  const level = fitting.length ? Math.max(...fitting) : 6
  const need = typicalTrainingSize(level)
  const next = levels.find((l) => l > level)
  const nextText = next && next <= 20 ? ` Level ${next} would typically need ≈${typicalTrainingSize(next).configurations}.` : level === 20 ? ' Beyond level 20 no measured training-set size exists; go higher only with active learning.' : ''
  return {
    level,
    reason:
      `Your ${data.configurations} configuration(s) with ${data.atoms} atoms count as ≈${Math.round(equivalents)} small-cell configurations (${SMALL_CELL_ATOMS} atoms each, like the paper’s Ag–Pd cells); ` +
      `level ${level} typically needs ≈${need.configurations} (MLIP paper, Ag–Pd active learning${need.source === 'paper' ? '' : `, ${need.source}`}).${nextText}`,
  }
}
