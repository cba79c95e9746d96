import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpointGrid } from '../../../src-main/io/kpoints.js';
import { collect } from '../../../src-main/io/lines.js';
import { formatQeInput } from '../../../src-main/io/qe-input.js';
import { parseQeOutputText, readQeOutput } from '../../../src-main/io/qe-output.js';
import { cellVolume } from '../../../src-main/io/units.js';
import { FIXTURES } from './paths.js';

// Independent conversion constants (CODATA 2018), not imported from units.ts
const RY = 13.605693122994; // eV
const BOHR = 0.529177210903; // Å
const Q = FIXTURES + 'qe/';

/** The numbers pw.x printed, pulled out of the text with plain regexes. */
function printed(text: string) {
  const energies = [...text.matchAll(/^!\s+total energy\s+=\s+(\S+) Ry/gm)].map((m) => Number(m[1]));
  const forces = [...text.matchAll(/^\s+atom\s+\d+ type\s+\d+\s+force =\s+(\S+)\s+(\S+)\s+(\S+)/gm)].map((m) => [1, 2, 3].map((k) => Number(m[k])));
  const stress = [...text.matchAll(/total\s+stress\s+\(Ry\/bohr\*\*3\).*\n(.*)\n(.*)\n(.*)/g)].map((m) => [1, 2, 3].map((k) => m[k].trim().split(/\s+/).map(Number)));
  return { energies, forces, stress };
}

