// Acceptance 5 of issue 6: malformed files through the whole import pipeline (format detection,
// streaming reader, quality gate, the file's transaction). Most defects sit in the LAST frame, after
// good frames were already written inside the transaction, so the rollback is what keeps the
// database unchanged. Each must be reported with the file, 1-based line and field.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { importFile, ImportFailure } from '../../../src-main/data/import-file'
import { Project } from '../../../src-main/projects/project'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'

const FIXTURES = fileURLToPath(new URL('../../fixtures/io/', import.meta.url))

/** Deterministic bytes that are neither text nor any format (0x01–0x08, 0x80–0xFF, newlines). */
function garbage(seed: number, lines = 40): Buffer {
  let x = seed
  const bytes: number[] = []
  for (let l = 0; l < lines; l++) {
    for (let k = 0; k < 30; k++) {
      x = (x * 1103515245 + 12345) % 2147483648
      const b = x % 136
      bytes.push(b < 8 ? b + 1 : 0x78 + b)
    }
    bytes.push(10)
  }
  return Buffer.from(bytes)
}

const lines = (t: string) => t.split('\n')
const lineOf = (t: string, needle: string, from = 0) => lines(t).findIndex((l, i) => i >= from && l.includes(needle)) + 1
const replaceLine = (t: string, n: number, f: (l: string) => string) => lines(t).map((l, i) => (i === n - 1 ? f(l) : l)).join('\n')
const head = (t: string, n: number) => lines(t).slice(0, n).join('\n') + '\n'

const CFG1 = 'BEGIN_CFG\n Size\n    2\n Supercell\n 3 0 0\n 0 3 0\n 0 0 3\n AtomData:  id type cartes_x cartes_y cartes_z fx fy fz\n 1 0 0 0 0 0.1 0.2 0.3\n 2 0 1.5 1.5 1.5 -0.1 -0.2 -0.3\n Energy\n -20.5\n PlusStress:  xx yy zz yz xz xy\n 1 2 3 4 5 6\nEND_CFG\n'
const CFG = CFG1 + '\n' + CFG1.replace('-20.5', '-20.4').replace('1.5 1.5 1.5', '1.4 1.5 1.5') // frame 2 starts at line 17
const XYZ1 = '2\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3:forces:R:3 energy=-2.0 pbc="T T T"\nMo 0 0 0 0.1 0.2 0.3\nMo 1.5 1.5 1.5 -0.1 -0.2 -0.3\n'
const XYZ = XYZ1 + XYZ1.replace('1.5 1.5 1.5', '1.4 1.5 1.5') // frame 2 starts at line 5
const POSCAR = 'Mo2\n1.0\n3 0 0\n0 3 0\n0 0 3\nMo\n2\nDirect\n0 0 0\n0.5 0.5 0.5\n'
const LAMMPS = 'data\n\n2 atoms\n1 atom types\n0 3 xlo xhi\n0 3 ylo yhi\n0 3 zlo zhi\n\nMasses\n\n1 95.95\n\nAtoms # atomic\n\n1 1 0 0 0\n2 1 1.5 1.5 1.5\n'
function json(edit: (r: Record<string, any>[]) => void = () => {}): string {
  const rec = (x: number) => ({
    structure: {
      lattice: { matrix: [[3, 0, 0], [0, 3, 0], [0, 0, 3]] },
      sites: [
        { species: [{ element: 'Mo', occu: 1 }], xyz: [0, 0, 0] },
        { species: [{ element: 'Mo', occu: 1 }], xyz: [x, 1.5, 1.5] },
      ],
    },
    num_atoms: 2,
    group: 'Elastic',
    outputs: { energy: -20.5, forces: [[0, 0, 0], [0, 0, 0]], virial_stress: [1, 2, 3, 4, 5, 6] },
  })
  const recs = [rec(1.5), rec(1.4)]
  edit(recs)
  return JSON.stringify(recs, null, 1)
}
const secondRecordLine = lines(json()).lastIndexOf(' {') + 1
const OUTCAR = readFileSync(join(FIXTURES, 'vasp/OUTCAR_Si2_relax'), 'utf8')
const VASPRUN = readFileSync(join(FIXTURES, 'vasp/vasprun_Si2.xml'), 'utf8')
const QE = readFileSync(join(FIXTURES, 'qe/si2_relax.out'), 'utf8')
const lastForce = lines(OUTCAR).findLastIndex((l) => l.includes('TOTAL-FORCE (eV/Angst)')) + 3
const vLastForces = lines(VASPRUN).findLastIndex((l) => l.includes('<varray name="forces"')) + 2
const qeLastBang = lines(QE).findLastIndex((l) => l.startsWith('!')) + 1
const qeFirstForce = lineOf(QE, 'Forces acting on atoms') + 2

