import { describe, expect, it } from 'vitest';
import { formatLammpsData, parseLammpsDataText } from '../../../src-main/io/lammps-data.js';
import { parseCfgText } from '../../../src-main/io/cfg-reader.js';
import { cellVolume } from '../../../src-main/io/units.js';

const TRICLINIC = `LAMMPS data file written by hand

3 atoms
2 atom types

-1.0 2.0 xlo xhi
0.5 3.5 ylo yhi
0.0 4.0 zlo zhi
0.5 -0.25 0.75 xy xz yz

Masses

1 95.95
2 92.906 # Nb

Atoms # atomic

2 2 0.0 0.5 0.0 0 0 0
1 1 -1.0 0.5 0.0 0 0 0
3 1 1.0 2.0 3.0 0 1 0
`;

describe('LAMMPS data', () => {
  it('reads a triclinic box, ids out of order, Masses → elements (comment, else atomic weight)', () => {
    const s = parseLammpsDataText(TRICLINIC, 'data.lmp');
    expect(s.natoms).toBe(3);
    expect(s.cell).toEqual([[3, 0, 0], [0.5, 3, 0], [-0.25, 0.75, 4]]);
    expect(s.species).toEqual(['Mo', 'Nb', 'Mo']);
    expect(Array.from(s.positions)).toEqual([0, 0, 0, 1, 0, 0, 2, 1.5, 3]);
    expect(Array.from(s.types!)).toEqual([0, 1, 0]);
  });

  it('the caller can name the types, and the charge style is read', () => {
    const text = 'x\n\n1 atoms\n1 atom types\n0 2 xlo xhi\n0 2 ylo yhi\n0 2 zlo zhi\n\nAtoms # charge\n\n1 1 0.5 0.1 0.2 0.3\n';
    const s = parseLammpsDataText(text, 'q.lmp', { species: ['Li'] });
    expect(s.species).toEqual(['Li']);
    expect(Array.from(s.charges!)).toEqual([0.5]);
    expect(() => parseLammpsDataText(text, 'q.lmp')).toThrow(/element of atom type 1/);
  });

  it('write → read is exact for a LAMMPS-shaped cell, and the text is stable', () => {
    const s = parseLammpsDataText(TRICLINIC, 'data.lmp');
    const text = formatLammpsData(s);
    const back = parseLammpsDataText(text, 'w.lmp');
    expect(back.cell).toEqual(s.cell);
    expect(Array.from(back.positions)).toEqual(Array.from(s.positions));
    expect(back.species).toEqual(s.species);
    expect(formatLammpsData(back)).toBe(text);
  });

  it('rotates a general cell into the LAMMPS frame, keeping volume and interatomic distances', () => {
    const [s] = parseCfgText(
      'BEGIN_CFG\n Size\n 2\n Supercell\n 0 2.715 2.715\n 2.715 0 2.715\n 2.715 2.715 0\n AtomData: id type cartes_x cartes_y cartes_z\n 1 0 0 0 0\n 2 0 1.4 1.33 1.357\nEND_CFG\n',
      'si.cfg',
      { species: ['Si'] },
    );
    const back = parseLammpsDataText(formatLammpsData(s), 'w.lmp');
    expect(back.cell[0]![1]).toBe(0);
    expect(cellVolume(back.cell)).toBeCloseTo(cellVolume(s.cell), 10);
    const d = (p: Float64Array) => Math.hypot(p[3] - p[0], p[4] - p[1], p[5] - p[2]);
    expect(d(back.positions)).toBeCloseTo(d(s.positions), 10);
  });
});
