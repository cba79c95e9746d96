// Cancelling local DFT runs: real pw.x under real mpirun (2 ranks) stopped mid-SCF — every process
// of the job (mpirun and both ranks, each in its own process group) must be gone, the job back to a
// re-runnable 'failed' with the reason, the job after it still 'exported', the result before it
// still imported; running the two again imports them in job order. A pw.x that ignores SIGTERM
// (and its child) is SIGKILLed after the grace period. With 4 EAM jobs at once finishing in reverse
// order, the results are still stored in job order.
import { chmodSync, existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDftJobs, type QeJobSettings } from '../../../src-main/dft/export-jobs'
import { runJobsLocally, type LocalRunProgress } from '../../../src-main/dft/local-executor'
import { ConfigurationWriter } from '../../../src-main/db/repositories/configuration-store'
import { getDftJob } from '../../../src-main/db/repositories/dft-jobs'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { emptyStructure, type ParsedStructure } from '../../../src-main/io/types'
import { Project } from '../../../src-main/projects/project'
import { wrappedEngine } from '../support/engine-wrapper'
import { tempDir, waitFor } from '../support/temp'

const PW = '/usr/bin/pw.x'
const MPIRUN = '/usr/bin/mpirun'
const PSEUDO_DIR = '/usr/share/espresso/pseudo'
const haveQe = existsSync(PW) && existsSync(MPIRUN) && existsSync(join(PSEUDO_DIR, 'Si.pbe-rrkj.UPF'))
const REASON = 'cancelled by the test'

function silicon(n: 2 | 8, a: number, label: string): ParsedStructure {
  const s = emptyStructure(n, { file: label, frame: 0, parser: 'poscar', code: null, settings: {}, label })
  const frac = n === 2 ? [[0, 0, 0], [0.26, 0.24, 0.25]] : [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0], [0.25, 0.25, 0.25], [0.25, 0.75, 0.75], [0.75, 0.25, 0.75], [0.77, 0.74, 0.25]]
  const cell = n === 2 ? [[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]] : [[a, 0, 0], [0, a, 0], [0, 0, a]]
  s.cell = cell as ParsedStructure['cell']
  s.species = frac.map(() => 'Si')
  frac.forEach((f, i) => {
    for (let d = 0; d < 3; d++) s.positions[3 * i + d] = f[0] * cell[0][d] + f[1] * cell[1][d] + f[2] * cell[2][d]
  })
  return s
}

/** Pids of processes whose working directory is `folder` (a job's processes run there). */
function processesIn(folder: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readlinkSync(`/proc/${e}/cwd`) === folder
      } catch {
        return false
      }
    })
    .map(Number)
}

