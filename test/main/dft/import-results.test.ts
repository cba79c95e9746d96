// "Import results folder": job folders exported here, run elsewhere (simulated by dropping a real
// pw.x output and VASP files into them), copied back and matched through their job.json.
import { copyFileSync, cpSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { exportDftJobs } from '../../../src-main/dft/export-jobs'
import { importResultsFolder } from '../../../src-main/dft/import-results'
import { ConfigurationWriter, readStructure } from '../../../src-main/db/repositories/configuration-store'
import { getDftJob } from '../../../src-main/db/repositories/dft-jobs'
import { emptyStructure, type ParsedStructure } from '../../../src-main/io/types'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

const FIXTURES = fileURLToPath(new URL('../../fixtures/io/', import.meta.url))

function si(n: number): ParsedStructure {
  const s = emptyStructure(n, { file: 'si', frame: 0, parser: 'poscar', code: null, settings: {}, label: `Si${n}` })
  s.cell = [[0, 2.715, 2.715], [2.715, 0, 2.715], [2.715, 2.715, 0]]
  s.species = new Array(n).fill('Si')
  s.positions = Float64Array.from({ length: 3 * n }, (_, i) => (i % 3) * 0.3 + Math.floor(i / 3) * 1.3)
  return s
}

describe('importing results of jobs run elsewhere', () => {
  it('matches folders by job.json, imports outputs, and skips what is not ready or unknown', async () => {
    const dir = tempDir()
    const project = Project.create(join(dir, 'p.mtpstudio'), 'p')
    try {
      const db = project.db
      const w = new ConfigurationWriter(db)
      const ids = db.transaction(() => [w.add(si(2)), w.add(si(2)), w.add(si(3))])()
      const qe = exportDftJobs(db, { code: 'qe', configurationIds: ids, out: join(dir, 'export'), batch: 'qe1', qe: { pseudopotentials: { Si: 'Si.pbe-rrkj.UPF' }, pseudoDir: '/p', ecutwfc: 20, kspacing: 0.5 } })
      const vasp = exportDftJobs(db, { code: 'vasp', configurationIds: [ids[0]], out: join(dir, 'export'), batch: 'vasp1', vasp: { encut: 520, kspacing: 0.3, potcar: { Si: 'Si_GW' } } })
      const vdir = getDftJob(db, vasp.jobIds[0])!.folder!
      expect(readFileSync(join(vdir, 'POTCAR.spec'), 'utf8')).toBe('Si_GW\n')
      expect(readFileSync(join(vdir, 'INCAR'), 'utf8')).toMatch(/^ENCUT = 520$/m)
      expect(readFileSync(join(vdir, 'KPOINTS'), 'utf8')).toMatch(/^Gamma\n\d+ \d+ \d+\n0 0 0\n$/m)
      expect(readFileSync(join(vdir, 'POSCAR'), 'utf8')).toMatch(/^\s+Si\n\s+2\nCartesian/m)

      // "The cluster": a copy of the export folder, with outputs in some job folders.
      const back = join(dir, 'back')
      cpSync(join(dir, 'export'), back, { recursive: true })
      const qeDir = (k: number) => join(back, 'qe1', getDftJob(db, qe.jobIds[k])!.folder!.split('/').pop()!)
      copyFileSync(join(FIXTURES, 'qe/si2_scf.out'), join(qeDir(0), 'pw.out'))
      copyFileSync(join(FIXTURES, 'qe/si2_unconv.out'), join(qeDir(1), 'pw.out'))
      // Job 3 was a 3-atom cell: a 2-atom output is the wrong structure.
      copyFileSync(join(FIXTURES, 'qe/si2_scf.out'), join(qeDir(2), 'pw.out'))
      copyFileSync(join(FIXTURES, 'vasp/vasprun_Si2.xml'), join(back, 'vasp1', vdir.split('/').pop()!, 'vasprun.xml'))

      const r = await importResultsFolder(db, back)
      expect(r.skipped).toEqual([])
      expect(r.outcomes.map((o) => [o.jobId, o.state])).toEqual([...qe.jobIds, ...vasp.jobIds].map((id) => [id, 'imported']))
      const [ok, unconv, wrong, fromVasp] = r.outcomes
      expect(ok.quarantineReason).toBeNull()
      expect(unconv.quarantineReason).toMatch(/SCF not converged/)
      expect(wrong.quarantineReason).toMatch(/wrong atom count: 2, expected 3/)
      // The fixture's second (last) ionic step used all NELM electronic steps: the result is that
      // step, stored with the first one, and quarantined.
      expect(fromVasp.quarantineReason).toMatch(/SCF not converged/)
      expect(db.prepare('SELECT source_frame, quarantine_reason IS NULL AS ok FROM configurations WHERE dft_job_id = ? ORDER BY id').all(vasp.jobIds[0])).toEqual([
        { source_frame: 0, ok: 1 },
        { source_frame: 1, ok: 0 },
      ])
      const result = readStructure(db, ok.resultConfigurationId!)!
      expect(result.provenance).toMatchObject({ parser: 'qe-pw-output', code: 'QE' })
      expect(result.energy).toBeCloseTo(-15.55 * 13.6057, 0)
      expect(db.prepare('SELECT dft_job_id FROM configurations WHERE id = ?').pluck().get(ok.resultConfigurationId)).toBe(qe.jobIds[0])

      // A second pass finds everything imported; a folder from another project is not matched.
      const again = await importResultsFolder(db, back)
      expect(again.outcomes).toEqual([])
      expect(again.skipped.map((s) => s.reason)).toEqual(expect.arrayContaining([`job ${qe.jobIds[0]} is imported`]))
      expect(existsSync(join(back, 'qe1', 'submit.slurm'))).toBe(true)
    } finally {
      project.close()
    }
  })
})
