import { describe, expect, it } from 'vitest'
import { quarantineReason } from '../../../src-main/data/quality-gate'
import { emptyStructure, type ParsedStructure } from '../../../src-main/io/types'

function good(): ParsedStructure {
  const s = emptyStructure(2, { file: 'OUTCAR', frame: 0, parser: 'outcar', code: 'VASP', settings: {}, label: null })
  s.species = ['Si', 'Si']
  s.cell = [[3, 0, 0], [0, 3, 0], [0, 0, 3]]
  s.energy = -10
  s.energyKind = 'free'
  s.forces = new Float64Array(6)
  s.virial = new Float64Array(6)
  s.converged = true
  return s
}

describe('quality gate', () => {
  it('passes a complete converged frame', () => {
    expect(quarantineReason(good(), { forces: true, stress: true, natoms: 2, energyKind: 'free' })).toBeNull()
  })

  it('names every problem', () => {
    const s = good()
    s.converged = false
    s.forces = null
    s.virial = null
    s.energyKind = 'sigma0'
    expect(quarantineReason(s, { forces: true, stress: true, natoms: 3, energyKind: 'free' })).toBe(
      'SCF not converged; wrong atom count: 2, expected 3; no forces; no stress; energy kind sigma0 (energy(sigma->0)) but the project uses free (TOTEN)',
    )
  })

  it('catches non-finite numbers and inconsistent arrays', () => {
    const s = good()
    s.forces![4] = NaN
    s.virial![5] = Infinity
    s.positions = new Float64Array(3)
    expect(quarantineReason(s)).toBe('wrong atom count: 1 positions for 2 atoms; non-finite force of atom 2; non-finite stress component 6')
    const e = good()
    e.energy = NaN
    expect(quarantineReason(e)).toBe('energy is NaN')
  })

  it('does not call a plain total energy a mismatch, nor quarantine a structure without energy', () => {
    const s = good()
    s.energyKind = 'total'
    expect(quarantineReason(s, { energyKind: 'sigma0' })).toBeNull()
    s.energy = null
    s.forces = null
    expect(quarantineReason(s)).toBeNull()
  })
})
