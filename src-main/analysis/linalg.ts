/** Small dense linear algebra for the analyses (systems of a few unknowns). Row-major number[][]. */

/** Solves A·x = b by Gaussian elimination with partial pivoting; null when A is singular (relative pivot < 1e-13). */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i]])
  const scale = Math.max(...a.flatMap((r) => r.map(Math.abs)), 0)
  if (scale === 0) return null
  for (let k = 0; k < n; k++) {
    let p = k
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i][k]) > Math.abs(m[p][k])) p = i
    if (Math.abs(m[p][k]) <= 1e-13 * scale) return null
    ;[m[k], m[p]] = [m[p], m[k]]
    for (let i = k + 1; i < n; i++) {
      const f = m[i][k] / m[k][k]
      if (f !== 0) for (let j = k; j <= n; j++) m[i][j] -= f * m[k][j]
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i][n]
    for (let j = i + 1; j < n; j++) s -= m[i][j] * x[j]
    x[i] = s / m[i][i]
  }
  return x
}

/**
 * Linear least squares min ‖J·p − r‖ by Householder QR (better conditioned than normal equations,
 * which square the condition number of the V^(−2/3) polynomial design). J is rows × cols, rows ≥ cols.
 */
export function leastSquares(j: readonly (readonly number[])[], r: readonly number[]): number[] {
  const rows = j.length
  const cols = j[0].length
  if (rows < cols) throw new Error(`least squares needs at least ${cols} rows, got ${rows}`)
  const a = j.map((row) => [...row])
  const y = [...r]
  for (let k = 0; k < cols; k++) {
    let norm = 0
    for (let i = k; i < rows; i++) norm += a[i][k] * a[i][k]
    norm = Math.sqrt(norm)
    if (norm === 0) throw new Error('least squares: rank-deficient design')
    const alpha = a[k][k] > 0 ? -norm : norm
    const v = new Array<number>(rows).fill(0)
    for (let i = k; i < rows; i++) v[i] = a[i][k]
    v[k] -= alpha
    const vv = v.reduce((s, x) => s + x * x, 0)
    if (vv === 0) continue
    for (let c = k; c < cols; c++) {
      let d = 0
      for (let i = k; i < rows; i++) d += v[i] * a[i][c]
      const f = (2 * d) / vv
      for (let i = k; i < rows; i++) a[i][c] -= f * v[i]
    }
    let d = 0
    for (let i = k; i < rows; i++) d += v[i] * y[i]
    const f = (2 * d) / vv
    for (let i = k; i < rows; i++) y[i] -= f * v[i]
  }
  const x = new Array<number>(cols).fill(0)
  for (let i = cols - 1; i >= 0; i--) {
    let s = y[i]
    for (let c = i + 1; c < cols; c++) s -= a[i][c] * x[c]
    if (Math.abs(a[i][i]) <= 1e-14 * Math.abs(a[0][0])) throw new Error('least squares: rank-deficient design')
    x[i] = s / a[i][i]
  }
  return x
}
