// The local executor with the engine's built-in EAM reference as the "DFT" code: an Ag–Pd cell is
// exported (in.cfg with types in the job's element order), run, and imported; the stored energy,
// forces and stress must be those the engine wrote to out.cfg, and the job ends 'imported'.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDftJobs } from '../../../src-main/dft/export-jobs'
import { runJobsLocally } from '../../../src-main/dft/local-executor'
import { ConfigurationWriter, readStructure } from '../../../src-main/db/repositories/configuration-store'
import { getDftJob } from '../../../src-main/db/repositories/dft-jobs'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { parseCfgText } from '../../../src-main/io/cfg-reader'
import { emptyStructure } from '../../../src-main/io/types'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

const engine = enginePath()

describe.skipIf(!isExecutable(engine))('EAM reference jobs run locally', () => {
  it('runs the engine on the job folder and imports its energies, forces and stresses', async () => {
    const dir = tempDir()
    const project = Project.create(join(dir, 'agpd.mtpstudio'), 'AgPd')
    try {
      const db = project.db
      // Pd first in the project's species map, so the job must remap types to its own order.
      const s = emptyStructure(4, { file: 'fcc', frame: 0, parser: 'poscar', code: null, settings: {}, label: 'AgPd fcc' })
      const a = 4.0
      s.cell = [[a, 0, 0], [0, a, 0], [0, 0, 1.02 * a]]
      s.species = ['Pd', 'Ag', 'Ag', 'Pd']
      s.positions = Float64Array.of(0, 0, 0, 0, a / 2, a / 2, a / 2 + 0.05, 0, a / 2, a / 2, a / 2, 0)
      const writer = new ConfigurationWriter(db)
      const id = db.transaction(() => writer.add(s))()
      const batch = exportDftJobs(db, { code: 'eam', configurationIds: [id], out: dir, batch: 'eam-1' })
      const folder = getDftJob(db, batch.jobIds[0])!.folder!
      expect(readFileSync(join(folder, 'elements.txt'), 'utf8').trim()).toBe('Pd,Ag')

      const [outcome] = await runJobsLocally(db, batch.jobIds, { engine })
      expect(outcome).toMatchObject({ state: 'imported', quarantineReason: null, error: null })
      const engineOut = parseCfgText(readFileSync(join(folder, 'out.cfg'), 'utf8'), 'out.cfg', { species: ['Pd', 'Ag'] })[0]
      const stored = readStructure(db, outcome.resultConfigurationId!)!
      expect(stored.species).toEqual(['Pd', 'Ag', 'Ag', 'Pd'])
      expect(stored.energy).toBe(engineOut.energy)
      expect(Array.from(stored.forces!)).toEqual(Array.from(engineOut.forces!))
      expect(Array.from(stored.virial!)).toEqual(Array.from(engineOut.virial!))
      expect(Math.max(...Array.from(stored.forces!, Math.abs))).toBeGreaterThan(1e-3)
      expect(getDftJob(db, batch.jobIds[0])).toMatchObject({ state: 'imported', exitCode: 0, resultConfigurationId: outcome.resultConfigurationId })
    } finally {
      project.close()
    }
  })
})
