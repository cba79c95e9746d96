import { describe, expect, it } from 'vitest'
import { trainingSpec } from '../../../src-main/contract/training'
import { calcEfsArgs, memberPath, newPotentialArgs, trainArgs } from '../../../src-main/training/engine-args'

const spec = trainingSpec.parse({ trainingSetId: 1, level: 16 })
const paths = { untrained: 'u.mtp', train: 'train.cfg', trained: 'out.mtp', checkpoint: 'ck' }

describe('engine arguments of a training run', () => {
  it('passes MLIP’s defaults and lets the engine choose min_dist when none is given', () => {
    expect(trainArgs(spec, paths)).toEqual([
      'u.mtp', 'train.cfg', '--trained', 'out.mtp', '--weighting', 'vibrations', '--energy-weight', '1', '--force-weight', '0.01',
      '--stress-weight', '0.001', '--max-iter', '200', '--seed', '1', '--ensemble', '1', '--checkpoint', 'ck', '--update-mindist',
    ])
    expect(newPotentialArgs(spec, 2, 'u.mtp')).toEqual(['--level', '16', '--species', '2', '--min-dist', '1', '--max-dist', '5', '--radial-basis-size', '8', 'u.mtp'])
  })

  it('adds validation, resume, init-from, tolerance and threads when asked', () => {
    const s = trainingSpec.parse({ trainingSetId: 1, level: 8, minDist: 1.9, maxDist: 5.2, weighting: 'structures', ensemble: 5, tolerance: 0, threads: 2, seed: 9 })
    const args = trainArgs(s, { ...paths, valid: 'valid.cfg', resume: 'old/ck', initFrom: 'low.mtp' })
    expect(args).not.toContain('--update-mindist')
    expect(args.join(' ')).toContain('--weighting structures')
    expect(args.join(' ')).toContain('--ensemble 5')
    expect(args.join(' ')).toContain('--seed 9')
    expect(args.join(' ')).toContain('--tol 0 --valid valid.cfg --resume old/ck --init-from low.mtp --threads 2')
    expect(newPotentialArgs(s, 1, 'u.mtp')).toEqual(['--level', '8', '--species', '1', '--min-dist', '1.9', '--max-dist', '5.2', '--radial-basis-size', '8', '--threads', '2', 'u.mtp'])
    expect(calcEfsArgs('p.mtp', 'in.cfg', 'out.cfg', 1)).toEqual(['p.mtp', 'in.cfg', 'out.cfg', '--lossless', '--threads', '1'])
  })

  it('names ensemble members like the engine', () => {
    expect(memberPath('/w/trained.mtp', 2, 5)).toBe('/w/trained.2.mtp')
    expect(memberPath('/w/trained.mtp', 0, 1)).toBe('/w/trained.mtp')
    expect(memberPath('/w.d/checkpoint', 1, 3)).toBe('/w.d/checkpoint.1')
  })
})
