import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collect } from '../../../src-main/io/lines.js';
import { readOutcar } from '../../../src-main/io/outcar.js';
import { parseVasprunText } from '../../../src-main/io/vasprun.js';
import { cellVolume, virialToKbar } from '../../../src-main/io/units.js';
import { FIXTURES } from './paths.js';

const V = FIXTURES + 'vasp/';

describe('VASP OUTCAR', () => {
  it('reads every ionic step with TOTEN by default, recording the choice', async () => {
    const frames = await collect(readOutcar(V + 'OUTCAR_Si2_relax'));
    expect(frames).toHaveLength(2);
    const [a, b] = frames;
    expect(a.energy).toBe(-10.84329872);
    expect(a.energyKind).toBe('free');
    expect(a.features.energy_sigma0).toBe('-10.84270489');
    expect(b.energy).toBe(-10.85401219);
    expect(a.species).toEqual(['Si', 'Si']);
    expect(a.cell).toEqual([[0, 2.715, 2.715], [2.715, 0, 2.715], [2.715, 2.715, 0]]);
    expect(Array.from(b.positions)).toEqual([0.00412, -0.00266, 0.00019, 1.35628, 1.36346, 1.35979]);
    expect(Array.from(a.forces!)).toEqual([0.745498, -0.482686, 0.034893, -0.745498, 0.482686, -0.034893]);
    // Total line xx yy zz xy yz zx = 0.71270 0.70110 0.69540 0.01210 -0.02110 0.00530 (eV)
    expect(Array.from(a.virial!)).toEqual([0.7127, 0.7011, 0.6954, -0.0211, 0.0053, 0.0121]);
    // …and it matches the "in kB" line printed under it (pressure-like, same sign)
    const kb = virialToKbar(a.virial!, cellVolume(a.cell));
    const printed = [28.52887, 28.06445, 27.83625, -0.84471, 0.21183, 0.48431]; // xx yy zz yz zx xy
    for (let k = 0; k < 6; k++) expect(Math.abs(kb[k] - printed[k])).toBeLessThan(5e-4);
    expect(a.converged).toBe(true);
    expect(a.provenance.settings).toMatchObject({ ENCUT: 300, ISMEAR: 1, SIGMA: 0.1, NELM: 60, IBRION: 2 });
    expect(a.provenance.code).toBe('VASP');
  });

  it('takes energy(sigma->0) when asked', async () => {
    const [a] = await collect(readOutcar(V + 'OUTCAR_Si2_relax', { energy: 'sigma0' }));
    expect(a.energy).toBe(-10.84270489);
    expect(a.energyKind).toBe('sigma0');
  });

  it('flags an ionic step that reached NELM without EDIFF', async () => {
    const [s] = await collect(readOutcar(V + 'OUTCAR_Si2_nelm'));
    expect(s.converged).toBe(false);
    expect(s.warnings.join()).toMatch(/NELM = 4/);
  });
});

describe('VASP vasprun.xml', () => {
  const frames = parseVasprunText(readFileSync(V + 'vasprun_Si2.xml', 'utf8'), 'vasprun.xml');

  it('reads each <calculation> with energies, forces and kBar stress', () => {
    expect(frames).toHaveLength(2);
    const [a] = frames;
    expect(a.energy).toBe(-10.84329872);
    expect(a.features.e_0_energy).toBe('-10.84270489');
    expect(Array.from(a.positions)).toEqual([0, 0, 0, 1.3575, 1.3575, 1.3575]);
    expect(Array.from(a.forces!)).toEqual([0.74549812, -0.48268634, 0.03489322, -0.74549812, 0.48268634, -0.03489322]);
    expect(a.provenance.settings.version).toBe('5.4.4.18Apr17-6-g9f103f2a35');
  });

  it('agrees with the OUTCAR of the same run (stress sign and order)', async () => {
    const outcar = await collect(readOutcar(V + 'OUTCAR_Si2_relax'));
    frames.forEach((s, i) => {
      for (let k = 0; k < 6; k++) expect(Math.abs(s.virial![k] - outcar[i].virial![k])).toBeLessThan(2e-5);
      expect(s.energy).toBe(outcar[i].energy);
    });
  });

  it('flags a step whose SCF used all NELM iterations', () => {
    expect(frames[0].converged).toBe(true);
    expect(frames[1].converged).toBe(false);
    expect(frames[1].provenance.settings.scfSteps).toBe(60);
  });

  it('skips vector arrays it does not use (selective dynamics flags)', () => {
    const text = readFileSync(V + 'vasprun_Si2.xml', 'utf8').replace(
      '   <varray name="positions" >',
      '   <varray type="logical" name="selective" >\n    <v type="logical" >  T  T  F </v>\n    <v type="logical" >  T  T  T </v>\n   </varray>\n   <varray name="positions" >',
    );
    expect(parseVasprunText(text, 'v')).toHaveLength(2);
  });

  it('takes e_0_energy when asked', () => {
    const [a] = parseVasprunText(readFileSync(V + 'vasprun_Si2.xml', 'utf8'), 'v', { energy: 'sigma0' });
    expect(a.energy).toBe(-10.84270489);
    expect(a.energyKind).toBe('sigma0');
  });
});

describe('Fortran fixed-format fields', () => {
  it('splits numbers that touch ("-10.123456789-10.123456789")', async () => {
    const { splitFortranNumbers } = await import('../../../src-main/io/outcar.js');
    expect(splitFortranNumbers('   10.123456789-10.123456789  2.000000000')).toEqual(['10.123456789', '-10.123456789', '2.000000000']);
    expect(splitFortranNumbers('  0.1E-05 -2.5')).toEqual(['0.1E-05', '-2.5']);
  });
});
