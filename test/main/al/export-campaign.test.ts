// A campaign whose reference step exports QE job folders (for a cluster): it stops in
// 'awaiting_dft' with the jobs it waits for, and — once the folders have been run elsewhere (pw.x
// here, by hand, as a cluster would) and their results imported — resumes at the reference step and
// goes on to the next iteration.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCampaign } from '../../../src-main/al/create'
import { runCampaignHere } from '../../../src-main/al/foreground'
import { campaignDetail } from '../../../src-main/al/views'
import { getDftJob } from '../../../src-main/db/repositories/dft-jobs'
import { importResultsFolder } from '../../../src-main/dft/import-results'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { tempDir } from '../support/temp'
import { seededProject, siliconCandidates } from './support'

const PW = '/usr/bin/pw.x'
const PSEUDO_DIR = '/usr/share/espresso/pseudo'
const haveQe = existsSync(PW) && existsSync(join(PSEUDO_DIR, 'Si.pbe-rrkj.UPF')) && isExecutable(enginePath())

describe.skipIf(!haveQe)('active learning with exported DFT jobs', () => {
  it('waits for the exported jobs and resumes when their results are imported', async () => {
    const dir = tempDir()
    const cluster = join(dir, 'cluster')
    const project = seededProject(dir, 'si-export', siliconCandidates(), 'si')
    try {
      const db = project.db
      const id = createCampaign(db, {
        name: 'Si exported',
        candidates: { tag: 'si' },
        reference: { kind: 'export', code: 'qe', out: cluster, qe: { pseudopotentials: { Si: 'Si.pbe-rrkj.UPF' }, pseudoDir: PSEUDO_DIR, ecutwfc: 12, kspacing: 1.2 } },
        level: 4,
        initialSize: 2,
        maxIterations: 1,
        relax: { maxIter: 100 },
        threads: 1,
      })
      const waits: number[] = []
      let status = await runCampaignHere(project, id, { env: process.env, handleSignals: false })
      while (status === 'awaiting_dft') {
        const d = campaignDetail(db, id, null)
        const it = d.iterations[d.iterations.length - 1]
        expect(it).toMatchObject({ step: 'reference', status: 'waiting' })
        expect(d.waitingFor).toMatchObject({ kind: 'dft', done: 0, total: it.selected })
        if (d.waitingFor?.kind !== 'dft') throw new Error('not waiting for DFT')
        waits.push(it.number)
        // Nothing changes until results arrive: resuming just waits again.
        expect(await runCampaignHere(project, id, { env: process.env, handleSignals: false })).toBe('awaiting_dft')
        for (const jobId of d.waitingFor.jobIds) {
          const folder = getDftJob(db, jobId)!.folder!
          expect(existsSync(join(folder, '..', 'submit.slurm'))).toBe(true)
          const r = spawnSync('sh', ['-c', `${PW} -in pw.in > pw.out`], { cwd: folder, env: { ...process.env, OMP_NUM_THREADS: '1' } })
          expect(r.status).toBe(0)
        }
        const imported = await importResultsFolder(db, cluster)
        expect(imported.outcomes.filter((o) => o.state === 'imported').length).toBe(d.waitingFor.total)
        status = await runCampaignHere(project, id, { env: process.env, handleSignals: false })
      }
      expect(waits).toEqual([0, 1])
      const d = campaignDetail(db, id, null)
      // Iteration 1 still selected something, so the campaign ends at its iteration limit.
      expect(status).toBe('stopped')
      expect(d.summary.error?.message).toMatch(/maxIterations \(1\)/)
      expect(d.iterations[1].trainingSetSize).toBe(d.iterations[0].selected + d.iterations[1].selected)
    } finally {
      project.close()
    }
  }, 300_000)
})
