// The import pipeline's own decisions: duplicates, groups and tags, the project's energy kind,
// the quality gate on real VASP fixtures, and progress.
import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../../src-main/data/import-file'
import { countMatching } from '../../../src-main/db/repositories/configuration-query'
import { getSetting } from '../../../src-main/db/repositories/settings'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

const FIXTURES = fileURLToPath(new URL('../../fixtures/io/', import.meta.url))
const XYZ = (dx: number) => `2\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3:forces:R:3 energy=-2.0 pbc="T T T"\nMo 0 0 0 0.1 0.2 0.3\nMo ${1.5 + dx} 1.5 1.5 -0.1 -0.2 -0.3\n`

describe('importFile', () => {
  it('flags duplicates (shifted and permuted copies too), or skips them', async () => {
    const dir = tempDir()
    const p = Project.create(join(dir, 'p.mtpstudio'), 'p')
    try {
      const a = join(dir, 'a.xyz')
      // frame 1 = frame 0 shifted by (0.4, 0.4, 0.4) with its atoms swapped; frame 2 is different.
      writeFileSync(a, XYZ(0) + `2\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3 pbc="T T T"\nMo 1.9 1.9 1.9\nMo 0.4 0.4 0.4\n` + XYZ(0.2))
      const r = await importFile(p.db, a, { group: 'first', tags: ['t1', 't2'] })
      expect(r).toMatchObject({ frames: 3, stored: 3, duplicates: 1 })
      expect(p.db.prepare('SELECT duplicate_of FROM configurations ORDER BY id').pluck().all()).toEqual([null, 1, null])
      const again = await importFile(p.db, a, { skipDuplicates: true })
      expect(again).toMatchObject({ frames: 3, stored: 0, duplicates: 3, skippedDuplicates: 3 })
      expect(again.warnings[0]).toMatch(/^the same content was imported before, from .*a\.xyz at /)
      expect(countMatching(p.db, { tag: 't2' })).toBe(3)
      expect(countMatching(p.db, { group: 'first', duplicate: false })).toBe(2)
    } finally {
      p.close()
    }
  })

  it('records the project energy kind and quarantines VASP frames of the other kind or unconverged', async () => {
    const dir = tempDir()
    const p = Project.create(join(dir, 'p.mtpstudio'), 'p')
    try {
      const outcar = join(dir, 'OUTCAR')
      copyFileSync(join(FIXTURES, 'vasp/OUTCAR_Si2_relax'), outcar)
      const progress: number[] = []
      const first = await importFile(p.db, outcar, { onProgress: (x) => progress.push(x.bytesRead) })
      expect(getSetting(p.db, 'energy_kind')).toBe('free')
      expect(first.quarantined).toBe(0)
      expect(progress[progress.length - 1]).toBeGreaterThan(0)
      const second = await importFile(p.db, outcar, { energy: 'sigma0', detectDuplicates: false })
      expect(second.quarantined).toBe(second.stored)
      expect(Object.keys(second.reasons)).toEqual(['energy kind sigma0 (energy(sigma->0)) but the project uses free (TOTEN)'])
      const nelm = join(dir, 'OUTCAR_nelm')
      copyFileSync(join(FIXTURES, 'vasp/OUTCAR_Si2_nelm'), nelm)
      const third = await importFile(p.db, nelm, { format: 'outcar', detectDuplicates: false })
      expect(Object.keys(third.reasons).join()).toMatch(/SCF not converged/)
      expect(p.summary().counts.quarantined).toBe(second.stored + third.quarantined)
    } finally {
      p.close()
    }
  })

  it('needs the elements of a .cfg that only has type indices', async () => {
    const dir = tempDir()
    const p = Project.create(join(dir, 'p.mtpstudio'), 'p')
    try {
      const cfg = join(dir, 'a.cfg')
      writeFileSync(cfg, 'BEGIN_CFG\n Size\n 1\n AtomData: id type cartes_x cartes_y cartes_z\n 1 0 0 0 0\nEND_CFG\n')
      await expect(importFile(p.db, cfg)).rejects.toMatchObject({ field: 'species', message: expect.stringMatching(/--species/) })
      expect((await importFile(p.db, cfg, { species: ['W'] })).stored).toBe(1)
      // Now the project's map gives type 0 = W.
      expect((await importFile(p.db, cfg)).stored).toBe(1)
      expect(p.summary().species).toEqual(['W'])
    } finally {
      p.close()
    }
  })
})
