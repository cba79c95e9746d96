/**
 * The γ_select / γ_break sliders (SCIENCE.md, "Active learning"): a configuration with γ > γ_select
 * is kept for training, γ > γ_break stops its run. The counts themselves come from the core
 * ('al/grade-preview'); this file holds what the sliders need on this side.
 */

/** Why a pair of thresholds cannot be previewed or run, or null (same rules as the contract's spec). */
export function thresholdProblem(gammaSelect: number, gammaBreak: number): string | null {
  if (!Number.isFinite(gammaSelect) || gammaSelect < 1) return 'γ_select must be at least 1 (γ ≤ 1 is interpolation)'
  if (!Number.isFinite(gammaBreak) || gammaBreak < gammaSelect) return 'γ_break must not be below γ_select'
  return null
}

/**
 * Slider position ↔ γ on a log scale: the useful range spans 1.1 to ~20 (SCIENCE.md), and a linear
 * slider would give 1–3 a sliver. `position` runs 0…1 over [lo, hi].
 */
export function gammaFromPosition(position: number, lo: number, hi: number): number {
  const p = Math.min(1, Math.max(0, position))
  return roundGamma(Math.exp(Math.log(lo) + p * (Math.log(hi) - Math.log(lo))))
}

export function positionFromGamma(gamma: number, lo: number, hi: number): number {
  if (!(gamma > 0)) return 0
  return Math.min(1, Math.max(0, (Math.log(gamma) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))))
}

/** Two decimals below 10, one up to 100, none above: the precision γ thresholds are chosen with. */
export function roundGamma(gamma: number): number {
  const decimals = gamma < 10 ? 2 : gamma < 100 ? 1 : 0
  const f = 10 ** decimals
  return Math.round(gamma * f) / f
}

/**
 * Calls `run` with the latest arguments once they have stopped changing for `delayMs`, so dragging a
 * slider asks the core once per pause, not once per pixel. `cancel` drops a pending call.
 */
export function debounce<A extends unknown[]>(run: (...args: A) => void, delayMs: number): { call: (...args: A) => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    call: (...args: A) => {
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = undefined
        run(...args)
      }, delayMs)
    },
    cancel: () => {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}
