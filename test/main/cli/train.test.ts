// mtp-studio train: JSON result, a set created from a filter, usage errors; and the handlers
// (training/*) against the same project.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import { runCli } from '../../../src-main/cli/main'
import { trainingRunDetail } from '../../../src-main/contract/training'
import { createDispatch, createHandlers } from '../../../src-main/handlers/index'
import { createExampleProject } from '../../../src-main/projects/example'
import { tempDir } from '../support/temp'
import { engine } from '../training/support'

async function cli(args: string[], home: string) {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), env: { ...process.env, MTP_STUDIO_HOME: home, MTP_ENGINE_BIN: engine } })
  return { code, out, err }
}

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

describe('mtp-studio train', () => {
  it('creates a set version from a filter, trains on it and prints the run as JSON', async () => {
    const home = tempDir()
    const path = join(tempDir(), 'mo.mtpstudio')
    createExampleProject(path).close()
    const r = await cli(['train', '--project', path, '--training-set', 'Mo', '--create-set', '--filter', 'stress=true', '--level', '4', '--max-iter', '5', '--threads', '1', '--validation', '0.25', '--seed', '7', '--weighting', 'structures', '--json'], home)
    expect(r.code, r.err).toBe(0)
    const run = trainingRunDetail.parse(JSON.parse(r.out))
    expect(run).toMatchObject({ status: 'succeeded', trainingSetName: 'Mo', trainingSetVersion: 1, level: 4, seed: 7 })
    expect(run.spec).toMatchObject({ weighting: 'structures', validationFraction: 0.25, maxIterations: 5 })
    expect(run.potentials[0].errors?.valid?.all.energy.count).toBe(2)
    expect(r.err).toMatch(/iteration \d+\/5 .*meV\/atom/)

    // Human report of a second run on the newest version of the same set.
    const human = await cli(['train', '--project', path, '--training-set', 'Mo@1', '--level', '2', '--max-iter', '3', '--threads', '1'], home)
    expect(human.code, human.err).toBe(0)
    expect(human.out).toMatch(/training run 2 "Mo v1 L2": succeeded/)
    expect(human.out).toMatch(/E RMSE .* meV\/atom/s)
    expect(human.out).toMatch(/^train\s+\d+\.\d{3}/m)

    // The same runs through the request handlers.
    studio = new Studio({ mode: 'cli', home, example: false, env: { ...process.env, MTP_ENGINE_BIN: engine } })
    const dispatch = createDispatch(createHandlers(studio))
    expect(await dispatch('projects/open', { path })).toMatchObject({ ok: true })
    const list = await dispatch('training/list', {})
    expect(list.ok && (list.result as { id: number }[]).map((x) => x.id)).toEqual([2, 1])
    const parity = await dispatch('training/parity', { runId: 1 })
    expect(parity.ok && (parity.result as { configurationIds: number[] }).configurationIds).toHaveLength(8)
    const suggestion = await dispatch('training/suggest-weighting', { trainingSetId: 1 })
    expect(suggestion).toMatchObject({ ok: true, result: { stats: { configurations: 8, elements: ['Mo'] } } })
    expect(await dispatch('training/restart', { runId: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatch('training/start', { trainingSetId: 1, level: 40 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('explains what is missing', async () => {
    const home = tempDir()
    const path = join(tempDir(), 'mo.mtpstudio')
    createExampleProject(path).close()
    expect((await cli(['train', '--project', path, '--level', '4'], home))).toMatchObject({ code: 2, err: expect.stringMatching(/--training-set NAME or --restart RUN/) })
    expect((await cli(['train', '--project', path, '--training-set', 'Mo', '--create-set'], home))).toMatchObject({ code: 2, err: expect.stringMatching(/--level L is required/) })
    expect((await cli(['train', '--project', path, '--training-set', 'nope', '--level', '4'], home))).toMatchObject({ code: 1, err: expect.stringMatching(/no training set nope/) })
    expect((await cli(['train', '--project', path, '--training-set', 'Mo', '--create-set', '--level', '4', '--seed', 'x'], home))).toMatchObject({ code: 2, err: expect.stringMatching(/--seed needs a number/) })
  })
})
