/**
 * Lower facets of a hull for drawing, from its vertices (all already on the lower hull).
 * Binary: consecutive vertices along x. n ≥ 3: every n-subset whose plane E = Σ_s a_s x_s (linear in
 * the fractions, since they sum to 1) lies on or below all vertices (within `tolerance`, eV/atom)
 * and contains no other vertex of that plane. Exactly coplanar quadrilaterals can come out
 * triangulated both ways; on DFT data that does not happen.
 */
import { solveLinear } from './linalg.js'

export interface FacetPoint {
  composition: readonly number[]
  /** eV/atom. */
  energy: number
}

/** More subsets than this (a ternary with > 85 hull vertices, ~3 s) and facets are left out rather than stall. */
const MAX_SUBSETS = 100_000

function* subsets(count: number, size: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === size) {
    yield prefix
    return
  }
  for (let i = start; i <= count - (size - prefix.length); i++) yield* subsets(count, size, i + 1, [...prefix, i])
}

function binomial(n: number, k: number): number {
  let r = 1
  for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1)
  return r
}

export function hullFacets(vertices: readonly FacetPoint[], tolerance: number): number[][] {
  const count = vertices.length
  const n = vertices[0]?.composition.length ?? 0
  if (n < 2 || count < n) return []
  if (n === 2) {
    const order = vertices.map((_, i) => i).sort((a, b) => vertices[a].composition[1] - vertices[b].composition[1])
    return order.slice(1).map((v, k) => [order[k], v])
  }
  if (binomial(count, n) > MAX_SUBSETS) return []
  const facets: number[][] = []
  for (const s of subsets(count, n)) {
    // Columns of X are the subset's compositions: X·w = p gives barycentric weights w.
    const xt = Array.from({ length: n }, (_, r) => s.map((i) => vertices[i].composition[r]))
    const a = solveLinear(
      s.map((i) => [...vertices[i].composition]),
      s.map((i) => vertices[i].energy),
    )
    if (!a) continue
    let ok = true
    for (let v = 0; v < count && ok; v++) {
      if (s.includes(v)) continue
      const p = vertices[v]
      const plane = p.composition.reduce((sum, x, k) => sum + a[k] * x, 0)
      if (p.energy < plane - tolerance) ok = false
      else if (p.energy <= plane + tolerance) {
        const w = solveLinear(xt, [...p.composition])
        if (w && w.every((x) => x >= -1e-12)) ok = false
      }
    }
    if (ok) facets.push([...s])
  }
  return facets
}
