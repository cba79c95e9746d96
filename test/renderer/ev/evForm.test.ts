import { describe, expect, it } from 'vitest'
import type { ElasticResultView, EnsembleSummaryView } from '../../../src-main/contract/ev-elastic'
import type { PotentialSummary } from '../../../src-main/contract/potentials'
import { cubicRows, elasticMatrixCells, forceFieldOptions, interval, structureInput, structureProblem } from '../../../src-renderer/ev/evForm'

const pot = (id: number, over: Partial<PotentialSummary> = {}): PotentialSummary => ({
  id,
  name: `p${id}`,
  level: 16,
  species: ['Mo'],
  minDist: 1.9,
  maxDist: 5.2,
  radialBasisSize: 8,
  basisFunctions: 92,
  parameters: 125,
  trained: true,
  trainingRunId: null,
  ensemble: null,
  ensembleIndex: null,
  errors: {},
  createdAt: '',
  ...over,
})

const summary = (mean: number, half: number, n = 5): EnsembleSummaryView => ({ n, mean, std: half / 1.96, halfWidth95: half, lo95: mean - half, hi95: mean + half, min: mean, max: mean })

describe('E–V form', () => {
  it('turns the structure form into the contract input and explains what is missing', () => {
    const f = { source: 'lattice' as const, lattice: 'bcc' as const, element: 'Mo', a: 3.16, repeat: 1, configurationId: null }
    expect(structureInput(f)).toEqual({ kind: 'lattice', lattice: 'bcc', element: 'Mo', a: 3.16, repeat: 1 })
    expect(structureProblem(f)).toBeNull()
    expect(structureProblem({ ...f, element: 'mo' })).toContain('element symbol')
    expect(structureProblem({ ...f, a: 0 })).toContain('lattice constant')
    expect(structureInput({ ...f, source: 'configuration', configurationId: 12 })).toEqual({ kind: 'configuration', id: 12 })
    expect(structureProblem({ ...f, source: 'configuration' })).toContain('configuration id')
  })

  it('offers ensembles first, then trained single potentials, then the EAM reference; never untrained ones', () => {
    const list = [pot(1, { ensemble: 'e', ensembleIndex: 0 }), pot(2, { ensemble: 'e', ensembleIndex: 1 }), pot(3, { trained: false }), pot(4)]
    const o = forceFieldOptions(list, ['Mo'])
    expect(o.map((x) => x.value)).toEqual(['ensemble:e', 'potential:1', 'potential:2', 'potential:4', 'eam:Mo'])
    expect(o[0].subtitle).toBe('2 potentials, level 16, Mo')
    expect(o[0].choice).toEqual({ kind: 'ensemble', name: 'e' })
    expect(o[4].choice).toEqual({ kind: 'eam', elements: ['Mo'] })
  })

  it('writes intervals as mean ± 95 % half-width, and a single member without one', () => {
    expect(interval(summary(3.16979, 0.00226), 5)).toBe('3.16979 ± 0.00226')
    expect(interval(summary(-10.5, 0.2), 1)).toBe('−10.5 ± 0.2')
    expect(interval(summary(466, 0, 1), 1)).toBe('466.0')
  })

  it('lays out the elastic tables', () => {
    const c = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => summary(i === j ? 400 : i < 3 && j < 3 ? 160 : 0.01, i === j ? 20 : 0.01)))
    const r = { c, cubic: { c11: summary(466, 22), c12: summary(161, 20), c44: summary(98, 14), bulkModulus: summary(263, 10) } } as unknown as ElasticResultView
    const cells = elasticMatrixCells(r)
    expect(cells[0][0]).toBe('400.0 ± 20.0')
    expect(cells[0][1]).toBe('160.0 ± 0.0')
    expect(cells[0][4]).toBe('0.0')
    expect(cubicRows(r).map((x) => x.value)).toEqual(['466.0 ± 22.0', '161.0 ± 20.0', '98.0 ± 14.0', '263.0 ± 10.0'])
  })
})
