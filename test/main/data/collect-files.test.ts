import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { collectImportFiles } from '../../../src-main/data/collect-files'
import { tempDir } from '../support/temp'

const FIXTURES = fileURLToPath(new URL('../../fixtures/io/', import.meta.url))

describe('collectImportFiles', () => {
  it('expands folders of DFT runs: vasprun.xml over OUTCAR, no POSCAR/CONTCAR next to them, unknown files skipped', async () => {
    const root = tempDir()
    const run1 = join(root, 'runs', 'a')
    const run2 = join(root, 'runs', 'b')
    const qe = join(root, 'qe')
    for (const d of [run1, run2, qe]) mkdirSync(d, { recursive: true })
    copyFileSync(join(FIXTURES, 'vasp/OUTCAR_Si2_relax'), join(run1, 'OUTCAR'))
    copyFileSync(join(FIXTURES, 'vasp/vasprun_Si2.xml'), join(run1, 'vasprun.xml'))
    writeFileSync(join(run1, 'CONTCAR'), 'Si2\n1.0\n3 0 0\n0 3 0\n0 0 3\nSi\n2\nDirect\n0 0 0\n0.5 0.5 0.5\n')
    writeFileSync(join(run1, 'INCAR'), 'ENCUT = 520\n')
    writeFileSync(join(run1, 'WAVECAR'), Buffer.alloc(100))
    copyFileSync(join(FIXTURES, 'vasp/OUTCAR_Si2_nelm'), join(run2, 'OUTCAR'))
    copyFileSync(join(FIXTURES, 'qe/si2_scf.out'), join(qe, 'pw.out'))
    copyFileSync(join(FIXTURES, 'qe/si2_scf.in'), join(qe, 'pw.in'))
    const lone = join(root, 'POSCAR')
    writeFileSync(lone, 'Si2\n1.0\n3 0 0\n0 3 0\n0 0 3\nSi\n2\nDirect\n0 0 0\n0.5 0.5 0.5\n')
    const missing = join(root, 'missing.cfg')
    expect(await collectImportFiles([join(root, 'runs'), qe, lone, missing])).toEqual([join(run1, 'vasprun.xml'), join(run2, 'OUTCAR'), join(qe, 'pw.out'), lone, missing])
  })
})
