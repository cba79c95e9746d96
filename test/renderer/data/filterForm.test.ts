import { describe, expect, it } from 'vitest'
import { emptyFilterForm, toConfigurationFilter } from '../../../src-renderer/data/filterForm'
import { configurationFilter } from '../../../src-main/contract'

describe('toConfigurationFilter', () => {
  it('sends nothing for an empty form', () => {
    expect(toConfigurationFilter(emptyFilterForm())).toEqual({ filter: {}, errors: {}, active: 0 })
  })

  it('combines every set condition into a filter the contract accepts', () => {
    const result = toConfigurationFilter({
      ...emptyFilterForm(),
      formulas: ' Mo54, Mo53 ,',
      elements: ['Mo', 'Ta'],
      onlyElements: true,
      energyMin: '−11.2',
      energyMax: '-10',
      source: 'train.cfg',
      tag: 'bcc',
      forces: 'yes',
      stress: 'no',
      quarantined: 'no',
    })
    expect(result.errors).toEqual({})
    expect(result.filter).toEqual({
      formulas: ['Mo54', 'Mo53'],
      onlyElements: ['Mo', 'Ta'],
      energyMin: -11.2,
      energyMax: -10,
      source: 'train.cfg',
      tag: 'bcc',
      hasForces: true,
      hasVirial: false,
      quarantined: false,
    })
    expect(result.active).toBe(9)
    expect(configurationFilter.safeParse(result.filter).success).toBe(true)
  })

  it('uses "contains all" for elements unless only those are allowed', () => {
    expect(toConfigurationFilter({ ...emptyFilterForm(), elements: ['Ag'] }).filter).toEqual({ elements: ['Ag'] })
  })

  it('explains bad numbers, an inverted range and malformed formulas', () => {
    expect(toConfigurationFilter({ ...emptyFilterForm(), energyMin: 'abc' }).errors).toEqual({ energyMin: 'Not a number' })
    expect(toConfigurationFilter({ ...emptyFilterForm(), energyMin: '-3', energyMax: '-4' }).errors.energyMax).toMatch(/below the minimum/)
    expect(toConfigurationFilter({ ...emptyFilterForm(), formulas: 'Mo54, mo3' }).errors.formulas).toMatch(/Mo54/)
    expect(toConfigurationFilter({ ...emptyFilterForm(), formulas: 'Ag' }).errors.formulas).toBeDefined()
  })
})
