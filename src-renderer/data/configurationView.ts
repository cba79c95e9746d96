import type { StructureData, Vec3 } from '../structure/sceneModel'

/** 1 eV/Å³ in GPa (CODATA 2018: e·10^30 Pa / 10^9). */
export const eVPerCubicAngstromInGPa = 160.21766208

/** The fields of a configuration the detail panel derives its views from (subset of the contract's). */
export interface ConfigurationGeometry {
  cell: readonly [Vec3 | null, Vec3 | null, Vec3 | null]
  species: readonly string[]
  positions: readonly Vec3[]
}

/**
 * The viewer's input: species indexed in the project's type order when given (so colours match
 * across configurations), else in order of first appearance. A cell with a missing (non-periodic)
 * vector is shown without cell or images.
 */
export function toStructureData(config: ConfigurationGeometry, projectSpecies: readonly string[] = []): StructureData {
  const labels = [...projectSpecies]
  const indexOf = new Map(labels.map((s, i) => [s, i]))
  const species = config.species.map((s) => {
    let i = indexOf.get(s)
    if (i === undefined) {
      i = labels.length
      labels.push(s)
      indexOf.set(s, i)
    }
    return i
  })
  const [a, b, c] = config.cell
  return { cell: a && b && c ? [a, b, c] : null, positions: config.positions, species, speciesLabels: labels }
}

export interface CellParameters {
  /** Lattice vector lengths, Å. */
  a: number
  b: number
  c: number
  /** Angles between b–c, a–c, a–b, degrees. */
  alpha: number
  beta: number
  gamma: number
  /** |a · (b × c)|, Å³. */
  volume: number
}

const dot = (u: Vec3, v: Vec3) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2]
const norm = (u: Vec3) => Math.sqrt(dot(u, u))
const angle = (u: Vec3, v: Vec3) => (Math.acos(Math.min(1, Math.max(-1, dot(u, v) / (norm(u) * norm(v))))) * 180) / Math.PI

export function cellParameters(cell: readonly [Vec3, Vec3, Vec3]): CellParameters {
  const [a, b, c] = cell
  const cross: Vec3 = [b[1] * c[2] - b[2] * c[1], b[2] * c[0] - b[0] * c[2], b[0] * c[1] - b[1] * c[0]]
  return { a: norm(a), b: norm(b), c: norm(c), alpha: angle(b, c), beta: angle(a, c), gamma: angle(a, b), volume: Math.abs(dot(a, cross)) }
}

/** Largest force magnitude, eV/Å. */
export function maxForce(forces: readonly Vec3[]): number {
  let max = 0
  for (const f of forces) max = Math.max(max, norm(f))
  return max
}

/**
 * Tension-positive Cauchy stress σ in GPa from MLIP's PlusStress virial W (eV, Voigt xx yy zz yz
 * xz xy): W = −V·σ (MLIP_FORMATS.md §1.3), so σ = −W / V. A compressed cell has σ < 0 here, while
 * W, VASP's "in kB" line and MLIP's "Stresses (in GPa)" report are positive (pressure-like).
 */
export function stressFromVirial(virial: readonly number[], volume: number): number[] {
  if (virial.length !== 6) throw new Error(`a virial has 6 Voigt components, got ${virial.length}`)
  if (!(volume > 0)) throw new Error(`volume must be positive, got ${volume}`)
  return virial.map((w) => (-w / volume) * eVPerCubicAngstromInGPa)
}
