// Acceptance 2 of issue 6: real Quantum ESPRESSO. Si2 and Si8 jobs are exported with
// Si.pbe-rrkj.UPF, run by the local executor (pw.x, 2 at a time), imported automatically, and the
// stored energy, forces and stress are checked against the numbers pw.x printed, converted here
// independently (energy and forces from Ry and Ry/bohr, stress from the kbar columns, which the
// reader does not use). A run with electron_maxstep = 1 must end up quarantined as unconverged.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDftJobs, type QeJobSettings } from '../../../src-main/dft/export-jobs'
import { runJobsLocally } from '../../../src-main/dft/local-executor'
import { ConfigurationWriter, readStructure } from '../../../src-main/db/repositories/configuration-store'
import { getDftJob } from '../../../src-main/db/repositories/dft-jobs'
import { emptyStructure, type ParsedStructure } from '../../../src-main/io/types'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

const PW = '/usr/bin/pw.x'
const PSEUDO_DIR = '/usr/share/espresso/pseudo'
const haveQe = existsSync(PW) && existsSync(join(PSEUDO_DIR, 'Si.pbe-rrkj.UPF'))

// Independent constants (CODATA 2018), not the app's units.ts.
const RY_EV = 13.605693122994
const BOHR_A = 0.529177210903
const EV_A3_GPA = 160.2176634

function silicon(cell: number[][], frac: number[][], label: string): ParsedStructure {
  const s = emptyStructure(frac.length, { file: label, frame: 0, parser: 'poscar', code: null, settings: {}, label })
  s.cell = [cell[0] as [number, number, number], cell[1] as [number, number, number], cell[2] as [number, number, number]]
  s.species = frac.map(() => 'Si')
  frac.forEach((f, i) => {
    for (let d = 0; d < 3; d++) s.positions[3 * i + d] = f[0] * cell[0][d] + f[1] * cell[1][d] + f[2] * cell[2][d]
  })
  return s
}

const a = 5.43
// Primitive diamond cell, second atom moved off (1/4,1/4,1/4) so the forces are not zero.
const si2 = silicon([[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]], [[0, 0, 0], [0.26, 0.24, 0.25]], 'Si2')
// Conventional cell compressed by 2 % along x (non-zero, anisotropic stress), one atom displaced.
const basis = [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0], [0.25, 0.25, 0.25], [0.25, 0.75, 0.75], [0.75, 0.25, 0.75], [0.77, 0.74, 0.25]]
const si8 = silicon([[0.98 * a, 0, 0], [0, a, 0], [0, 0, a]], basis, 'Si8')

interface Printed {
  energy: number
  forces: number[]
  virial: number[]
  /** Å³. */
  volume: number
}

/** The last energy, forces and stress pw.x printed, converted to eV, eV/Å and the virial in eV. */
function printed(pwOut: string): Printed {
  const energy = Number(/^!\s+total energy\s+=\s+(\S+) Ry/m.exec(pwOut)![1]) * RY_EV
  const forces = [...pwOut.matchAll(/^\s+atom\s+\d+ type\s+\d+\s+force =\s+(\S+)\s+(\S+)\s+(\S+)/gm)].flatMap((m) => [m[1], m[2], m[3]].map((x) => Number(x) * (RY_EV / BOHR_A)))
  const volume = Number(/unit-cell volume\s+=\s+(\S+) \(a\.u\.\)\^3/.exec(pwOut)![1]) * BOHR_A ** 3
  const rows = pwOut.split('\n')
  const at = rows.findIndex((l) => l.includes('total   stress'))
  const kbar = [1, 2, 3].map((k) => rows[at + k].trim().split(/\s+/).slice(3, 6).map(Number))
  // kbar (pressure-like, compressive positive) → virial = V·p in eV; Voigt xx yy zz yz xz xy.
  const toVirial = (p: number) => ((p * 0.1) / EV_A3_GPA) * volume
  const virial = [kbar[0][0], kbar[1][1], kbar[2][2], kbar[1][2], kbar[0][2], kbar[0][1]].map(toVirial)
  return { energy, forces, virial, volume }
}

