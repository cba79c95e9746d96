// Acceptance 4 of issue 7: a campaign whose "ab initio" step is Quantum ESPRESSO run here (Debian's
// pw.x, Si.pbe-rrkj.UPF, 2-atom silicon cells, low cutoff): it runs a few iterations within a few
// minutes, and the pw.x results are imported (energies equal to the '!' lines of pw.out, forces and
// stress stored, code QE) and are exactly the training set the potentials were trained on.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCampaignHere } from '../../../src-main/al/foreground'
import { createCampaign } from '../../../src-main/al/create'
import { campaignDetail } from '../../../src-main/al/views'
import { listDftJobs } from '../../../src-main/db/repositories/dft-jobs'
import { readStructure } from '../../../src-main/db/repositories/configuration-store'
import { trainingSetMembers } from '../../../src-main/db/repositories/training-sets'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { tempDir } from '../support/temp'
import { seededProject, siliconCandidates } from './support'

const PW = '/usr/bin/pw.x'
const PSEUDO_DIR = '/usr/share/espresso/pseudo'
const haveQe = existsSync(PW) && existsSync(join(PSEUDO_DIR, 'Si.pbe-rrkj.UPF')) && isExecutable(enginePath())
const RY_EV = 13.605693122994

describe.skipIf(!haveQe)('active learning with local Quantum ESPRESSO', () => {
  it('runs pw.x on the selected silicon cells, imports the results and trains on them', async () => {
    const dir = tempDir()
    const project = seededProject(dir, 'si', siliconCandidates(), 'si-candidates')
    try {
      const db = project.db
      const id = createCampaign(db, {
        name: 'Si with pw.x',
        candidates: { tag: 'si-candidates' },
        reference: { kind: 'qe-local', qe: { pseudopotentials: { Si: 'Si.pbe-rrkj.UPF' }, pseudoDir: PSEUDO_DIR, ecutwfc: 12, kspacing: 1.2, convThr: 1e-8 }, pwCommand: PW },
        level: 4,
        initialSize: 2,
        maxIterations: 8,
        relax: { maxIter: 100 },
        seed: 3,
        threads: 1,
      })
      const started = Date.now()
      const status = await runCampaignHere(project, id, { env: process.env, handleSignals: false })
      expect(Date.now() - started).toBeLessThan(240_000)
      const d = campaignDetail(db, id, null)
      expect(d.summary.error).toBeNull()
      expect(status).toBe('converged')
      expect(d.iterations.length).toBeGreaterThanOrEqual(3)
      // Relaxation-driven AL: early potentials break on the candidates, the last one relaxes them all.
      expect(d.iterations[1].reliability!).toBeLessThan(1)
      expect(d.iterations[d.iterations.length - 1]).toMatchObject({ reliability: 1, selected: 0, outcomes: { relaxation_OK: 5 } })

      const jobs = listDftJobs(db).filter((j) => j.batch.startsWith(`al${id}-`))
      expect(jobs.length).toBe(d.iterations.reduce((n, it) => n + it.selected, 0))
      expect(jobs.length).toBeGreaterThan(2)
      for (const job of jobs) {
        expect(job).toMatchObject({ code: 'qe', state: 'imported' })
        const pwOut = readFileSync(join(job.folder!, 'pw.out'), 'utf8')
        const printed = Number(/^!\s+total energy\s+=\s+(\S+) Ry/m.exec(pwOut)![1]) * RY_EV
        const result = readStructure(db, job.resultConfigurationId!)!
        expect(result.energy!).toBeCloseTo(printed, 6)
        expect(result.forces).not.toBeNull()
        expect(result.virial).not.toBeNull()
        expect(result.provenance.code).toBe('QE')
      }
      // The last training set is exactly the imported pw.x results, and a potential was trained on it.
      const lastSet = [...d.iterations].reverse().find((it) => it.trainingSetId !== null)!
      expect(trainingSetMembers(db, lastSet.trainingSetId!).map((m) => m.configurationId)).toEqual(jobs.map((j) => j.resultConfigurationId).sort((x, y) => x! - y!))
      expect(d.summary.potentialId).not.toBeNull()
      const trainedOn = db.prepare('SELECT training_set_id FROM potentials WHERE id = ?').pluck().get(d.summary.potentialId) as number
      expect(trainedOn).toBe(lastSet.trainingSetId)
    } finally {
      project.close()
    }
  }, 300_000)
})