interface Case {
  name: string
  file: string
  content: string | Buffer
  line: number
  field: string
}

const CASES: Case[] = [
  { name: 'cfg truncated in frame 2', file: 'a.cfg', content: head(CFG, 28), line: 28, field: 'END_CFG' },
  { name: 'cfg Size not a number', file: 'a.cfg', content: replaceLine(CFG, 19, () => '   two'), line: 19, field: 'Size' },
  { name: 'cfg fewer atom rows than Size', file: 'a.cfg', content: replaceLine(CFG, 19, () => '  3'), line: 27, field: 'AtomData' },
  { name: 'cfg non-number coordinate', file: 'a.cfg', content: replaceLine(CFG, 26, (l) => l.replace('1.4 1.5 1.5', '1.4 abc 1.5')), line: 26, field: 'AtomData.cartes_y' },
  { name: 'cfg unknown field', file: 'a.cfg', content: replaceLine(CFG, 27, () => ' Energies'), line: 27, field: 'field' },
  { name: 'cfg ids out of order', file: 'a.cfg', content: replaceLine(CFG, 26, (l) => l.replace(' 2 0', ' 7 0')), line: 26, field: 'AtomData.id' },
  { name: 'cfg type without an element', file: 'a.cfg', content: replaceLine(CFG, 26, (l) => l.replace(' 2 0', ' 2 4')), line: 26, field: 'AtomData.type' },
  { name: 'cfg PlusStress with 5 numbers', file: 'a.cfg', content: replaceLine(CFG, 30, () => ' 1 2 3 4 5'), line: 30, field: 'PlusStress' },
  { name: 'cfg energy is nan', file: 'a.cfg', content: replaceLine(CFG, 28, () => ' nan'), line: 28, field: 'Energy' },
  { name: 'cfg binary garbage', file: 'g.cfg', content: garbage(1), line: 1, field: 'BEGIN_CFG' },
  { name: 'xyz atom count not a number', file: 'a.xyz', content: replaceLine(XYZ, 5, () => 'two'), line: 5, field: 'natoms' },
  { name: 'xyz Lattice with 8 numbers', file: 'a.xyz', content: replaceLine(XYZ, 6, (l) => l.replace('0 0 3"', '0 3"')), line: 6, field: 'Lattice' },
  { name: 'xyz truncated atoms', file: 'a.xyz', content: head(XYZ, 7), line: 7, field: 'atom row' },
  { name: 'xyz non-number position', file: 'a.xyz', content: replaceLine(XYZ, 8, (l) => l.replace('1.4 1.5', '1.4 1,5')), line: 8, field: 'pos' },
  { name: 'xyz bad Properties', file: 'a.xyz', content: replaceLine(XYZ, 6, (l) => l.replace('forces:R:3', 'forces:Q')), line: 6, field: 'Properties' },
  { name: 'xyz unterminated quote', file: 'a.xyz', content: replaceLine(XYZ, 6, (l) => l.replace('pbc="T T T"', 'pbc="T T T')), line: 6, field: 'comment line' },
  { name: 'xyz too many columns', file: 'a.xyz', content: replaceLine(XYZ, 7, (l) => l + ' 9'), line: 7, field: 'atom row' },
  { name: 'xyz binary garbage', file: 'g.xyz', content: garbage(2), line: 1, field: 'natoms' },
  { name: 'poscar scale not a number', file: 'POSCAR', content: replaceLine(POSCAR, 2, () => 'one'), line: 2, field: 'scale factor' },
  { name: 'poscar lattice row with 2 numbers', file: 'POSCAR', content: replaceLine(POSCAR, 4, () => '0 3'), line: 4, field: 'lattice vector 2' },
  { name: 'poscar counts for wrong species', file: 'POSCAR', content: replaceLine(POSCAR, 7, () => '1 1'), line: 7, field: 'counts' },
  { name: 'poscar truncated positions', file: 'POSCAR', content: head(POSCAR, 9), line: 9, field: 'positions' },
  { name: 'poscar bad selective flag', file: 'POSCAR', content: POSCAR.replace('Direct\n0 0 0\n', 'Selective dynamics\nDirect\n0 0 0 T X T\n'), line: 10, field: 'selective dynamics' },
  { name: 'json truncated', file: 'a.json', content: json().slice(0, 600), line: lines(json().slice(0, 600)).length, field: 'json' },
  { name: 'json missing forces in record 2', file: 'a.json', content: json((r) => delete r[1].outputs.forces), line: secondRecordLine, field: '[1].outputs.forces' },
  { name: 'json wrong force count in record 2', file: 'a.json', content: json((r) => r[1].outputs.forces.pop()), line: secondRecordLine, field: '[1].outputs.forces' },
  { name: 'json energy not a number in record 2', file: 'a.json', content: json((r) => (r[1].outputs.energy = 'NaN')), line: secondRecordLine, field: '[1].outputs.energy' },
  { name: 'json stress with 5 values in record 2', file: 'a.json', content: json((r) => r[1].outputs.virial_stress.pop()), line: secondRecordLine, field: '[1].outputs.virial_stress' },
  { name: 'lammps no atoms line', file: 'a.lmp', content: LAMMPS.replace('2 atoms\n', ''), line: 8, field: 'atoms' },
  { name: 'lammps non-number coordinate', file: 'a.lmp', content: replaceLine(LAMMPS, 16, () => '2 1 1.5 one 1.5'), line: 16, field: 'Atoms.y' },
  { name: 'lammps type out of range', file: 'a.lmp', content: replaceLine(LAMMPS, 16, () => '2 3 1.5 1.5 1.5'), line: 16, field: 'Atoms.type' },
  { name: 'qe truncated inside the forces', file: 'pw.out', content: head(QE, qeFirstForce), line: qeFirstForce, field: 'forces' },
  { name: 'qe last energy not a number', file: 'pw.out', content: replaceLine(QE, qeLastBang, (l) => l.replace(/-\d+\.\d+/, '***********')), line: qeLastBang, field: 'total energy' },
  { name: 'outcar non-number force in the last step', file: 'OUTCAR', content: replaceLine(OUTCAR, lastForce, (l) => l.replace(/(\d)\.(\d+)\s*$/, '$1.x$2')), line: lastForce, field: 'TOTAL-FORCE' },
  { name: 'vasprun non-number force in the last step', file: 'vasprun.xml', content: replaceLine(VASPRUN, vLastForces, (l) => l.replace(/(\d)\.(\d)/, '$1.z')), line: vLastForces, field: 'varray forces' },
  { name: 'unknown format', file: 'notes.txt', content: 'just some text\n', line: 1, field: 'format' },
]

