/**
 * What the three loss weightings and the three weights mean, in plain words and as equations
 * (SCIENCE.md; paper eqs. 7, 11, 12). ΔE_k, Δf_i, Δσ_k: predicted − reference energy (eV), force
 * (eV/Å) and stress (eV) of configuration k with N_k atoms.
 */
import type { TrainingWeighting } from '../../src-main/contract/training'

export interface WeightingText {
  value: TrainingWeighting
  title: string
  /** For whom it is meant, in plain words. */
  plain: string
  equation: string
  /** The paper's equation number. */
  source: string
}

export const WEIGHTINGS: readonly WeightingText[] = [
  {
    value: 'molecules',
    title: 'Molecules',
    plain:
      'Every configuration counts as one object: its total-energy error enters once, whatever its size. Meant for molecules and clusters. With periodic crystals the large cells would dominate.',
    equation: 'L = Σₖ [ w_e ΔEₖ² + w_f Σᵢ |Δfᵢ|² + w_s |Δσₖ|² ]',
    source: 'eq. 7',
  },
  {
    value: 'structures',
    title: 'Structures',
    plain:
      'Errors are taken per atom: the energy per atom and the mean force error of each structure count the same, so a 2-atom cell matters as much as a 200-atom cell. Meant for sets of many different crystal structures (prototypes, relaxations, hull candidates).',
    equation: 'L = Σₖ [ w_e ΔEₖ²/Nₖ² + w_f Σᵢ |Δfᵢ|²/Nₖ + w_s |Δσₖ|²/Nₖ² ]',
    source: 'eq. 11',
  },
  {
    value: 'vibrations',
    title: 'Vibrations',
    plain:
      'The energy error per atom is weighted by the cell size and every atom’s force counts: a big cell contributes as much as its atoms do, like the many vibrating atoms of a molecular-dynamics snapshot. Meant for MD data; MLIP’s default.',
    equation: 'L = Σₖ [ w_e ΔEₖ²/Nₖ + w_f Σᵢ |Δfᵢ|² + w_s |Δσₖ|²/Nₖ ]',
    source: 'eq. 12',
  },
]

export interface WeightText {
  key: 'energyWeight' | 'forceWeight' | 'stressWeight'
  label: string
  symbol: string
  unit: string
  defaultValue: number
  /** What raising the weight changes. */
  effect: string
}

export const WEIGHTS: readonly WeightText[] = [
  {
    key: 'energyWeight',
    label: 'Energy weight',
    symbol: 'w_e',
    unit: '',
    defaultValue: 1,
    effect: 'Higher: energies, formation energies and the convex hull fit better, forces somewhat worse.',
  },
  {
    key: 'forceWeight',
    label: 'Force weight',
    symbol: 'w_f',
    unit: 'Å²',
    defaultValue: 0.01,
    effect: 'Higher: forces fit better (stable MD, relaxations, phonons), energies somewhat worse. 0 trains on energies alone.',
  },
  {
    key: 'stressWeight',
    label: 'Stress weight',
    symbol: 'w_s',
    unit: '',
    defaultValue: 0.001,
    effect: 'Higher: stresses fit better (lattice constants, elastic constants, equations of state). 0 ignores stresses.',
  },
]

export const weightingText = (w: TrainingWeighting): WeightingText => WEIGHTINGS.find((x) => x.value === w)!
