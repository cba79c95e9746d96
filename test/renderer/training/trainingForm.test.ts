import { describe, expect, it } from 'vitest'
import { trainingSpec } from '../../../src-main/contract/training'
import { checkTrainingForm, defaultTrainingForm, formFromQuery, specFromForm } from '../../../src-renderer/training/trainingForm'

describe('training wizard form', () => {
  it('takes the new-potential wizard’s choice from the route query', () => {
    const f = formFromQuery({ level: '20', species: 'Ag,Pd', radialBasisSize: '10', minDist: '2.1', maxDist: '5.5', trainingSetId: '3', other: 'x' })
    expect(f).toMatchObject({ level: 20, species: ['Ag', 'Pd'], radialBasisSize: 10, minDist: 2.1, maxDist: 5.5, trainingSetId: 3 })
    expect(formFromQuery({ level: 'abc', minDist: '' })).toEqual(defaultTrainingForm())
    expect(formFromQuery({ level: ['12', '14'] }).level).toBe(12)
  })

  it('carries the new-potential wizard’s untrained potential into the request', () => {
    const f = formFromQuery({ untrainedPotentialId: '7', level: '16', species: 'Mo', radialBasisSize: '8', minDist: '1.9', maxDist: '5.2' })
    expect(f).toMatchObject({ templatePotentialId: 7, level: 16, species: ['Mo'], minDist: 1.9, maxDist: 5.2 })
    for (const bad of ['0', '-2', '1.5', 'x', '']) expect(formFromQuery({ untrainedPotentialId: bad }).templatePotentialId).toBeNull()
    const spec = specFromForm({ ...f, trainingSetId: 2 })
    expect(spec).toMatchObject({ templatePotentialId: 7, level: 16 })
    expect(trainingSpec.parse(spec).templatePotentialId).toBe(7)
    expect(specFromForm({ ...defaultTrainingForm(), trainingSetId: 2 })).not.toHaveProperty('templatePotentialId')
  })

  it('names what is wrong, with units', () => {
    const f = { ...defaultTrainingForm(), trainingSetId: 1, level: 30, minDist: 6, maxDist: 5, validationPercent: 80, energyWeight: -1 }
    const e = checkTrainingForm(f)
    expect(e.level).toMatch(/2 to 28/)
    expect(e.minDist).toMatch(/5 Å/)
    expect(e.validationPercent).toMatch(/50 %/)
    expect(e.energyWeight).toMatch(/0 or more/)
    expect(checkTrainingForm({ ...defaultTrainingForm(), trainingSetId: 1 })).toEqual({})
    expect(checkTrainingForm(defaultTrainingForm()).trainingSetId).toBeDefined()
    expect(checkTrainingForm({ ...defaultTrainingForm(), trainingSetId: 1, energyWeight: 0, forceWeight: 0, stressWeight: 0 }).energyWeight).toMatch(/At least one/)
  })

  it('becomes a request the contract accepts, with MLIP’s defaults', () => {
    const spec = specFromForm({ ...defaultTrainingForm(), trainingSetId: 4, validationPercent: 25, name: '  Mo L16 ' })
    expect(spec).toEqual({ trainingSetId: 4, level: 16, maxDist: 5, radialBasisSize: 8, weighting: 'vibrations', energyWeight: 1, forceWeight: 0.01, stressWeight: 0.001, ensemble: 1, validationFraction: 0.25, seed: 1, maxIterations: 200, name: 'Mo L16' })
    expect(trainingSpec.safeParse(spec).success).toBe(true)
    expect(specFromForm({ ...defaultTrainingForm(), trainingSetId: 1, species: ['Mo'], minDist: 1.9 })).toMatchObject({ species: ['Mo'], minDist: 1.9 })
    expect(() => specFromForm(defaultTrainingForm())).toThrow(/no training set/)
  })
})
