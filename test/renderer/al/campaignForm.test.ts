import { describe, expect, it } from 'vitest'
import { alSpec } from '../../../src-main/contract/al'
import { emptyCampaignForm, emptyMdScenario, mtpLevels, parsePseudopotentials, toCampaignSpec } from '../../../src-renderer/al/campaignForm'

describe('toCampaignSpec', () => {
  it('turns the default form into a valid EAM campaign on all configurations', () => {
    const { spec, errors } = toCampaignSpec({ ...emptyCampaignForm('Ag–Pd'), level: 4, initialSize: '4', maxIterations: '3' })
    expect(errors).toEqual({})
    const parsed = alSpec.parse(spec)
    expect(parsed).toMatchObject({ name: 'Ag–Pd', candidates: {}, level: 4, initialSize: 4, maxIterations: 3, gammaSelect: 2, gammaBreak: 10 })
    expect(parsed.reference).toEqual({ kind: 'eam', concurrency: 1 })
    expect(parsed.relax).toMatchObject({ forceTol: 0.001, maxIter: 300 })
    expect(parsed.md).toEqual([])
  })

  it('uses tags for candidates and validation, and MD scenarios with units as typed', () => {
    const form = { ...emptyCampaignForm(), candidatesBy: 'tag' as const, candidatesValue: 'fcc', validationTag: 'holdout', md: [{ ...emptyMdScenario(), temperature: '900', steps: '5000', cellScale: '1.05' }] }
    const parsed = alSpec.parse(toCampaignSpec(form).spec)
    expect(parsed.candidates).toEqual({ tag: 'fcc' })
    expect(parsed.validation).toEqual({ tag: 'holdout' })
    expect(parsed.md[0]).toMatchObject({ temperature: 900, steps: 5000, timestep: 1, cellScale: 1.05, thermostat: 'langevin' })
  })

  it('shows the contract’s rules under the field they concern', () => {
    expect(toCampaignSpec({ ...emptyCampaignForm(), gammaSelect: '5', gammaBreak: '3' }).errors.gammaBreak).toMatch(/γ_break/)
    expect(toCampaignSpec({ ...emptyCampaignForm(), gammaSelect: '0.5' }).errors.gammaSelect).toBeDefined()
    expect(toCampaignSpec({ ...emptyCampaignForm(), name: '  ' }).errors.name).toBeDefined()
    expect(toCampaignSpec({ ...emptyCampaignForm(), candidatesBy: 'tag' }).errors.candidatesValue).toMatch(/tag of the candidates/)
    const noExploration = toCampaignSpec({ ...emptyCampaignForm(), candidatesBy: 'none', relax: false })
    expect(noExploration.spec).toBeNull()
    expect(noExploration.errors.candidatesValue).toMatch(/candidates|MD/)
    const badMd = toCampaignSpec({ ...emptyCampaignForm(), md: [{ ...emptyMdScenario(), temperature: 'hot' }] })
    expect(badMd.errors.md).toMatch(/^MD scenario 1:/)
  })

  it('builds local QE and exported VASP references', () => {
    const qeForm = { ...emptyCampaignForm(), reference: 'qe-local' as const, pseudopotentials: 'Si=Si.pbe-rrkj.UPF', pseudoDir: '/usr/share/espresso/pseudo', ecutwfc: '30', kspacing: '0.3', pwCommand: 'mpirun -np 2 pw.x' }
    const qe = alSpec.parse(toCampaignSpec(qeForm).spec).reference
    expect(qe).toEqual({ kind: 'qe-local', qe: { pseudopotentials: { Si: 'Si.pbe-rrkj.UPF' }, pseudoDir: '/usr/share/espresso/pseudo', ecutwfc: 30, kspacing: 0.3 }, pwCommand: 'mpirun -np 2 pw.x', concurrency: 1 })
    const vasp = alSpec.parse(toCampaignSpec({ ...emptyCampaignForm(), reference: 'export', exportCode: 'vasp', exportOut: '/tmp/jobs', encut: '520' }).spec).reference
    expect(vasp).toEqual({ kind: 'export', code: 'vasp', out: '/tmp/jobs', vasp: { encut: 520, kspacing: 0.25 } })
    expect(toCampaignSpec({ ...emptyCampaignForm(), reference: 'export', exportOut: 'jobs' }).errors.exportOut).toMatch(/absolute/)
    expect(toCampaignSpec({ ...qeForm, pseudopotentials: 'Si Si.UPF' }).errors.pseudopotentials).toMatch(/element=file/)
  })
})

describe('parsePseudopotentials and levels', () => {
  it('reads element=file lists', () => {
    expect(parsePseudopotentials('Ag=Ag.UPF, Pd: Pd.UPF\n')).toEqual({ map: { Ag: 'Ag.UPF', Pd: 'Pd.UPF' } })
    expect(parsePseudopotentials('ag=x')).toEqual({ bad: 'ag=x' })
  })

  it('offers the even levels 2…28', () => {
    expect(mtpLevels[0]).toBe(2)
    expect(mtpLevels[mtpLevels.length - 1]).toBe(28)
    expect(mtpLevels).toHaveLength(14)
  })
})
