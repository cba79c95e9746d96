/**
 * The import quality gate: a frame that parses but must not be trained on is stored with a
 * readable quarantine reason (unconverged SCF, missing forces or stress that were expected, a
 * non-finite number, a wrong atom count, an energy kind other than the project's). Training
 * excludes quarantined configurations unless the user overrides one.
 */
import type { EnergyKind, ParsedStructure } from '../io/types.js'

export interface QualityExpectations {
  /** Forces must be present (DFT outputs, DFT job results). */
  forces?: boolean
  /** Stress must be present (jobs run with tstress / ISIF ≥ 2). */
  stress?: boolean
  /** The exact atom count (a DFT job's result must match its input). */
  natoms?: number
  /**
   * The project's energy kind ('free' = VASP TOTEN, 'sigma0' = energy(σ→0), 'total'): a frame
   * of another kind is quarantined, because mixing them shifts energies by the smearing term.
   */
  energyKind?: EnergyKind | null
}

function firstNonFinite(a: ArrayLike<number> | null): number {
  if (!a) return -1
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i
  return -1
}

const KIND_NAMES: Record<EnergyKind, string> = { free: 'TOTEN', sigma0: 'energy(sigma->0)', total: 'total energy', unknown: 'unknown' }

/**
 * Only VASP's two energies are told apart: 'total' (QE, MLIP, mlearn) does not say which one a
 * VASP-derived number was, so it is never called a mismatch.
 */
export const isVaspKind = (k: EnergyKind): boolean => k === 'free' || k === 'sigma0'

/** Reasons, joined by '; ', or null when the frame may be trained on. */
export function quarantineReason(s: ParsedStructure, expect: QualityExpectations = {}): string | null {
  const reasons: string[] = []
  if (s.converged === false) reasons.push('SCF not converged')
  if (expect.natoms !== undefined && s.natoms !== expect.natoms) reasons.push(`wrong atom count: ${s.natoms}, expected ${expect.natoms}`)
  if (s.positions.length !== 3 * s.natoms) reasons.push(`wrong atom count: ${s.positions.length / 3} positions for ${s.natoms} atoms`)
  if (s.species && s.species.length !== s.natoms) reasons.push(`wrong atom count: ${s.species.length} species for ${s.natoms} atoms`)
  if (s.forces && s.forces.length !== 3 * s.natoms) reasons.push(`wrong atom count: ${s.forces.length / 3} forces for ${s.natoms} atoms`)
  // No energy is not a defect (POSCAR candidates); training simply has nothing to fit there.
  if (s.energy !== null && !Number.isFinite(s.energy)) reasons.push(`energy is ${s.energy}`)
  if (expect.forces && !s.forces) reasons.push('no forces')
  if (expect.stress && !s.virial) reasons.push('no stress')
  const checks: [string, ArrayLike<number> | null, number][] = [
    ['position', s.positions, 3],
    ['force', s.forces, 3],
    ['stress', s.virial, 1],
    ['cell', s.cell.flatMap((r) => r ?? []), 3],
  ]
  for (const [what, a, width] of checks) {
    const k = firstNonFinite(a)
    if (k >= 0) reasons.push(width === 3 && what !== 'cell' ? `non-finite ${what} of atom ${Math.floor(k / 3) + 1}` : `non-finite ${what} component ${k + 1}`)
  }
  const kind = expect.energyKind
  if (kind && s.energy !== null && s.energyKind && isVaspKind(kind) && isVaspKind(s.energyKind) && s.energyKind !== kind)
    reasons.push(`energy kind ${s.energyKind} (${KIND_NAMES[s.energyKind]}) but the project uses ${kind} (${KIND_NAMES[kind]})`)
  return reasons.length ? reasons.join('; ') : null
}
