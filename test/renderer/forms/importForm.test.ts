import { describe, expect, it } from 'vitest'
import { requests } from '../../../src-main/contract'
import { emptyImportForm, toImportInput } from '../../../src-renderer/forms/importForm'

describe('toImportInput', () => {
  it('needs at least one absolute path', () => {
    expect(toImportInput(emptyImportForm()).errors.paths).toBe('Give at least one file')
    expect(toImportInput({ ...emptyImportForm(), paths: '/data/a.cfg\nrelative.cfg' }).errors.paths).toBe('Not an absolute path: relative.cfg')
  })

  it('builds an input the contract accepts, leaving out what was not set', () => {
    const { input, errors } = toImportInput({
      ...emptyImportForm(),
      paths: ' /data/train.cfg \n\n/data/OUTCAR\n',
      species: 'Ag, Pd',
      energy: 'sigma0',
      expectForces: true,
      tags: 'md, 300K',
      group: 'liquid',
    })
    expect(errors).toEqual({})
    expect(input).toEqual({
      paths: ['/data/train.cfg', '/data/OUTCAR'],
      species: ['Ag', 'Pd'],
      energy: 'sigma0',
      expectForces: true,
      expectStress: false,
      skipDuplicates: false,
      group: 'liquid',
      tags: ['md', '300K'],
    })
    expect(requests['import/files'].input.safeParse(input).success).toBe(true)
  })

  it('passes a chosen format and refuses things that are not element symbols', () => {
    expect(toImportInput({ ...emptyImportForm(), paths: '/a.xyz', format: 'extxyz' }).input?.format).toBe('extxyz')
    expect(toImportInput({ ...emptyImportForm(), paths: '/a.cfg', species: 'Ag, 1' }).errors.species).toBe('Not an element symbol: 1')
  })
})
