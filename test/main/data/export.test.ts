// The one-file-per-configuration exports (LAMMPS data, pw.x input) read back, with types in the
// project's species order.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportConfigurations } from '../../../src-main/data/export'
import { ConfigurationWriter } from '../../../src-main/db/repositories/configuration-store'
import { parseLammpsDataText } from '../../../src-main/io/lammps-data'
import { emptyStructure } from '../../../src-main/io/types'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

describe('exportConfigurations', () => {
  it('writes LAMMPS data and pw.x inputs per configuration, filtered', () => {
    const dir = tempDir()
    const p = Project.create(join(dir, 'p.mtpstudio'), 'p')
    try {
      const w = new ConfigurationWriter(p.db)
      p.db.transaction(() => {
        for (const sp of [['Pd', 'Ag'], ['Ag', 'Ag'], ['Cu']]) {
          const s = emptyStructure(sp.length, { file: 'x', frame: 0, parser: 'poscar', code: null, settings: {}, label: sp.join('') })
          s.species = sp
          s.cell = [[4, 0, 0], [0.5, 4, 0], [0, 0, 4]]
          s.positions = Float64Array.from({ length: 3 * sp.length }, (_, i) => 0.7 * i + 0.1)
          w.add(s)
        }
      })()
      const lmp = join(dir, 'lmp')
      expect(exportConfigurations(p.db, { format: 'lammps', out: lmp, filter: { onlyElements: ['Ag', 'Pd'] } }).count).toBe(2)
      expect(readdirSync(lmp)).toEqual(['config-0000001.data', 'config-0000002.data'])
      const back = parseLammpsDataText(readFileSync(join(lmp, 'config-0000002.data'), 'utf8'), 'x', { species: ['Pd', 'Ag', 'Cu'] })
      expect(back.species).toEqual(['Ag', 'Ag'])
      expect(readFileSync(join(lmp, 'config-0000001.data'), 'utf8')).toMatch(/^3 atom types$/m)
      Array.from(back.positions).forEach((x, i) => expect(x).toBeCloseTo(0.7 * i + 0.1, 12))

      const qe = join(dir, 'qe')
      exportConfigurations(p.db, { format: 'qe', out: qe, filter: { elements: ['Cu'] }, qe: { pseudopotentials: { Cu: 'Cu.pz-d-rrkjus.UPF' }, pseudoDir: '/pp', ecutwfc: 30, kspacing: 0.3 } })
      const text = readFileSync(join(qe, 'config-0000003.pw.in'), 'utf8')
      expect(text).toMatch(/prefix = 'config3'/)
      expect(text).toMatch(/K_POINTS automatic\n6 6 6 0 0 0/)
      expect(() => exportConfigurations(p.db, { format: 'qe', out: qe })).toThrow(/pseudopotentials/)
    } finally {
      p.close()
    }
  })
})