/** Every row of every table, blobs as hex: equal snapshots mean an unchanged database. */
function snapshot(p: Project): string {
  const tables = p.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  return JSON.stringify(
    tables.map((t) => [t, p.db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v))).sort()]),
  )
}

describe('malformed files through the import pipeline', () => {
  let dir: string
  let project: Project
  let before: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mtp-malformed-'))
    project = Project.create(join(dir, 'p.mtpstudio'), 'malformed')
    // Some good data first, so "unchanged" is checked against a non-empty database.
    writeFileSync(join(dir, 'good.cfg'), CFG)
    await importFile(project.db, join(dir, 'good.cfg'), { species: ['Mo'] })
    before = snapshot(project)
  })
  afterAll(() => {
    project.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('has at least 30 cases over every format', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30)
    expect(new Set(CASES.map((c) => c.file.split('.').pop()))).toEqual(new Set(['cfg', 'xyz', 'POSCAR', 'json', 'lmp', 'out', 'OUTCAR', 'xml', 'txt']))
  })

  it.each(CASES)('$name', async (c) => {
    const caseDir = mkdtempSync(join(dir, 'case-'))
    const path = join(caseDir, c.file)
    writeFileSync(path, c.content)
    const err = await importFile(project.db, path, { species: c.file.endsWith('.cfg') ? ['Mo'] : undefined }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(ImportFailure)
    const e = err as ImportFailure
    expect({ file: e.file, line: e.line, field: e.field }).toEqual({ file: path, line: c.line, field: c.field })
    expect(e.message).toContain(path)
    expect(snapshot(project)).toBe(before)
  })
})
