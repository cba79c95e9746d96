import { describe, expect, it } from 'vitest'
import type { LevelsReport } from '../../../src-main/contract/potentials'
import { applyReport, initialChoice, levelRowViews, trainingHandoff, validateChoice } from '../../../src-renderer/potentials/wizardForm'

const report: LevelsReport = {
  species: ['Mo'],
  radialBasisSize: 8,
  rows: [
    { level: 14, basisFunctions: 52, parameters: 85, radialFuncsCount: 4, microsecondsPerAtom: 12.3, relativeCost: 0.73, typicalTrainingSize: 316, trainingSizeSource: 'interpolated' },
    { level: 16, basisFunctions: 92, parameters: 125, radialFuncsCount: 4, microsecondsPerAtom: 16.9, relativeCost: 1, typicalTrainingSize: 442, trainingSizeSource: 'paper' },
    { level: 28, basisFunctions: 2445, parameters: 2494, radialFuncsCount: 6, microsecondsPerAtom: 447.6, relativeCost: 26.5, typicalTrainingSize: 3986, trainingSizeSource: 'extrapolated' },
  ],
  sample: { configurations: 12, atoms: 640, available: 23 },
  costMeasuredAt: '2026-11-21T15:00:00Z',
  mindist: 1.93,
  suggestion: { minDist: 1.9, maxDist: 5.2, reason: 'r' },
  recommendation: { level: 14, reason: 'because' },
}

describe('wizard form', () => {
  it('takes the recommendation and the suggested distances', () => {
    const c = applyReport(initialChoice(['Mo']), report)
    expect(c).toMatchObject({ species: ['Mo'], level: 14, minDist: 1.9, maxDist: 5.2, radialBasisSize: 8 })
  })

  it('validates every field in words', () => {
    expect(validateChoice({ ...initialChoice(['Mo']) })).toEqual({})
    const bad = validateChoice({ species: [], radialBasisSize: 1.5, level: 30, minDist: 2, maxDist: 2.4, name: '' })
    expect(Object.keys(bad).sort()).toEqual(['level', 'maxDist', 'radialBasisSize', 'species'])
    expect(bad.maxDist).toContain('more than 0.5 Å')
  })

  it('formats the level rows with cost, its bar fraction and the source of the training-set size', () => {
    const rows = levelRowViews(report, 16)
    expect(rows[1]).toMatchObject({ level: 16, cost: '1.00× (16.9 µs/atom)', training: '≈442', trainingNote: 'MLIP paper, Ag–Pd', chosen: true, recommended: false })
    expect(rows[0]).toMatchObject({ recommended: true, trainingNote: 'interpolated from the paper’s 12/16/20' })
    expect(rows[2].costFraction).toBe(1)
    expect(rows[2].basisFunctions).toBe('2\u2009445')
    expect(rows[0].costFraction).toBeCloseTo(12.3 / 447.6, 12)
    const unmeasured = levelRowViews({ ...report, rows: report.rows.map((r) => ({ ...r, microsecondsPerAtom: null, relativeCost: null })) }, 16)
    expect(unmeasured[1]).toMatchObject({ cost: '–', costFraction: null })
  })

  it('hands the stored potential and the choice to the training wizard as strings', () => {
    expect(trainingHandoff(5, { species: ['Ag', 'Pd'], radialBasisSize: 8, level: 16, minDist: 2.1, maxDist: 5.5, name: '' })).toEqual({
      untrainedPotentialId: '5',
      level: '16',
      species: 'Ag,Pd',
      radialBasisSize: '8',
      minDist: '2.1',
      maxDist: '5.5',
    })
  })
})
