import { describe, expect, it } from 'vitest';
import { formatPoscar, parsePoscarText } from '../../../src-main/io/poscar.js';
import { cellVolume } from '../../../src-main/io/units.js';

const VASP5 = `Si8 diamond
   5.43
     1.0   0.0   0.0
     0.0   1.0   0.0
     0.0   0.0   1.0
   Si  Ge
   1   1
Selective dynamics
Direct
  0.00 0.00 0.00 T T F
  0.25 0.25 0.25 F F F
`;

describe('POSCAR / CONTCAR', () => {
  it('reads VASP 5 with species, scale, selective dynamics and direct coordinates', () => {
    const s = parsePoscarText(VASP5, 'POSCAR');
    expect(s.species).toEqual(['Si', 'Ge']);
    expect(s.cell[0]).toEqual([5.43, 0, 0]);
    expect(Array.from(s.positions)).toEqual([0, 0, 0, 1.3575, 1.3575, 1.3575]);
    expect(Array.from(s.selective!)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(s.provenance.label).toBe('Si8 diamond');
  });

  it('reads VASP 4 (no species line) with species supplied, Cartesian, and a negative scale = volume', () => {
    const text = 'old file\n -64.0\n 2 0 0\n 0 2 0\n 0 0 2\n 2\nCartesian\n 0 0 0\n 1 1 1\n';
    const s = parsePoscarText(text, 'POSCAR', { species: ['Cu'] });
    expect(s.species).toEqual(['Cu', 'Cu']);
    expect(cellVolume(s.cell)).toBeCloseTo(64, 12);
    expect(s.positions[3]).toBeCloseTo(2, 12); // Cartesian positions scale with the lattice
    expect(() => parsePoscarText(text, 'POSCAR')).toThrow(/supply the species/);
  });

  it('takes the species of a VASP 4 file from the comment line when it lists them', () => {
    const s = parsePoscarText('Al Ni\n1.0\n3 0 0\n0 3 0\n0 0 3\n1 1\nDirect\n0 0 0\n.5 .5 .5\n', 'POSCAR');
    expect(s.species).toEqual(['Al', 'Ni']);
  });

  it('ignores CONTCAR velocities and cleans POTCAR-style symbols', () => {
    const text = 'relaxed\n1.0\n3 0 0\n0 3 0\n0 0 3\nSi_pv\n1\nDirect\n0.1 0.2 0.3\n\n 0.001 0.002 0.003\n';
    const s = parsePoscarText(text, 'CONTCAR');
    expect(s.species).toEqual(['Si']);
    expect(Array.from(s.positions).map((x) => +x.toFixed(12))).toEqual([0.3, 0.6, 0.9]);
  });

  it('round trip is exact (Cartesian) and the text is stable; direct mode reads back within 1e-14 Å', () => {
    const s = parsePoscarText(VASP5, 'POSCAR');
    const { text } = formatPoscar(s);
    const back = parsePoscarText(text, 'w');
    expect(back.cell).toEqual(s.cell);
    expect(Array.from(back.positions)).toEqual(Array.from(s.positions));
    expect(back.species).toEqual(s.species);
    expect(Array.from(back.selective!)).toEqual(Array.from(s.selective!));
    expect(formatPoscar(back).text).toBe(text);
    const d = parsePoscarText(formatPoscar(s, { coordinates: 'direct' }).text, 'd');
    for (let k = 0; k < 6; k++) expect(Math.abs(d.positions[k] - s.positions[k])).toBeLessThan(1e-14);
  });

  it('groups interleaved species into blocks and reports the permutation', () => {
    const s = parsePoscarText('x\n1\n4 0 0\n0 4 0\n0 0 4\nA\n3\nCartesian\n0 0 0\n1 0 0\n2 0 0\n'.replace('A', 'Fe'), 'p');
    s.species = ['Fe', 'Ni', 'Fe'];
    const { text, order } = formatPoscar(s);
    expect(order).toEqual([0, 2, 1]);
    expect(text.split('\n')[5].trim().split(/\s+/)).toEqual(['Fe', 'Ni']);
    expect(text.split('\n')[6].trim().split(/\s+/)).toEqual(['2', '1']);
  });
});
