/**
 * Height of the lower convex envelope of points (composition c_j, energy f_j) at a composition x,
 * for any number of components, by linear programming:
 *
 *   E_hull(x) = min Σ_j λ_j f_j   subject to   Σ_j λ_j c_j = x,  λ_j ≥ 0
 *
 * (Σ_j λ_j = 1 follows because every c_j and x sum to 1.) The first n columns must be the pure
 * components (unit vectors), so λ = x is a feasible starting basis and no phase I is needed.
 * Dense tableau simplex with Bland's rule (smallest index enters and leaves), which cannot cycle on
 * the degenerate problems a hull vertex gives. Sizes here are small: n ≤ ~6 rows, m ≤ a few
 * thousand distinct compositions.
 */

export interface EnvelopePoint {
  /** Fractions of each component, summing to 1. */
  composition: readonly number[]
  /** Energy per atom (any consistent unit). */
  energy: number
}

export interface EnvelopeValue {
  /** E_hull(x). */
  energy: number
  /** Indices of the points with λ_j > 0 and their weights (the facet the value comes from). */
  support: { index: number; weight: number }[]
}

/** Reduced costs below −PIVOT_EPS let a column enter; ratios use entries above PIVOT_EPS. */
const PIVOT_EPS = 1e-12

export function lowerEnvelopeAt(points: readonly EnvelopePoint[], x: readonly number[]): EnvelopeValue {
  const n = x.length
  const m = points.length
  for (let s = 0; s < n; s++) {
    const c = points[s]?.composition
    if (!c || c.some((v, k) => v !== (k === s ? 1 : 0))) throw new Error(`lowerEnvelopeAt: point ${s} must be pure component ${s}`)
  }
  // Tableau rows: B⁻¹A (n × m) and B⁻¹x; basis starts as the identity (the pure columns).
  const t: Float64Array[] = []
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(m + 1)
    for (let j = 0; j < m; j++) row[j] = points[j].composition[i]
    row[m] = x[i]
    t.push(row)
  }
  const basis = Array.from({ length: n }, (_, i) => i)
  const cost = points.map((p) => p.energy)
  for (let iter = 0; iter < 50 * (m + n); iter++) {
    // Reduced cost r_j = f_j − Σ_i f_B(i) t[i][j].
    let enter = -1
    for (let j = 0; j < m && enter < 0; j++) {
      let r = cost[j]
      for (let i = 0; i < n; i++) r -= cost[basis[i]] * t[i][j]
      if (r < -PIVOT_EPS * Math.max(1, Math.abs(cost[j]))) enter = j
    }
    if (enter < 0) break
    let leave = -1
    let best = Infinity
    for (let i = 0; i < n; i++) {
      const a = t[i][enter]
      if (a <= PIVOT_EPS) continue
      const ratio = t[i][m] / a
      if (ratio < best - 1e-15 || (Math.abs(ratio - best) <= 1e-15 && basis[i] < basis[leave])) {
        best = ratio
        leave = i
      }
    }
    // Bounded: the feasible set is a subset of the simplex, so a leaving row always exists.
    if (leave < 0) throw new Error('lowerEnvelopeAt: unbounded (compositions do not sum to 1?)')
    const p = t[leave][enter]
    const pr = t[leave]
    for (let j = 0; j <= m; j++) pr[j] /= p
    for (let i = 0; i < n; i++) {
      if (i === leave) continue
      const f = t[i][enter]
      if (f === 0) continue
      const row = t[i]
      for (let j = 0; j <= m; j++) row[j] -= f * pr[j]
    }
    basis[leave] = enter
  }
  let energy = 0
  const support: { index: number; weight: number }[] = []
  for (let i = 0; i < n; i++) {
    const w = t[i][m]
    energy += w * cost[basis[i]]
    if (w > 1e-12) support.push({ index: basis[i], weight: w })
  }
  return { energy, support }
}
