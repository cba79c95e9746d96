/**
 * Elastic constants from ±strain finite differences of the stress.
 *
 * Strain in Voigt form e = (e_xx, e_yy, e_zz, γ_yz, γ_xz, γ_xy) with engineering shears γ = 2ε.
 * A strain applies the symmetric deformation F = I + ε to the cell: every lattice row a becomes
 * a·F (F symmetric). Stress comes in the project's convention, the virial W = −V·σ in eV (MLIP's
 * PlusStress, compressive positive, order xx yy zz yz xz xy), so the tension-positive stress of
 * the strained cell of volume V is σ = −W / V (eV/Å³), and
 *
 *   C_ij = [σ_i(+δ e_j) − σ_i(−δ e_j)] / (2δ)      (GPa after × 160.2176634)
 *
 * A compressed cell (δ < 0 along xx) has W_xx > 0 and σ_xx < 0, so C11 > 0. Central differences
 * cancel a residual stress and the O(δ²) terms; δ ≈ 0.5–1 % with relaxed ions is usual.
 */
import type { Cell, Vec3 } from '../io/types.js'
import { cellVolume, EV_PER_A3_IN_GPA } from '../io/units.js'
import { ensembleSummary, type EnsembleSummary } from './ensemble-stats.js'

export interface StrainedCell {
  /** Voigt component 0–5 strained. */
  component: number
  /** +1 or −1. */
  sign: 1 | -1
  /** The Voigt strain applied (engineering shears). */
  strain: number[]
  cell: Cell
}

/** 3×3 symmetric ε from Voigt strain with engineering shears. */
export function strainTensor(e: readonly number[]): number[][] {
  return [
    [e[0], e[5] / 2, e[4] / 2],
    [e[5] / 2, e[1], e[3] / 2],
    [e[4] / 2, e[3] / 2, e[2]],
  ]
}

/** The cell deformed by F = I + ε (rows a → a·F). Fractional coordinates stay as they are. */
export function strainCell(cell: Cell, voigtStrain: readonly number[]): Cell {
  const eps = strainTensor(voigtStrain)
  return cell.map((row) => {
    if (!row) throw new Error('elastic constants need a fully periodic cell')
    return [0, 1, 2].map((j) => row[j] + row[0] * eps[0][j] + row[1] * eps[1][j] + row[2] * eps[2][j]) as Vec3
  }) as Cell
}

/** The 12 cells of ±delta along each Voigt component (6 when `components` limits them). */
export function elasticStrainSet(cell: Cell, delta: number, components: readonly number[] = [0, 1, 2, 3, 4, 5]): StrainedCell[] {
  if (!(delta > 0 && delta < 0.1)) throw new Error('strain delta must be in (0, 0.1)')
  const out: StrainedCell[] = []
  for (const component of components)
    for (const sign of [1, -1] as const) {
      const strain = [0, 0, 0, 0, 0, 0]
      strain[component] = sign * delta
      out.push({ component, sign, strain, cell: strainCell(cell, strain) })
    }
  return out
}

export interface StrainedStress {
  component: number
  sign: 1 | -1
  /** The magnitude δ of the strain applied. */
  delta: number
  /** Virial W = −V·σ of the strained cell, eV, xx yy zz yz xz xy. */
  virial: readonly number[]
  /** Volume of the strained cell, Å³. */
  volume: number
}

export interface ElasticResult {
  /** 6×6 Voigt stiffness in GPa, symmetrised (C + Cᵀ)/2; rows of components not strained are NaN. */
  c: number[][]
  /** max |C_ij − C_ji| / 2 before symmetrising, GPa (a measure of finite-strain and noise error). */
  asymmetry: number
  cubic: { c11: number; c12: number; c44: number; bulkModulus: number } | null
}

/** Stiffness from the stresses of the ± strained cells (from `elasticStrainSet`, evaluated by an engine). */
export function elasticConstants(samples: readonly StrainedStress[]): ElasticResult {
  const raw = Array.from({ length: 6 }, () => new Array<number>(6).fill(NaN))
  const strained = new Set<number>()
  for (let j = 0; j < 6; j++) {
    const plus = samples.find((s) => s.component === j && s.sign === 1)
    const minus = samples.find((s) => s.component === j && s.sign === -1)
    if (!plus && !minus) continue
    if (!plus || !minus || plus.delta !== minus.delta) throw new Error(`component ${j}: need +δ and −δ with the same δ`)
    strained.add(j)
    for (let i = 0; i < 6; i++) {
      const sp = -plus.virial[i] / plus.volume
      const sm = -minus.virial[i] / minus.volume
      raw[i][j] = ((sp - sm) / (2 * plus.delta)) * EV_PER_A3_IN_GPA
    }
  }
  let asymmetry = 0
  const c = raw.map((row, i) =>
    row.map((v, j) => {
      if (!strained.has(j)) return NaN
      if (!strained.has(i)) return v
      asymmetry = Math.max(asymmetry, Math.abs(v - raw[j][i]) / 2)
      return (v + raw[j][i]) / 2
    }),
  )
  const all = [0, 1, 2, 3, 4, 5].every((k) => strained.has(k))
  let cubic = null
  if (all) {
    const c11 = (c[0][0] + c[1][1] + c[2][2]) / 3
    const c12 = (c[0][1] + c[0][2] + c[1][2]) / 3
    const c44 = (c[3][3] + c[4][4] + c[5][5]) / 3
    cubic = { c11, c12, c44, bulkModulus: (c11 + 2 * c12) / 3 }
  }
  return { c, asymmetry, cubic }
}

export interface ElasticEnsemble {
  members: ElasticResult[]
  /** Per Voigt entry, over the members. */
  c: EnsembleSummary[][]
  cubic: { c11: EnsembleSummary; c12: EnsembleSummary; c44: EnsembleSummary; bulkModulus: EnsembleSummary } | null
}

export function elasticEnsemble(members: readonly (readonly StrainedStress[])[]): ElasticEnsemble {
  const fits = members.map((m) => elasticConstants(m))
  const c = [0, 1, 2, 3, 4, 5].map((i) => [0, 1, 2, 3, 4, 5].map((j) => ensembleSummary(fits.map((f) => f.c[i][j]))))
  const cubics = fits.map((f) => f.cubic)
  const cubic = cubics.every((x) => x !== null)
    ? {
        c11: ensembleSummary(cubics.map((x) => x!.c11)),
        c12: ensembleSummary(cubics.map((x) => x!.c12)),
        c44: ensembleSummary(cubics.map((x) => x!.c44)),
        bulkModulus: ensembleSummary(cubics.map((x) => x!.bulkModulus)),
      }
    : null
  return { members: fits, c, cubic }
}

/** Volume of a strained cell (for pairing engine virials with `StrainedStress.volume`). */
export const strainedVolume = (s: StrainedCell): number => cellVolume(s.cell)