/** Alive and not a zombie (killed children of a killed mpirun are reaped by whoever is pid 1). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

const configurationCount = (p: Project) => p.db.prepare('SELECT COUNT(*) FROM configurations').pluck().get() as number

describe.skipIf(!haveQe)('cancelling pw.x under mpirun', () => {
  it('kills mpirun and its ranks, keeps what was imported, leaves the rest re-runnable', async () => {
    const dir = tempDir()
    const project = Project.create(join(dir, 'si.mtpstudio'), 'Si')
    try {
      const db = project.db
      const writer = new ConfigurationWriter(db)
      const ids = db.transaction(() => [writer.add(silicon(2, 5.43, 'Si2')), writer.add(silicon(8, 5.40, 'Si8')), writer.add(silicon(2, 5.50, 'Si2 b'))])()
      const qe: QeJobSettings = { pseudopotentials: { Si: 'Si.pbe-rrkj.UPF' }, pseudoDir: PSEUDO_DIR, ecutwfc: 14, kspacing: 1.0, convThr: 1e-12 }
      const { jobIds } = exportDftJobs(db, { code: 'qe', configurationIds: ids, out: dir, batch: 'si', qe })
      const slow = getDftJob(db, jobIds[1])!.folder!
      const env = { ...process.env, OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1' }
      const controller = new AbortController()
      const progress: LocalRunProgress[] = []
      let seenProcesses: number[] = []
      let stoppedAt = 0
      const run = runJobsLocally(db, jobIds, {
        pwCommand: PW,
        mpirun: { command: MPIRUN, ranks: 2 },
        env,
        signal: controller.signal,
        progressMs: 100,
        onProgress: (p) => {
          progress.push(p)
          const now = p.running.find((r) => r.jobId === jobIds[1])
          // Mid-SCF of the Si8 job: mpirun and both pw.x ranks are up.
          if (!controller.signal.aborted && now && (now.scfIterations ?? 0) >= 2) {
            seenProcesses = processesIn(slow)
            stoppedAt = Date.now()
            controller.abort(REASON)
          }
        },
      })
      const outcomes = await run
      const stopMs = Date.now() - stoppedAt
      expect(seenProcesses.length).toBeGreaterThanOrEqual(3)
      expect(stopMs).toBeLessThan(3000)
      await new Promise((r) => setTimeout(r, 200))
      expect(processesIn(slow)).toEqual([])
      expect(seenProcesses.filter(alive)).toEqual([])

      // Progress: the first job finished before, the Si8 job ran with a growing SCF count.
      const si8 = progress.flatMap((p) => p.running.filter((r) => r.jobId === jobIds[1]))
      expect(si8.length).toBeGreaterThan(1)
      expect(si8.at(-1)!.scfIterations).toBeGreaterThanOrEqual(2)
      expect(progress.at(-1)).toMatchObject({ total: 3, finished: 2, running: [] })

      expect(outcomes.map((o) => o.state)).toEqual(['imported', 'failed'])
      expect(getDftJob(db, jobIds[0])).toMatchObject({ state: 'imported' })
      expect(getDftJob(db, jobIds[1])!.state).toBe('failed')
      expect(getDftJob(db, jobIds[1])!.error).toMatch(/^interrupted: stopped while running \(.*mpirun (killed by SIG(TERM|KILL)|exited with \d+)\): cancelled by the test$/)
      expect(getDftJob(db, jobIds[2])).toMatchObject({ state: 'exported', error: null })
      expect(existsSync(join(getDftJob(db, jobIds[2])!.folder!, 'pw.out'))).toBe(false)
      expect(configurationCount(project)).toBe(3 + 1)

      // Run again: both complete, imported in job order, with the energy pw.x printed.
      const again = await runJobsLocally(db, [jobIds[2], jobIds[1]], { pwCommand: PW, mpirun: { command: MPIRUN, ranks: 2 }, env })
      expect(again.map((o) => [o.jobId, o.state, o.quarantineReason])).toEqual([[jobIds[1], 'imported', null], [jobIds[2], 'imported', null]])
      expect(again[0].resultConfigurationId!).toBeLessThan(again[1].resultConfigurationId!)
      const printed = Number(/^!\s+total energy\s+=\s+(\S+) Ry/m.exec(readFileSync(join(slow, 'pw.out'), 'utf8'))![1]) * 13.605693122994
      const stored = db.prepare('SELECT energy FROM configurations WHERE id = ?').pluck().get(again[0].resultConfigurationId) as number
      expect(stored).toBeCloseTo(printed, 6)
      expect(configurationCount(project)).toBe(3 + 3)
    } finally {
      project.close()
    }
  }, 480_000)
})

describe('cancelling a job that ignores SIGTERM', () => {
  it('SIGKILLs the process and its child after the grace period', async () => {
    const dir = tempDir()
    const project = Project.create(join(dir, 'x.mtpstudio'), 'X')
    try {
      const db = project.db
      const id = db.transaction(() => new ConfigurationWriter(db).add(silicon(2, 5.43, 'Si2')))()
      const qe: QeJobSettings = { pseudopotentials: { Si: 'Si.pbe-rrkj.UPF' }, pseudoDir: PSEUDO_DIR, ecutwfc: 12, kspacing: 1.2 }
      const { jobIds } = exportDftJobs(db, { code: 'qe', configurationIds: [id], out: dir, batch: 'stubborn', qe })
      const folder = getDftJob(db, jobIds[0])!.folder!
      // A "pw.x" that ignores SIGTERM and has a child of its own.
      const stubborn = join(dir, 'stubborn-pw.x')
      writeFileSync(stubborn, `#!/bin/sh\ntrap '' TERM\nsleep 60 &\nwait\nwait\n`)
      chmodSync(stubborn, 0o755)
      const controller = new AbortController()
      const run = runJobsLocally(db, jobIds, { pwCommand: stubborn, signal: controller.signal, graceMs: 800 })
      const pids = await waitFor(() => (processesIn(folder).length >= 2 ? processesIn(folder) : null), 10_000, 'the stubborn job and its child')
      const t0 = Date.now()
      controller.abort(REASON)
      await run
      const ms = Date.now() - t0
      expect(ms).toBeGreaterThanOrEqual(700)
      expect(ms).toBeLessThan(2500)
      await new Promise((r) => setTimeout(r, 100))
      expect(pids.filter(alive)).toEqual([])
      expect(getDftJob(db, jobIds[0])!.error).toMatch(/^interrupted: stopped while running \(.* killed by SIGKILL\): cancelled by the test$/)
    } finally {
      project.close()
    }
  }, 30_000)
})

describe.skipIf(!isExecutable(enginePath()))('results stored in job order', () => {
  it('imports 4 EAM results in job order although they finish in reverse', async () => {
    const dir = tempDir()
    const project = Project.create(join(dir, 'cu.mtpstudio'), 'Cu')
    try {
      const db = project.db
      const writer = new ConfigurationWriter(db)
      const ids = db.transaction(() => [5.4, 5.45, 5.5, 5.55].map((a) => writer.add({ ...silicon(8, a, `a=${a}`), species: Array(8).fill('Cu') })))()
      const { jobIds } = exportDftJobs(db, { code: 'eam', configurationIds: ids, out: dir, batch: 'order' })
      // The engine behind a shell that waits as long as the job folder's "delay" file says.
      const engine = wrappedEngine('[ -f delay ] && sleep "$(cat delay)"')
      jobIds.forEach((j, k) => writeFileSync(join(getDftJob(db, j)!.folder!, 'delay'), String([1.2, 0.8, 0.4, 0][k])))
      const finishedOrder: number[] = []
      const outcomes = await runJobsLocally(db, jobIds, { engine, concurrency: 4, onState: (j) => j.state === 'done' && finishedOrder.push(j.id) })
      expect(finishedOrder).toEqual([...jobIds].reverse())
      const results = outcomes.map((o) => o.resultConfigurationId!)
      expect(outcomes.map((o) => o.jobId)).toEqual(jobIds)
      expect(results).toEqual([...results].sort((a, b) => a - b))
      expect(new Set(results).size).toBe(4)
    } finally {
      project.close()
    }
  }, 60_000)
})
