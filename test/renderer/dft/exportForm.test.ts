import { describe, expect, it } from 'vitest'
import { emptyExportForm, parseIdList, toExportInput } from '../../../src-renderer/dft/exportForm'

describe('parseIdList', () => {
  it('reads ids and inclusive ranges, keeping the first occurrence of each', () => {
    expect(parseIdList('1-3, 8 2;10')).toEqual({ ids: [1, 2, 3, 8, 10] })
  })

  it('names the part it cannot read', () => {
    expect(parseIdList('')).toEqual({ error: 'give configuration ids, e.g. 1-5, 8' })
    expect(parseIdList('1, x7')).toEqual({ error: '"x7" is not an id or a range like 3-7' })
    expect(parseIdList('9-3')).toEqual({ error: '"9-3": ids start at 1 and ranges go upwards' })
    expect(parseIdList('0')).toEqual({ error: '"0": ids start at 1 and ranges go upwards' })
  })
})

describe('toExportInput', () => {
  it('builds a QE export with the pseudopotential map, the SCF cap and the scheduler variables', () => {
    const form = emptyExportForm(['Si'])
    form.ids = '1-2'
    form.out = '/tmp/jobs'
    form.batch = 'si-scf'
    form.qe.ecutwfc = 12
    form.qe.kspacing = 1.2
    form.qe.electronMaxstep = 1
    const { input, errors } = toExportInput(form)
    expect(errors).toEqual({})
    expect(input).toEqual({
      code: 'qe',
      filter: { ids: [1, 2] },
      out: '/tmp/jobs',
      batch: 'si-scf',
      qe: { pseudoDir: '/usr/share/espresso/pseudo', pseudopotentials: { Si: 'Si.pbe-rrkj.UPF' }, ecutwfc: 12, kspacing: 1.2, convThr: 1e-8, electrons: { electron_maxstep: 1 } },
      scheduler: { ntasks: 1, walltime: '04:00:00', maxParallel: 50 },
    })
  })

  it('selects by tag or formula, VASP takes ENCUT, EAM needs no code settings', () => {
    const form = emptyExportForm(['Ag', 'Pd'])
    Object.assign(form, { code: 'vasp', selection: 'tag', tag: ' to-compute ', out: '/scratch' })
    expect(toExportInput(form).input).toMatchObject({ code: 'vasp', filter: { tag: 'to-compute' }, vasp: { encut: 520, kspacing: 0.25 } })
    Object.assign(form, { code: 'eam', selection: 'formula', formula: 'Ag2Pd2' })
    const eam = toExportInput(form).input!
    expect(eam.filter).toEqual({ formulas: ['Ag2Pd2'] })
    expect('qe' in eam || 'vasp' in eam).toBe(false)
  })

  it('reports every bad field at once and builds nothing', () => {
    const form = emptyExportForm(['Si'])
    form.ids = 'abc'
    form.out = 'relative/path'
    form.batch = 'bad name'
    form.qe.ecutwfc = 0
    form.qe.pseudopotentials.Si = ' '
    form.scheduler.walltime = '4h'
    const { input, errors } = toExportInput(form)
    expect(input).toBeNull()
    expect(Object.keys(errors).sort()).toEqual(['batch', 'ecutwfc', 'out', 'pseudopotentials', 'selection', 'walltime'])
    expect(errors.pseudopotentials).toBe('no pseudopotential for Si')
  })
})
