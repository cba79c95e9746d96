// `mtp-studio jobs run` stopped by Ctrl-C (SIGINT to the command): the running jobs' processes are
// killed and those jobs end 'failed' ("interrupted"), the jobs not started stay 'exported', the
// command exits 1 by itself (not killed by the signal), and a second run imports every job. While
// it runs, other processes open the project without touching its jobs. Killed with SIGKILL, it
// leaves its jobs' processes behind: the next process to open the project marks those jobs
// interrupted and kills those processes (dft/interrupted-jobs.ts).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ConfigurationWriter } from '../../../src-main/db/repositories/configuration-store'
import { listDftJobs, runningDftJobs } from '../../../src-main/db/repositories/dft-jobs'
import { exportDftJobs } from '../../../src-main/dft/export-jobs'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { emptyStructure } from '../../../src-main/io/types'
import { Project } from '../../../src-main/projects/project'
import { wrappedEngine } from '../support/engine-wrapper'
import { isAlive, tempDir, waitFor } from '../support/temp'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))

/** A project with 4 Cu cells exported as EAM jobs; returns its path and the job ids. */
function exportedProject(): { path: string; jobIds: number[] } {
  const dir = tempDir()
  const path = join(dir, 'cu.mtpstudio')
  const project = Project.create(path, 'Cu')
  const writer = new ConfigurationWriter(project.db)
  const ids = project.db.transaction(() =>
    [3.55, 3.6, 3.65, 3.7].map((a) => {
      const c = emptyStructure(1, { file: 'cu', frame: 0, parser: 'poscar', code: null, settings: {}, label: `Cu a=${a}` })
      c.cell = [[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]]
      c.species = ['Cu']
      return writer.add(c)
    }),
  )()
  const { jobIds } = exportDftJobs(project.db, { code: 'eam', configurationIds: ids, out: join(dir, 'jobs') })
  project.close()
  return { path, jobIds }
}

/** Opens the project (as any other process would), reads its jobs and closes it. */
function jobsOf(path: string) {
  const p = Project.open(path)
  try {
    return listDftJobs(p.db, {})
  } finally {
    p.close()
  }
}

/**
 * Starts `jobs run --concurrency 2` with every job slowed down (its shell writes its pid, then
 * sleeps 30 s) and waits until two jobs run; returns the child and the two shells' pids.
 */
async function startSlowRun(path: string) {
  const slow = wrappedEngine(`echo $$ > "$PWD/wrapper.pid"\nsleep 30`)
  const env = { ...process.env, MTP_STUDIO_HOME: tempDir(), MTP_ENGINE_BIN: slow }
  const child = spawn(process.execPath, [cli, 'jobs', 'run', '--project', path, '--concurrency', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr.on('data', (d) => (err += d))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })))
  // Two jobs running with their process group recorded, and each shell's pid written out in full.
  const pids = await waitFor(() => {
    const p = Project.open(path)
    try {
      const running = runningDftJobs(p.db).filter((j) => j.processGroup !== null)
      const texts = running.map((j) => (existsSync(join(j.folder!, 'wrapper.pid')) ? readFileSync(join(j.folder!, 'wrapper.pid'), 'utf8') : ''))
      return running.length === 2 && texts.every((t) => /^\d+\n$/.test(t)) ? texts.map(Number) : null
    } finally {
      p.close()
    }
  }, 30_000, 'two jobs running')
  return { child, exited, pids, err: () => err, env }
}

describe.skipIf(!isExecutable(enginePath()))('mtp-studio jobs run, interrupted', () => {
  it('kills the running jobs on SIGINT, keeps the rest exported, and runs them all again', async () => {
    const { path, jobIds } = exportedProject()
    const run = await startSlowRun(path)
    // Opening the project from here (as jobsOf did while waiting) left the live run's jobs alone.
    expect(jobsOf(path).map((j) => j.state)).toEqual(['running', 'running', 'exported', 'exported'])
    expect(run.pids.every(isAlive)).toBe(true)

    run.child.kill('SIGINT')
    expect(await run.exited).toEqual({ code: 1, signal: null })
    expect(run.err()).toContain('stopping: running jobs are killed')
    await waitFor(() => run.pids.every((pid) => !isAlive(pid)), 5_000, 'the jobs’ processes to end')
    const jobs = jobsOf(path)
    expect(jobs.map((j) => j.state)).toEqual(['failed', 'failed', 'exported', 'exported'])
    for (const j of jobs.slice(0, 2)) expect(j.error).toMatch(/^interrupted: stopped while running/)

    const again = spawnSync(process.execPath, [cli, 'jobs', 'run', '--project', path, '--concurrency', '2', '--json'], { env: { ...run.env, MTP_ENGINE_BIN: enginePath() }, encoding: 'utf8', timeout: 120_000 })
    expect(again.status, again.stderr).toBe(0)
    expect((JSON.parse(again.stdout) as { jobId: number; state: string }[]).map((o) => [o.jobId, o.state])).toEqual(jobIds.map((id) => [id, 'imported']))
  }, 120_000)

  it('after a SIGKILL, the next open marks the jobs interrupted and kills the processes they left', async () => {
    const { path } = exportedProject()
    const run = await startSlowRun(path)
    run.child.kill('SIGKILL')
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' })
    // Nothing stopped them: the runner died without a word.
    expect(run.pids.every(isAlive)).toBe(true)
    const jobs = jobsOf(path)
    expect(jobs.map((j) => [j.state, j.error])).toEqual([
      ['failed', 'interrupted: the process running the job (the app or mtp-studio) ended first'],
      ['failed', 'interrupted: the process running the job (the app or mtp-studio) ended first'],
      ['exported', null],
      ['exported', null],
    ])
    await waitFor(() => run.pids.every((pid) => !isAlive(pid)), 5_000, 'the orphaned processes to be killed')
  }, 120_000)
})