describe('Quantum ESPRESSO pw.x output (real runs of pw.x 6.7, Si₂, ecutwfc 20 Ry, 2×2×2 k)', () => {
  it('scf: energy, forces and stress equal the printed values, converted', () => {
    const text = readFileSync(Q + 'si2_scf.out', 'utf8');
    const p = printed(text);
    const [s] = parseQeOutputText(text, 'si2_scf.out');
    expect(s.converged).toBe(true);
    expect(s.energy).toBeCloseTo(p.energies[0] * RY, 9);
    expect(s.energy).toBeCloseTo(-15.55363607 * 13.605693122994, 9);
    for (let i = 0; i < 2; i++) for (let d = 0; d < 3; d++) expect(s.forces![3 * i + d]).toBeCloseTo((p.forces[i][d] * RY) / BOHR, 10);
    // stress is pressure-like (P = +98.75 kbar for this compressed cell): virial = +V·p
    const vol = cellVolume(s.cell);
    expect(vol).toBeCloseTo(270.1072 * BOHR ** 3, 3);
    const m = p.stress[0];
    const toEv = (RY / BOHR ** 3) * vol;
    expect(s.virial![0]).toBeCloseTo(m[0][0] * toEv, 10);
    expect(s.virial![1]).toBeCloseTo(m[1][1] * toEv, 10);
    expect(s.virial![2]).toBeCloseTo(m[2][2] * toEv, 10);
    expect(s.virial![3]).toBeCloseTo(m[1][2] * toEv, 10); // yz
    expect(s.virial![4]).toBeCloseTo(m[0][2] * toEv, 10); // xz
    expect(s.virial![5]).toBeCloseTo(m[0][1] * toEv, 10); // xy
    expect(s.virial![0]).toBeGreaterThan(0);
    // kbar columns agree with the Ry/bohr³ ones (printed to 0.01 kbar)
    const kbar = (s.virial![0] / vol) * 160.2176634 * 10;
    expect(Math.abs(kbar - m[0][3])).toBeLessThan(0.01);
    expect(Array.from(s.positions).map((x) => +x.toFixed(5))).toEqual([0, 0, 0, 1.4, 1.33, 1.357]);
    expect(s.species).toEqual(['Si', 'Si']);
    expect(s.provenance.settings).toMatchObject({ ecutwfc: 20, nks: 8, version: 'v.6.7MaX' });
  });

  it('relax: every ionic step, positions from the ATOMIC_POSITIONS printed before it', async () => {
    const text = readFileSync(Q + 'si2_relax.out', 'utf8');
    const p = printed(text);
    const frames = await collect(readQeOutput(Q + 'si2_relax.out'));
    expect(frames).toHaveLength(p.energies.length);
    expect(frames).toHaveLength(4);
    frames.forEach((s, i) => {
      expect(s.energy).toBeCloseTo(p.energies[i] * RY, 9);
      expect(s.forces![0]).toBeCloseTo((p.forces[2 * i][0] * RY) / BOHR, 10);
      expect(s.converged).toBe(true);
    });
    // step 2 uses the first ATOMIC_POSITIONS block: Si 0.0153431…
    const block = /ATOMIC_POSITIONS \(angstrom\)\nSi\s+(\S+)\s+(\S+)\s+(\S+)/.exec(text)!;
    expect(frames[1].positions[0]).toBe(Number(block[1]));
  });

  it('vc-relax: the cell follows CELL_PARAMETERS, the final scf is included', () => {
    const text = readFileSync(Q + 'si2_vcrelax.out', 'utf8');
    const frames = parseQeOutputText(text, 'si2_vcrelax.out');
    expect(frames).toHaveLength(printed(text).energies.length);
    const cells = [...text.matchAll(/CELL_PARAMETERS \(angstrom\)\n\s*(\S+)\s+(\S+)\s+(\S+)/g)].map((m) => [1, 2, 3].map((k) => Number(m[k])));
    expect(frames[1].cell[0]).toEqual(cells[0]);
    const volumes = [...text.matchAll(/new unit-cell volume =\s+\S+ a\.u\.\^3 \(\s+(\S+) Ang\^3/g)].map((m) => Number(m[1]));
    expect(cellVolume(frames[1].cell)).toBeCloseTo(volumes[0], 4);
  });

  it('flags "convergence NOT achieved" and keeps the last SCF energy', () => {
    const [s] = parseQeOutputText(readFileSync(Q + 'si2_unconv.out', 'utf8'), 'si2_unconv.out');
    expect(s.converged).toBe(false);
    expect(s.energy).toBeCloseTo(-15.54630543 * RY, 9);
    expect(s.forces).toBeNull();
  });
});

describe('pw.x input writer', () => {
  const [si2] = parseQeOutputText(readFileSync(Q + 'si2_scf.out', 'utf8'), 'si2_scf.out');
  const opts = {
    pseudopotentials: { Si: 'Si.pbe-rrkj.UPF' },
    pseudoDir: '/usr/share/espresso/pseudo',
    ecutwfc: 20,
    kspacing: 1.1,
  };

  it('k-points from a spacing (2π included): fcc a = 5.43 Å has |b| = 2.004 Å⁻¹', () => {
    expect(kpointGrid(si2.cell, 1.1)).toEqual([2, 2, 2]);
    expect(kpointGrid(si2.cell, 0.25)).toEqual([9, 9, 9]);
  });

  it('writes the namelists, species, cell and positions in Å, forces and stress on', () => {
    const text = formatQeInput(si2, opts);
    expect(text).toContain("  tprnfor = .true.\n  tstress = .true.\n");
    expect(text).toContain('ATOMIC_SPECIES\nSi  28.085 Si.pbe-rrkj.UPF\n');
    expect(text).toContain('K_POINTS automatic\n2 2 2 0 0 0\n');
    expect(text).toMatch(/CELL_PARAMETERS angstrom\n\s+0\.0000000000\s+2\.7150007675\s+2\.7150007675\n/);
  });

  it.skipIf(!existsSync('/usr/bin/pw.x'))('pw.x runs the written input and gives the fixture energy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qe-io-'));
    try {
      writeFileSync(join(dir, 'pw.in'), formatQeInput(si2, { ...opts, outdir: dir, electrons: { conv_thr: 1e-8 } }));
      const out = execFileSync('pw.x', ['-in', 'pw.in'], { cwd: dir, env: { ...process.env, OMP_NUM_THREADS: '1' }, encoding: 'utf8' });
      const [s] = parseQeOutputText(out, 'pw.out');
      expect(s.converged).toBe(true);
      expect(s.energy).toBeCloseTo(si2.energy!, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
