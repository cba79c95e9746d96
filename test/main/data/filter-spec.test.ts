import { describe, expect, it } from 'vitest'
import { parseFilterSpecs } from '../../../src-main/data/filter-spec'

describe('filter specs', () => {
  it('parses every key and combines terms', () => {
    expect(
      parseFilterSpecs(['source=train.cfg', 'tag=AL', 'formula=Mo54,Mo53', 'elements=Mo,Ta', 'only=Mo,Ta,Nb', 'energy-min=-11', 'energy-max=-10.5', 'forces=yes', 'stress=no', 'quarantined=false', 'duplicate=no', 'ids=3,4', 'job=7', 'group=Elastic']),
    ).toEqual({
      source: 'train.cfg',
      tag: 'AL',
      formulas: ['Mo54', 'Mo53'],
      elements: ['Mo', 'Ta'],
      onlyElements: ['Mo', 'Ta', 'Nb'],
      energyMin: -11,
      energyMax: -10.5,
      hasForces: true,
      hasVirial: false,
      quarantined: false,
      duplicate: false,
      ids: [3, 4],
      dftJobId: 7,
      group: 'Elastic',
    })
  })

  it('explains bad terms', () => {
    expect(() => parseFilterSpecs(['colour=red'])).toThrow(/unknown filter key "colour"/)
    expect(() => parseFilterSpecs(['tag'])).toThrow(/expected key=value/)
    expect(() => parseFilterSpecs(['energy-min=low'])).toThrow(/energy-min: expected a number/)
    expect(() => parseFilterSpecs(['forces=maybe'])).toThrow(/forces: expected yes or no/)
    expect(() => parseFilterSpecs(['ids=1,x'])).toThrow(/ids: expected a number/)
    expect(() => parseFilterSpecs(['ids=1.5'])).toThrow(/ids: expected a positive integer/)
  })
})
