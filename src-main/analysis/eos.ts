/**
 * Third-order Birch–Murnaghan equation of state, E(V) per cell (eV, Å³):
 *
 *   E(V) = E0 + (9 V0 B0 / 16) · { (u − 1)³ B0′ + (u − 1)² (6 − 4u) },   u = (V0/V)^(2/3)
 *
 * Fit: E is exactly a cubic polynomial in t = V^(−2/3); a linear least-squares fit of that cubic
 * gives the start (t0 = stationary point, E0, and B0, B0′ from the Taylor coefficients about t0),
 * then Gauss–Newton on (E0, V0, B0, B0′) minimises the residuals in E itself. (BM3 is a
 * reparametrisation of that cubic, so the linear fit is already the least-squares optimum up to
 * round-off and Gauss–Newton only polishes it; `refineBirchMurnaghan` also serves other starts,
 * e.g. the previous ensemble member's fit.) B0 is reported in
 * GPa (1 eV/Å³ = 160.2176634 GPa). The strained cells to evaluate come from `isotropicStrainCells`.
 */
import type { Cell, Vec3 } from '../io/types.js'
import { cellVolume, EV_PER_A3_IN_GPA } from '../io/units.js'
import { ensembleSummary, type EnsembleSummary } from './ensemble-stats.js'
import { leastSquares } from './linalg.js'

export interface EosPoint {
  /** Å³ per cell. */
  volume: number
  /** eV per cell. */
  energy: number
}

export interface BirchMurnaghan {
  /** eV. */
  e0: number
  /** Å³. */
  v0: number
  /** GPa. */
  b0: number
  b0Prime: number
  /** Root-mean-square residual of the fit, eV. */
  rmse: number
  /** Whether V0 lies inside the fitted volume range (outside: an extrapolation, treat with care). */
  v0InRange: boolean
}

/** E(V) of the BM3 form; b0 in eV/Å³. */
export function birchMurnaghanEnergy(v: number, p: { e0: number; v0: number; b0: number; b0Prime: number }): number {
  const w = (p.v0 / v) ** (2 / 3) - 1
  return p.e0 + ((9 * p.v0 * p.b0) / 16) * (w ** 3 * p.b0Prime + w * w * (2 - 4 * w))
}

/** Residual derivatives ∂E/∂(e0, v0, b0, b0′) at v (b0 in eV/Å³). */
function jacobianRow(v: number, e0: number, v0: number, b0: number, bp: number): number[] {
  const u = (v0 / v) ** (2 / 3)
  const w = u - 1
  const s = w ** 3 * bp + w * w * (2 - 4 * w)
  const dsdu = 3 * w * w * bp + 4 * w - 12 * w * w
  const k = (9 / 16) * v0 * b0
  return [1, (9 / 16) * b0 * s + k * dsdu * ((2 / 3) * u) / v0, (9 / 16) * v0 * s, k * w ** 3]
}

export function fitBirchMurnaghan(points: readonly EosPoint[]): BirchMurnaghan {
  if (points.length < 5) throw new Error(`a Birch–Murnaghan fit needs at least 5 points, got ${points.length}`)
  const vs = points.map((p) => p.volume)
  const es = points.map((p) => p.energy)
  // Cubic in t scaled to O(1) (t/tm) so the design is well conditioned.
  const tm = vs.reduce((a, v) => a + v ** (-2 / 3), 0) / vs.length
  const ts = vs.map((v) => v ** (-2 / 3) / tm)
  const [, b, c, d] = leastSquares(
    ts.map((t) => [1, t, t * t, t ** 3]),
    es,
  )
  // Stationary point b + 2c s + 3d s² = 0 with positive curvature 2c + 6d s > 0, nearest the data.
  const roots: number[] = []
  if (Math.abs(d) < 1e-300) roots.push(-b / (2 * c))
  else {
    const disc = 4 * c * c - 12 * d * b
    if (disc >= 0) roots.push((-2 * c + Math.sqrt(disc)) / (6 * d), (-2 * c - Math.sqrt(disc)) / (6 * d))
  }
  const minima = roots.filter((s) => s > 0 && 2 * c + 6 * d * s > 0)
  if (minima.length === 0) throw new Error('E(V) has no minimum: the points do not bracket an equilibrium volume')
  const mid = ts.reduce((a, t) => a + t, 0) / ts.length
  const s0 = minima.reduce((a, s) => (Math.abs(s - mid) < Math.abs(a - mid) ? s : a))
  // Taylor coefficients about s0 in s: p2 = c + 3 d s0, p3 = d; with w = s/s0 − 1:
  // E = E0 + p2 s0² w² + p3 s0³ w³ = E0 + K (2w² + (B0′ − 4) w³), K = 9 V0 B0 / 16.
  const v0Start = (s0 * tm) ** (-3 / 2)
  const kStart = ((c + 3 * d * s0) * s0 * s0) / 2
  let p = {
    e0: 0,
    v0: v0Start,
    b0: (16 * kStart) / (9 * v0Start),
    b0Prime: 4 + (d * s0 ** 3) / kStart,
  }
  p.e0 = es.reduce((a, e, i) => a + e - birchMurnaghanEnergy(vs[i], { ...p, e0: 0 }), 0) / es.length
  p = gaussNewton(vs, es, p)
  const residuals = es.map((e, i) => e - birchMurnaghanEnergy(vs[i], p))
  return {
    e0: p.e0,
    v0: p.v0,
    b0: p.b0 * EV_PER_A3_IN_GPA,
    b0Prime: p.b0Prime,
    rmse: Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / residuals.length),
    v0InRange: p.v0 >= Math.min(...vs) && p.v0 <= Math.max(...vs),
  }
}