describe.skipIf(!haveQe)('QE jobs run locally with pw.x', () => {
  it('exports, runs, imports Si2 and Si8 with the printed values, and quarantines an unconverged SCF', async () => {
    const dir = tempDir()
    const project = Project.create(join(dir, 'si.mtpstudio'), 'Si DFT')
    try {
      const db = project.db
      const writer = new ConfigurationWriter(db)
      const ids = db.transaction(() => [writer.add(si2), writer.add(si8)])()
      const qe: QeJobSettings = { pseudopotentials: { Si: 'Si.pbe-rrkj.UPF' }, pseudoDir: PSEUDO_DIR, ecutwfc: 12, kspacing: 1.2, convThr: 1e-8 }
      const good = exportDftJobs(db, { code: 'qe', configurationIds: ids, out: dir, batch: 'si-scf', qe })
      const bad = exportDftJobs(db, { code: 'qe', configurationIds: [ids[0]], out: dir, batch: 'si-maxstep1', qe: { ...qe, electrons: { electron_maxstep: 1 } } })
      expect(readFileSync(join(good.folder, 'jobs.txt'), 'utf8').trim().split('\n')).toHaveLength(2)
      expect(readFileSync(join(good.folder, 'submit.slurm'), 'utf8')).toMatch(/#SBATCH --array=1-2%50[\s\S]*srun pw.x -in pw.in > pw.out/)
      expect(readFileSync(join(good.folder, 'submit.pbs'), 'utf8')).toMatch(/#PBS -J 1-2[\s\S]*PBS_ARRAY_INDEX/)
      const pwIn = readFileSync(join(getDftJob(db, good.jobIds[0])!.folder!, 'pw.in'), 'utf8')
      expect(pwIn).toMatch(/tprnfor = \.true\.[\s\S]*tstress = \.true\./)
      expect(pwIn).toMatch(/K_POINTS automatic\n2 2 2 0 0 0/)

      let running = 0
      let maxRunning = 0
      const started = Date.now()
      const outcomes = await runJobsLocally(db, [...good.jobIds, ...bad.jobIds], {
        concurrency: 2,
        pwCommand: PW,
        onState: (j) => {
          if (j.state === 'running') maxRunning = Math.max(maxRunning, ++running)
          if (j.state === 'done' || j.state === 'failed') running--
        },
      })
      expect(Date.now() - started).toBeLessThan(120_000)
      expect(maxRunning).toBeLessThanOrEqual(2)
      expect(outcomes.map((o) => o.state)).toEqual(['imported', 'imported', 'imported'])

      for (const [k, jobId] of good.jobIds.entries()) {
        const job = getDftJob(db, jobId)!
        expect(job.state).toBe('imported')
        const out = readFileSync(join(job.folder!, 'pw.out'), 'utf8')
        const want = printed(out)
        const got = readStructure(db, job.resultConfigurationId!)!
        expect(got.natoms).toBe([2, 8][k])
        expect(outcomes[k].quarantineReason).toBeNull()
        expect(got.energy!).toBeCloseTo(want.energy, 6)
        expect(got.forces!.length).toBe(want.forces.length)
        got.forces!.forEach((f, i) => expect(Math.abs(f - want.forces[i])).toBeLessThan(1e-6))
        // kbar is printed with 2 decimals: 0.005 kbar of rounding.
        const tol = ((0.006 * 0.1) / EV_A3_GPA) * want.volume
        got.virial!.forEach((v, c) => expect(Math.abs(v - want.virial[c]), `virial ${c}`).toBeLessThan(tol))
        // The forces are real: the displaced atom feels one.
        expect(Math.max(...want.forces.map(Math.abs))).toBeGreaterThan(0.05)
      }
      // The compressed Si8 cell is under compression along x: positive (pressure-like) virial xx.
      expect(readStructure(db, getDftJob(db, good.jobIds[1])!.resultConfigurationId!)!.virial![0]).toBeGreaterThan(0)

      const unconverged = outcomes[2]
      expect(unconverged.quarantineReason).toMatch(/SCF not converged/)
      const row = db.prepare('SELECT quarantine_reason, converged, dft_job_id FROM configurations WHERE id = ?').get(unconverged.resultConfigurationId)
      expect(row).toMatchObject({ converged: 0, dft_job_id: bad.jobIds[0] })
    } finally {
      project.close()
    }
  })
})
