// 'settings/*' and 'dft/preview-scripts' through the contract's dispatch, and the settings reaching
// the engine supervisor and the DFT executor's command line.
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import { commandFor } from '../../../src-main/dft/local-executor'
import type { DftJob } from '../../../src-main/db/repositories/dft-jobs'
import { studioDispatch } from '../support/dispatch'
import { tempDir } from '../support/temp'

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

function setup() {
  studio = new Studio({ mode: 'browser', home: tempDir(), example: false })
  const { dispatch, call } = studioDispatch(studio)
  return { dispatch, call, studio }
}

describe('settings handlers', () => {
  it('stores app settings and refuses bad values with the field named', async () => {
    const { call, dispatch } = setup()
    expect((await call('settings/get', {})).theme).toBe('system')
    expect(await call('settings/update', { engineThreads: 2, dftConcurrency: 3 })).toMatchObject({ engineThreads: 2, dftConcurrency: 3 })
    expect((await call('settings/get', {})).engineThreads).toBe(2)
    const bad = await dispatch('settings/update', { mpiRanks: 0 })
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.error.message).toMatch(/mpiRanks/)
    expect(await call('settings/resolve-command', { command: '/nonexistent/pw.x' })).toEqual({ command: '/nonexistent/pw.x', path: null })
    expect((await call('settings/resolve-command', { command: 'sh' })).path).toMatch(/\/sh$/)
    const missing = await dispatch('settings/update', { pwCommand: '/nonexistent/pw.x' })
    expect(!missing.ok && missing.error.message).toMatch(/pwCommand: \/nonexistent\/pw.x is not an executable file/)
  })

  it('edits the project’s job templates, checks placeholders and previews the scheduler scripts', async () => {
    const { call, dispatch } = setup()
    await call('projects/create', { name: 'templates', directory: tempDir() })
    const templates = await call('settings/templates', {})
    expect(templates.map((t: { name: string }) => t.name)).toEqual(['incar', 'slurm', 'pbs'])
    expect(templates.every((t: { custom: boolean }) => !t.custom)).toBe(true)

    const preview = await call('dft/preview-scripts', { code: 'qe', count: 12, batch: 'si-batch', scheduler: { ntasks: 8, walltime: '01:00:00' } })
    expect(preview.slurm).toContain('#SBATCH --array=1-12%50')
    expect(preview.slurm).toContain('#SBATCH --ntasks=8')
    expect(preview.slurm).toContain('srun pw.x -in pw.in > pw.out')
    expect(preview.pbs).toContain('#PBS -J 1-12')
    expect(preview.pbs).toContain('#PBS -l walltime=01:00:00')

    const site = '#!/bin/bash\n#SBATCH -J {{batch}}\n#SBATCH --array=1-{{count}}\n#SBATCH -p site-queue\nmodule load qe\n{{run}}\n'
    expect((await call('settings/set-template', { name: 'slurm', text: site })).custom).toBe(true)
    expect((await call('dft/preview-scripts', { code: 'qe', count: 3 })).slurm).toContain('#SBATCH -p site-queue\nmodule load qe')
    const typo = await dispatch('settings/set-template', { name: 'slurm', text: '#SBATCH --array=1-{{cuont}}\n' })
    expect(!typo.ok && typo.error.message).toMatch(/slurm template: no value for \{\{cuont\}\}/)
    const reset = await call('settings/set-template', { name: 'slurm', text: null })
    expect(reset.custom).toBe(false)
    expect((await call('dft/preview-scripts', { code: 'qe', count: 3 })).slurm).not.toContain('site-queue')
  })

  it('hands the engine threads to the supervisor and mpirun to local pw.x runs', async () => {
    const { call, studio } = setup()
    await call('settings/update', { engineThreads: 3 })
    // The supervisor appends --threads when a job does not choose; the job's arguments show it.
    const job = studio.supervisor.start({ command: 'version' })
    await job.done()
    expect(job.view().args).toContain('--threads')
    const qe = { id: 1, code: 'qe', folder: '/tmp/x' } as DftJob
    expect(commandFor(qe, { pwCommand: '/usr/bin/pw.x', mpirun: { command: '/usr/bin/mpirun', ranks: 2 } })).toMatchObject({
      cmd: '/usr/bin/mpirun',
      args: ['-np', '2', '/usr/bin/pw.x', '-in', 'pw.in'],
    })
    expect(commandFor(qe, {})).toMatchObject({ cmd: 'pw.x', args: ['-in', 'pw.in'] })
  })
})