type Params = { e0: number; v0: number; b0: number; b0Prime: number }

/** Gauss–Newton with step halving from `start` (b0 in eV/Å³); returns the refined parameters. */
export function refineBirchMurnaghan(points: readonly EosPoint[], start: Params): Params {
  return gaussNewton(
    points.map((p) => p.volume),
    points.map((p) => p.energy),
    start,
  )
}

function gaussNewton(vs: number[], es: number[], start: Params): Params {
  let p = start
  const sse = (q: Params) => es.reduce((a, e, i) => a + (e - birchMurnaghanEnergy(vs[i], q)) ** 2, 0)
  let cost = sse(p)
  for (let iter = 0; iter < 50; iter++) {
    const j = vs.map((v) => jacobianRow(v, p.e0, p.v0, p.b0, p.b0Prime))
    const r = es.map((e, i) => e - birchMurnaghanEnergy(vs[i], p))
    let step: number[]
    try {
      step = leastSquares(j, r)
    } catch {
      return p
    }
    // Halve the step until the sum of squares does not grow (plain GN can overshoot far from V0).
    let accepted = false
    for (let h = 1; h > 1e-6; h /= 2) {
      const q = { e0: p.e0 + h * step[0], v0: p.v0 + h * step[1], b0: p.b0 + h * step[2], b0Prime: p.b0Prime + h * step[3] }
      const qc = sse(q)
      if (q.v0 > 0 && qc <= cost) {
        const small = Math.abs(h * step[1]) <= 1e-14 * p.v0 && Math.abs(h * step[2]) <= 1e-14 * Math.abs(p.b0)
        p = q
        accepted = true
        if (small || cost - qc <= 1e-30) return p
        cost = qc
        break
      }
    }
    if (!accepted) return p
  }
  return p
}

/**
 * Isotropically scaled copies of a cell: `points` volumes evenly spaced over V_ref·[1 − range,
 * 1 + range] (range is a volume fraction, e.g. 0.1 for ±10 %). Positions scale with the cell.
 */
export function isotropicStrainCells(cell: Cell, range: number, points: number): { volume: number; scale: number; cell: Cell }[] {
  const v = cellVolume(cell)
  if (!(v > 0)) throw new Error('E–V needs a fully periodic cell')
  if (!(range > 0 && range < 1) || points < 5) throw new Error('E–V needs 0 < range < 1 and at least 5 points')
  return Array.from({ length: points }, (_, k) => {
    const volume = v * (1 - range + (2 * range * k) / (points - 1))
    const scale = (volume / v) ** (1 / 3)
    const scaled = cell.map((row) => row!.map((x) => x * scale) as Vec3) as Cell
    return { volume: cellVolume(scaled), scale, cell: scaled }
  })
}

/**
 * Cubic lattice constant (Å) from the equilibrium volume of a cell of `natoms` atoms, for a lattice
 * with `atomsPerConventionalCell` atoms in its cubic cell (sc 1, bcc 2, fcc 4, diamond 8).
 */
export function cubicLatticeConstant(v0: number, natoms: number, atomsPerConventionalCell: number): number {
  return ((v0 / natoms) * atomsPerConventionalCell) ** (1 / 3)
}

export interface EosEnsemble {
  members: BirchMurnaghan[]
  v0: EnsembleSummary
  e0: EnsembleSummary
  b0: EnsembleSummary
  b0Prime: EnsembleSummary
}

/** One fit per ensemble member (each a list of E–V points), with mean and 95 % intervals. */
export function fitEosEnsemble(members: readonly (readonly EosPoint[])[]): EosEnsemble {
  const fits = members.map((m) => fitBirchMurnaghan(m))
  return {
    members: fits,
    v0: ensembleSummary(fits.map((f) => f.v0)),
    e0: ensembleSummary(fits.map((f) => f.e0)),
    b0: ensembleSummary(fits.map((f) => f.b0)),
    b0Prime: ensembleSummary(fits.map((f) => f.b0Prime)),
  }
}
