// The potentials and E–V/elastic requests through the contract's dispatch, on a project with the
// mlearn Mo test set: the wizard's level table (engine counts, measured and cached cost, mindist
// suggestion), creating an untrained MTP, importing .mtp files as an ensemble, and E–V/elastic with it.
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import { enginePath } from '../../../src-main/engine/locate'
import { studioDispatch } from '../support/dispatch'
import { tempDir } from '../support/temp'

const MLEARN = fileURLToPath(new URL('../../../../shared/data/mlearn/', import.meta.url))
const MO_MTP = `${MLEARN}Mo/mtp.2020.01/fitted.mtp`

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

async function setup() {
  studio = new Studio({ mode: 'browser', home: tempDir(), env: { ...process.env, MTP_ENGINE_BIN: enginePath() }, example: false })
  const { dispatch, call } = studioDispatch(studio)
  await call('projects/create', { name: 'Mo', directory: tempDir() })
  await call('import/files', { paths: [`${MLEARN}Mo/test.json`] })
  return { dispatch, call }
}

describe('potentials handlers', () => {
  it('levels: engine counts, cost measured once and cached, distances from the data', async () => {
    const { call } = await setup()
    const first = await call('potentials/levels', { radialBasisSize: 8 })
    expect(first.species).toEqual(['Mo'])
    expect(first.rows.map((r: any) => r.level)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28])
    const l16 = first.rows.find((r: any) => r.level === 16)
    expect(l16).toMatchObject({ basisFunctions: 92, parameters: 125, typicalTrainingSize: 442, trainingSizeSource: 'paper', relativeCost: null })
    expect(first.costMeasuredAt).toBeNull()
    // The test set's smallest distance (engine mindist) and the suggestion below it.
    expect(first.mindist).toBeGreaterThan(1.9)
    expect(first.mindist).toBeLessThan(2.6)
    expect(first.suggestion.minDist).toBe(Math.floor(first.mindist * 10) / 10)
    expect(first.sample).toMatchObject({ configurations: 12, available: 23 })
    expect(first.recommendation.level).toBeGreaterThanOrEqual(6)

    const measured = await call('potentials/levels', { radialBasisSize: 8, measureCost: true })
    expect(measured.costMeasuredAt).not.toBeNull()
    const costs = measured.rows.map((r: any) => r.microsecondsPerAtom)
    expect(costs.every((c: number) => c > 0)).toBe(true)
    expect(measured.rows.find((r: any) => r.level === 16).relativeCost).toBe(1)
    // Cost grows with level: level 28 (2,445 basis functions) is far dearer than level 8 (9).
    expect(costs[13] / costs[3]).toBeGreaterThan(5)
    const again = await call('potentials/levels', { radialBasisSize: 8 })
    expect(again.costMeasuredAt).toBe(measured.costMeasuredAt)
    expect(again.rows.map((r: any) => r.microsecondsPerAtom)).toEqual(costs)
  }, 120_000)

  it('creates an untrained potential, imports an ensemble, and runs E–V and elastic with it', async () => {
    const { call, dispatch } = await setup()
    const untrained = await call('potentials/create-untrained', { level: 12, species: ['Mo'], radialBasisSize: 8, minDist: 1.9, maxDist: 5.2 })
    expect(untrained).toMatchObject({ level: 12, basisFunctions: 29, parameters: 54, trained: false, minDist: 1.9, maxDist: 5.2 })
    const bad = await dispatch('potentials/create-untrained', { level: 12, species: ['Mo'], minDist: 3, maxDist: 3.2 })
    expect(bad.ok).toBe(false)

    const stored = await call('potentials/import', { paths: [MO_MTP, MO_MTP], species: ['Mo'], ensemble: 'mlearn' })
    expect(stored).toHaveLength(2)
    expect(stored[0]).toMatchObject({ trained: true, ensemble: 'mlearn', ensembleIndex: 0, species: ['Mo'] })
    const wrong = await dispatch('potentials/import', { paths: [MO_MTP], species: ['Mo', 'Nb'] })
    expect(wrong.ok).toBe(false)
    expect((await call('potentials/list', {})).map((p: any) => p.id)).toEqual([stored[1].id, stored[0].id, untrained.id])

    const ev = await call('analysis/ev', { structure: { kind: 'lattice', lattice: 'bcc', element: 'Mo', a: 3.16 }, potentials: { kind: 'ensemble', name: 'mlearn' }, range: 0.05, points: 9 })
    expect(ev.members).toHaveLength(2)
    expect(ev.summary.latticeConstant.mean).toBeGreaterThan(3.14)
    expect(ev.summary.latticeConstant.mean).toBeLessThan(3.19)
    // Identical members: zero-width interval.
    expect(ev.summary.b0.halfWidth95).toBe(0)
    expect(ev.dft).toEqual([])
    const el = await call('analysis/elastic', { structure: { kind: 'lattice', lattice: 'bcc', element: 'Mo', a: 3.16 }, potentials: { kind: 'potentials', ids: [stored[0].id] }, delta: 0.01 })
    expect(el.cubic.c11.mean).toBeGreaterThan(el.cubic.c12.mean)
    expect(el.members[0].cellLengths[0]).toBeCloseTo(2 * ev.summary.latticeConstant.mean / 2, 2)

    const missing = await dispatch('analysis/ev', { structure: { kind: 'lattice', lattice: 'fcc', element: 'Cu', a: 3.6 }, potentials: { kind: 'ensemble', name: 'mlearn' } })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error.message).toMatch(/also has Cu/)
  }, 120_000)

  it('finds the project’s DFT E–V points of the same lattice (the relaxed 2-atom bcc Mo cell)', async () => {
    const { call } = await setup()
    await call('import/files', { paths: [`${MLEARN}Mo/training.json`] })
    await call('potentials/import', { paths: [MO_MTP], species: ['Mo'] })
    const [p] = await call('potentials/list', {})
    const ev = await call('analysis/ev', { structure: { kind: 'lattice', lattice: 'bcc', element: 'Mo', a: 3.16 }, potentials: { kind: 'potentials', ids: [p.id] }, range: 0.05, points: 7 })
    // mlearn's "Mo 3x3x3 cell relaxed": a = 3.16977584 Å, −10.848577935 eV/atom; the other Elastic
    // cells are strained along one axis or have displaced atoms (forces up to 0.5 eV/Å), so not E–V points.
    expect(ev.dft).toHaveLength(1)
    expect(ev.dft[0].volume).toBeCloseTo(3.16977584 ** 3 / 2, 4)
    expect(ev.dft[0].energy).toBeCloseTo(-10.848577935, 6)
    expect(ev.dftFit).toBeNull()
  }, 120_000)
})
