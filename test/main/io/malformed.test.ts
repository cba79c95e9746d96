/**
 * Corpus of malformed inputs across all formats: truncated files, wrong counts, non-numbers,
 * missing fields and binary garbage. Each must raise a ParseError naming the file, the 1-based
 * line and the field.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCfgText, readCfg } from '../../../src-main/io/cfg-reader.js';
import { ParseError } from '../../../src-main/io/errors.js';
import { parseExtxyzText, readExtxyz } from '../../../src-main/io/extxyz-reader.js';
import { parseLammpsDataText } from '../../../src-main/io/lammps-data.js';
import { collect } from '../../../src-main/io/lines.js';
import { parseMlearnJsonText } from '../../../src-main/io/mlearn-json.js';
import { parseOutcarText } from '../../../src-main/io/outcar.js';
import { parsePoscarText } from '../../../src-main/io/poscar.js';
import { parseQeOutputText } from '../../../src-main/io/qe-output.js';
import { parseVasprunText } from '../../../src-main/io/vasprun.js';
import { FIXTURES } from './paths.js';

type Format = 'cfg' | 'extxyz' | 'poscar' | 'outcar' | 'vasprun' | 'qe' | 'json' | 'lammps';

const PARSE: Record<Format, (text: string, name: string) => unknown> = {
  cfg: (t, n) => parseCfgText(t, n, { species: ['Mo'] }),
  extxyz: (t, n) => parseExtxyzText(t, n),
  poscar: (t, n) => parsePoscarText(t, n),
  outcar: (t, n) => parseOutcarText(t, n),
  vasprun: (t, n) => parseVasprunText(t, n),
  qe: (t, n) => parseQeOutputText(t, n),
  json: (t, n) => parseMlearnJsonText(t, n),
  lammps: (t, n) => parseLammpsDataText(t, n),
};

/** Deterministic binary garbage: lines of non-whitespace bytes, most of them invalid UTF-8. */
function garbage(seed: number, lines = 40): string {
  let x = seed;
  const bytes: number[] = [];
  for (let l = 0; l < lines; l++) {
    for (let k = 0; k < 30; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const b = x % 136;
      bytes.push(b < 8 ? b + 1 : 0x78 + b); // 0x01–0x08 or 0x80–0xFF
    }
    bytes.push(10);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Errors at the end of a file name its last line (a file ending in a newline has no empty last line). */
const lines = (text: string) => text.split('\n');
const lineOf = (text: string, needle: string, from = 0) => lines(text).findIndex((l, i) => i >= from && l.includes(needle)) + 1;
const replaceLine = (text: string, n: number, f: (l: string) => string) => lines(text).map((l, i) => (i === n - 1 ? f(l) : l)).join('\n');
const head = (text: string, n: number) => lines(text).slice(0, n).join('\n') + '\n';

const CFG = 'BEGIN_CFG\n Size\n    2\n Supercell\n 3 0 0\n 0 3 0\n 0 0 3\n AtomData:  id type cartes_x cartes_y cartes_z fx fy fz\n 1 0 0 0 0 0.1 0.2 0.3\n 2 0 1.5 1.5 1.5 -0.1 -0.2 -0.3\n Energy\n -20.5\n PlusStress:  xx yy zz yz xz xy\n 1 2 3 4 5 6\nEND_CFG\n';
const XYZ = '2\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3:forces:R:3 energy=-2.0 pbc="T T T"\nMo 0 0 0 0.1 0.2 0.3\nMo 1.5 1.5 1.5 -0.1 -0.2 -0.3\n';
const POSCAR = 'Mo2\n1.0\n3 0 0\n0 3 0\n0 0 3\nMo\n2\nDirect\n0 0 0\n0.5 0.5 0.5\n';
const LAMMPS = 'data\n\n2 atoms\n1 atom types\n0 3 xlo xhi\n0 3 ylo yhi\n0 3 zlo zhi\n\nMasses\n\n1 95.95\n\nAtoms # atomic\n\n1 1 0 0 0\n2 1 1.5 1.5 1.5\n';
const JSON_OK = (extra: (r: Record<string, unknown>[]) => void = () => {}) => {
  const rec = () => ({
    structure: {
      lattice: { matrix: [[3, 0, 0], [0, 3, 0], [0, 0, 3]] },
      sites: [
        { species: [{ element: 'Mo', occu: 1 }], xyz: [0, 0, 0] },
        { species: [{ element: 'Mo', occu: 1 }], xyz: [1.5, 1.5, 1.5] },
      ],
    },
    num_atoms: 2,
    group: 'Elastic',
    outputs: { energy: -20.5, forces: [[0, 0, 0], [0, 0, 0]], virial_stress: [1, 2, 3, 4, 5, 6] },
  });
  const recs: Record<string, unknown>[] = [rec(), rec()];
  extra(recs);
  return JSON.stringify(recs, null, 1);
};
const OUTCAR = readFileSync(FIXTURES + 'vasp/OUTCAR_Si2_relax', 'utf8');
const VASPRUN = readFileSync(FIXTURES + 'vasp/vasprun_Si2.xml', 'utf8');
const QE = readFileSync(FIXTURES + 'qe/si2_relax.out', 'utf8');

interface Case {
  name: string;
  format: Format;
  text: string;
  line: number;
  field: string;
}

const firstForce = lineOf(OUTCAR, 'TOTAL-FORCE (eV/Angst)') + 2;
const qeForce = lineOf(QE, 'Forces acting on atoms') + 2;
const qeBang = lineOf(QE, '!    total energy');
const vForces = lineOf(VASPRUN, '<varray name="forces"') + 1;

const CASES: Case[] = [
  // .cfg
  { name: 'cfg truncated inside a block', format: 'cfg', text: head(CFG, 12), line: 12, field: 'END_CFG' },
  { name: 'cfg Size not a number', format: 'cfg', text: replaceLine(CFG, 3, () => '   two'), line: 3, field: 'Size' },
  { name: 'cfg fewer atom rows than Size', format: 'cfg', text: replaceLine(CFG, 3, () => '  3'), line: 11, field: 'AtomData' },
  { name: 'cfg non-number coordinate', format: 'cfg', text: replaceLine(CFG, 10, (l) => l.replace('1.5 1.5 1.5', '1.5 abc 1.5')), line: 10, field: 'AtomData.cartes_y' },
  { name: 'cfg unknown field', format: 'cfg', text: replaceLine(CFG, 11, () => ' Energies'), line: 11, field: 'field' },
  { name: 'cfg AtomData before Size', format: 'cfg', text: 'BEGIN_CFG\n AtomData: id type cartes_x cartes_y cartes_z\n', line: 2, field: 'Size' },
  { name: 'cfg ids out of order', format: 'cfg', text: replaceLine(CFG, 10, (l) => l.replace(' 2 0', ' 7 0')), line: 10, field: 'AtomData.id' },
  { name: 'cfg type without an element', format: 'cfg', text: replaceLine(CFG, 10, (l) => l.replace(' 2 0', ' 2 1')), line: 10, field: 'AtomData.type' },
  { name: 'cfg PlusStress with 5 numbers', format: 'cfg', text: replaceLine(CFG, 14, () => ' 1 2 3 4 5'), line: 14, field: 'PlusStress' },
  { name: 'cfg energy is nan', format: 'cfg', text: replaceLine(CFG, 12, () => ' nan'), line: 12, field: 'Energy' },
  { name: 'cfg missing BEGIN_CFG', format: 'cfg', text: CFG.replace('BEGIN_CFG', 'START_CFG'), line: 1, field: 'BEGIN_CFG' },
  { name: 'cfg binary garbage', format: 'cfg', text: garbage(1), line: 1, field: 'BEGIN_CFG' },
  // extxyz
  { name: 'xyz atom count not a number', format: 'extxyz', text: XYZ.replace(/^2/, 'two'), line: 1, field: 'natoms' },
  { name: 'xyz Lattice with 8 numbers', format: 'extxyz', text: XYZ.replace('0 0 3"', '0 3"'), line: 2, field: 'Lattice' },
  { name: 'xyz truncated atoms', format: 'extxyz', text: head(XYZ, 3), line: 3, field: 'atom row' },
  { name: 'xyz non-number position', format: 'extxyz', text: replaceLine(XYZ, 4, (l) => l.replace('1.5 1.5 1.5', '1.5 1,5 1.5')), line: 4, field: 'pos' },
  { name: 'xyz bad Properties', format: 'extxyz', text: XYZ.replace('forces:R:3', 'forces:Q'), line: 2, field: 'Properties' },
  { name: 'xyz unterminated quote', format: 'extxyz', text: XYZ.replace('pbc="T T T"', 'pbc="T T T'), line: 2, field: 'comment line' },
  { name: 'xyz too many columns', format: 'extxyz', text: replaceLine(XYZ, 3, (l) => l + ' 9'), line: 3, field: 'atom row' },
  { name: 'xyz energy not a number', format: 'extxyz', text: XYZ.replace('energy=-2.0', 'energy=-2.0.0'), line: 2, field: 'energy' },
  { name: 'xyz binary garbage', format: 'extxyz', text: garbage(2), line: 1, field: 'natoms' },
  // POSCAR
  { name: 'poscar scale not a number', format: 'poscar', text: replaceLine(POSCAR, 2, () => 'one'), line: 2, field: 'scale factor' },
  { name: 'poscar lattice row with 2 numbers', format: 'poscar', text: replaceLine(POSCAR, 4, () => '0 3'), line: 4, field: 'lattice vector 2' },
  { name: 'poscar counts for wrong species', format: 'poscar', text: replaceLine(POSCAR, 7, () => '1 1'), line: 7, field: 'counts' },
  { name: 'poscar truncated positions', format: 'poscar', text: head(POSCAR, 9), line: 9, field: 'positions' },
  { name: 'poscar bad coordinate mode', format: 'poscar', text: replaceLine(POSCAR, 8, () => 'Fractional'), line: 8, field: 'coordinate mode' },
  { name: 'poscar bad selective flag', format: 'poscar', text: POSCAR.replace('Direct\n0 0 0\n', 'Selective dynamics\nDirect\n0 0 0 T X T\n'), line: 10, field: 'selective dynamics' },
  { name: 'poscar binary garbage', format: 'poscar', text: garbage(3), line: 2, field: 'scale factor' },
  // OUTCAR
  { name: 'outcar truncated before the first energy', format: 'outcar', text: head(OUTCAR, firstForce + 1), line: firstForce + 1, field: 'ionic step' },
  { name: 'outcar non-number force', format: 'outcar', text: replaceLine(OUTCAR, firstForce, (l) => l.replace('0.745498', '0.74x498')), line: firstForce, field: 'TOTAL-FORCE' },
  { name: 'outcar missing NIONS', format: 'outcar', text: OUTCAR.replace('NIONS =', 'NI0NS ='), line: firstForce - 2, field: 'NIONS' },
  { name: 'outcar binary garbage', format: 'outcar', text: garbage(4), line: 40, field: 'ionic step' },
  // vasprun.xml
  { name: 'vasprun truncated inside a calculation', format: 'vasprun', text: head(VASPRUN, vForces), line: vForces, field: 'calculation' },
  { name: 'vasprun non-number force', format: 'vasprun', text: replaceLine(VASPRUN, vForces, (l) => l.replace('0.74549812', '0.7454981z')), line: vForces, field: 'varray forces' },
  { name: 'vasprun binary garbage', format: 'vasprun', text: garbage(5), line: 40, field: 'calculation' },
  // QE pw.x output
  { name: 'qe truncated inside forces', format: 'qe', text: head(QE, qeForce), line: qeForce, field: 'forces' },
  { name: 'qe energy not a number', format: 'qe', text: replaceLine(QE, qeBang, (l) => l.replace('-15.55363607', '***********')), line: qeBang, field: 'total energy' },
  { name: 'qe not a pw.x output', format: 'qe', text: garbage(6), line: 40, field: 'total energy' },
  // mlearn JSON
  { name: 'json truncated', format: 'json', text: JSON_OK().slice(0, 200), line: lines(JSON_OK().slice(0, 200)).length, field: 'json' },
  { name: 'json missing forces', format: 'json', text: JSON_OK((r) => delete (r[1].outputs as Record<string, unknown>).forces), line: lines(JSON_OK()).lastIndexOf(' {') + 1, field: '[1].outputs.forces' },
  { name: 'json wrong force count', format: 'json', text: JSON_OK((r) => (r[0].outputs as { forces: unknown[] }).forces.pop()), line: 2, field: '[0].outputs.forces' },
  { name: 'json energy not a number', format: 'json', text: JSON_OK((r) => ((r[0].outputs as { energy: unknown }).energy = 'NaN')), line: 2, field: '[0].outputs.energy' },
  { name: 'json binary garbage', format: 'json', text: garbage(7), line: 1, field: 'json' },
  // LAMMPS data
  { name: 'lammps no atoms line', format: 'lammps', text: LAMMPS.replace('2 atoms\n', ''), line: 8, field: 'atoms' },
  { name: 'lammps too few Atoms lines', format: 'lammps', text: head(LAMMPS, 15), line: 15, field: 'Atoms' },
  { name: 'lammps non-number coordinate', format: 'lammps', text: replaceLine(LAMMPS, 16, () => '2 1 1.5 one 1.5'), line: 16, field: 'Atoms.y' },
  { name: 'lammps type out of range', format: 'lammps', text: replaceLine(LAMMPS, 16, () => '2 3 1.5 1.5 1.5'), line: 16, field: 'Atoms.type' },
  { name: 'lammps binary garbage', format: 'lammps', text: garbage(8), line: 2, field: 'header' },
];

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

describe('malformed inputs give ParseError(file, line, field)', () => {
  it('the corpus covers every format with at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.format)).size).toBe(8);
  });

  it.each(CASES)('$name', (c) => {
    const file = c.name.replace(/\s+/g, '_') + '.' + c.format;
    const err = catchError(() => PARSE[c.format](c.text, file));
    expect(err).toBeInstanceOf(ParseError);
    const e = err as ParseError;
    expect({ file: e.file, line: e.line, field: e.field }).toEqual({ file, line: c.line, field: c.field });
    expect(e.message).toContain(`${file}:${c.line}: ${c.field}: `);
    expect(e.detail.length).toBeGreaterThan(5);
  });
});

describe('errors from the streaming readers name the file on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'io-malformed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('binary garbage .cfg', async () => {
    const path = join(dir, 'garbage.cfg');
    writeFileSync(path, Buffer.from(garbage(9), 'utf8'));
    await expect(collect(readCfg(path))).rejects.toMatchObject({ file: path, line: 1, field: 'BEGIN_CFG' });
  });

  it('truncated extxyz after a chunk boundary keeps counting lines', async () => {
    const path = join(dir, 'big.xyz');
    const frame = XYZ;
    const n = 30000; // ~2.4 MB: spans several 1 MiB chunks
    writeFileSync(path, frame.repeat(n) + '2\nProperties=species:S:1:pos:R:3\nMo 0 0 0\n');
    await expect(collect(readExtxyz(path))).rejects.toMatchObject({ file: path, line: 4 * n + 3, field: 'atom row' });
  });
});
