// A training cut off mid-way leaves the project consistent (the run 'interrupted', no potential, no
// parity row), and its restart resumes the engine's checkpoint and ends with exactly the potential
// of an uninterrupted run with the same options and seed. A run cut off after its training (while
// evaluating) is restarted without training again.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { getPotential } from '../../../src-main/db/repositories/potentials'
import { EngineSupervisor } from '../../../src-main/engine/supervisor'
import { createExampleProject } from '../../../src-main/projects/example'
import { Project } from '../../../src-main/projects/project'
import { listTrainingRunViews, restartTrainingRun, runTraining, type TrainingHost } from '../../../src-main/training/service'
import { tempDir, waitFor } from '../support/temp'
import { engine, moProject } from './support'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))
// ~0.16 s per iteration here: the kill after iteration 3 comes well before the end. No validation
// set and no tolerance, so nothing stops the optimiser early.
const options = ['--level', '14', '--max-iter', '20', '--tol', '0', '--validation', '0', '--seed', '11', '--threads', '1']

describe('a training run cut off', () => {
  // Three trainings; on a loaded machine (the whole suite on 2 cores) this takes a while.
  it('by SIGKILL mid-way is interrupted without potentials, and its restart ends like an uninterrupted run', { timeout: 300_000 }, async () => {
    const dir = tempDir()
    const path = join(dir, 'mo.mtpstudio')
    createExampleProject(path).close()
    const child = spawn(process.execPath, [cli, 'train', '--project', path, '--training-set', 'Mo', '--create-set', ...options], {
      env: { ...process.env, MTP_STUDIO_HOME: join(dir, 'home'), MTP_ENGINE_BIN: engine },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)))
    await waitFor(() => /iteration ([3-9]|1\d)\/20/.test(stderr), 120_000, `a few iterations; stderr: ${stderr}`)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')

    const project = Project.open(path)
    const supervisor = new EngineSupervisor({ enginePath: () => engine, logDir: join(dir, 'logs') })
    const host: TrainingHost = { requireProject: () => project, supervisor }
    try {
      expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok')
      const [run] = listTrainingRunViews(host)
      expect(run).toMatchObject({ id: 1, status: 'interrupted' })
      expect(project.db.prepare('SELECT COUNT(*) FROM potentials').pluck().get()).toBe(0)
      expect(project.db.prepare('SELECT COUNT(*) FROM training_parity').pluck().get()).toBe(0)

      let first: number | null = null
      const restarted = await (await restartTrainingRun(host, 1, { onProgress: (p) => (first ??= p.iteration) })).done
      expect(restarted).toMatchObject({ status: 'succeeded', restartOf: 1 })
      expect(first).toBeGreaterThan(0)
      expect(first).toBeLessThan(20)
      // The curve continues the one recorded before the kill.
      expect(restarted.history[0].iteration).toBe(0)

      const fresh = await runTraining(host, { ...restarted.spec })
      expect(fresh.status).toBe('succeeded')
      const text = (r: typeof fresh) => getPotential(project.db, r.potentials[0].id)!.mtpText
      expect(text(restarted)).toBe(text(fresh))
      expect(restarted.potentials[0].errors).toEqual(fresh.potentials[0].errors)
    } finally {
      await supervisor.shutdown()
      project.close()
    }
  })

  it('after its training is restarted from the trained potentials, without training again', async () => {
    const fx = moProject(tempDir())
    try {
      // The evaluation fails (no engine where calc-efs is looked for) once the training succeeded.
      let broken = false
      const failing = new EngineSupervisor({ enginePath: () => (broken ? '/nonexistent/mtp-engine' : engine), logDir: join(tempDir(), 'logs') })
      failing.subscribe((e) => {
        if (e.type === 'state' && e.job.command === 'train' && e.job.state.status === 'succeeded') broken = true
      })
      const spec = { trainingSetId: fx.setId, level: 6, maxIterations: 8, validationFraction: 0.25, seed: 4, threads: 1 }
      const cut = await runTraining({ ...fx.host, supervisor: failing }, spec)
      expect(cut).toMatchObject({ status: 'failed', potentials: [] })
      expect(cut.error).toMatch(/calc-efs/)

      const again = await (await restartTrainingRun(fx.host, cut.id)).done
      expect(again.status, again.error ?? '').toBe('succeeded')
      expect(fx.host.supervisor.list().map((j) => j.command)).not.toContain('train')
      expect(again.history).toEqual(cut.history)
      const fresh = await runTraining(fx.host, spec)
      const text = (id: number) => getPotential(fx.project.db, id)!.mtpText
      expect(text(again.potentials[0].id)).toBe(text(fresh.potentials[0].id))
      expect(again.potentials[0].errors).toEqual(fresh.potentials[0].errors)
    } finally {
      await fx.host.supervisor.shutdown()
      fx.project.close()
    }
  })
})
