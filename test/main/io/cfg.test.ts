import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCfgText, readCfg } from '../../../src-main/io/cfg-reader.js';
import { formatCfg, formatCfgFile } from '../../../src-main/io/cfg-writer.js';
import { collect } from '../../../src-main/io/lines.js';
import { ParseError } from '../../../src-main/io/errors.js';
import { SHARED } from './paths.js';

// .cfg files written by the MLIP-3 `mlp` program (MANIFEST: mlip-reference, golden/Mo)
const MLIP_WRITTEN = [
  'golden/Mo/efs_test.cfg',
  'golden/Mo/efs_train.cfg',
  'mlip-reference/mlip3-datasets/CuPd.cfg',
  'mlip-reference/mlip3-datasets/126cfgs1type.cfg',
  'mlip-reference/generated-by-mlip3/example07_relax/relaxed.cfg',
  'mlip-reference/generated-by-mlip3/L10_1species/graded10_s1.cfg',
];

describe('MLIP .cfg', () => {
  it.each(MLIP_WRITTEN)('default writer reproduces %s byte for byte', (rel) => {
    const text = readFileSync(SHARED + rel, 'utf8');
    const frames = parseCfgText(text, rel);
    expect(frames.length).toBeGreaterThan(0);
    expect(formatCfgFile(frames)).toBe(text);
  });

  it('lossless write → parse → write is byte-identical and value-exact', () => {
    const text = readFileSync(SHARED + 'mlip-reference/mlip3-datasets/CuPd.cfg', 'utf8');
    const frames = parseCfgText(text, 'CuPd.cfg');
    const lossless = formatCfgFile(frames, { lossless: true });
    const again = parseCfgText(lossless, 'lossless.cfg');
    expect(formatCfgFile(again, { lossless: true })).toBe(lossless);
    let mismatches = 0;
    again.forEach((s, i) => {
      const f = frames[i];
      for (const [x, y] of [[s.positions, f.positions], [s.forces!, f.forces!], [s.virial!, f.virial!]] as const)
        for (let k = 0; k < x.length; k++) if (!Object.is(x[k], y[k])) mismatches++;
      if (s.energy !== f.energy) mismatches++;
    });
    expect(mismatches).toBe(0);
    expect(lossless).toContain('\n    -1.3395900000000001e+00 2.3202300000000000e+00 0.0000000000000000e+00\n');
    expect(lossless).toContain('\n    1 0  0.0000000000000000e+00 0.0000000000000000e+00 0.0000000000000000e+00  -3.9300000000000001e-04 ');
  });

  it('reads CuPd counts, types and PlusStress order (xx yy zz yz xz xy)', async () => {
    const frames = await collect(readCfg(SHARED + 'mlip-reference/mlip3-datasets/CuPd.cfg', { species: ['Cu', 'Pd'] }));
    expect(frames).toHaveLength(523);
    expect(frames.reduce((n, s) => n + s.natoms, 0)).toBe(2451);
    const s = frames[0];
    expect(s.species).toEqual(['Cu', 'Cu', 'Pd', 'Pd']);
    expect(Array.from(s.virial!)).toEqual([1.3712, 1.37867, 0.85722, 0.00097, -0.00167, 0.00652]);
    expect(s.energy).toBe(-17.85651069);
    expect(Object.is(s.positions[10], -0)).toBe(true); // "-0.000000" kept as −0 so it is written back
    expect(s.energyKind).toBe('total');
    expect(s.cell[1]).toEqual([-1.33959, 2.32023, 0]);
  });

  it('reports progress by bytes', async () => {
    const seen: number[] = [];
    await collect(readCfg(SHARED + 'golden/Mo/efs_train.cfg', { onProgress: (p) => seen.push(p.bytesRead / p.totalBytes) }));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('reads the variants: direct coordinates, no Supercell, site_en, charge, Virial, Features:, multi-line features', () => {
    const text = [
      'BEGIN_CFG',
      ' Size 2',
      ' SuperCell',
      '   2.0 0.0 0.0',
      '   0.0 2.0 0.0',
      '   0.0 0.0 4.0',
      ' Atomic_data:  type direct_x direct_y direct_z charge site_en fx fy fz',
      '   1 0.5 0.5 0.25  0.1  -1.5  0.1 0.2 0.3',
      '   0 0.0 0.0 0.0  -0.1  -2.5  -0.1 -0.2 -0.3',
      ' Energy',
      '   -4.0',
      ' Virial:  xx yy zz',
      '   16 32 48',
      ' Feature   note\tfirst line',
      ' Feature   note\tsecond line',
      ' Features: a b',
      '  1 2',
      'END_CFG',
      '',
      'BEGIN_CFG',
      ' Size',
      '  1',
      ' AtomData: id type cartes_x cartes_y cartes_z',
      '  1 0 0.1 0.2 0.3',
      'END_CFG',
    ].join('\n');
    const [a, b] = parseCfgText(text, 'variants.cfg', { species: ['H', 'He'] });
    expect(Array.from(a.positions)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(a.species).toEqual(['He', 'H']);
    expect(Array.from(a.charges!)).toEqual([0.1, -0.1]);
    expect(Array.from(a.siteEnergies!)).toEqual([-1.5, -2.5]);
    expect(Array.from(a.virial!)).toEqual([1, 2, 3, 0, 0, 0]); // Virial divided by |det| = 16
    expect(a.features).toEqual({ note: 'first line\nsecond line', a: '1', b: '2' });
    expect(b.cell).toEqual([null, null, null]);
    expect(b.forces).toBeNull();
    expect(b.energy).toBeNull();
    // writer: cluster without Supercell, features split back into lines, sorted by key
    expect(formatCfg(b)).toBe(
      'BEGIN_CFG\n Size\n    1\n AtomData:  id type       cartes_x      cartes_y      cartes_z\n' +
        '             1    0       0.100000      0.200000      0.300000\nEND_CFG\n\n',
    );
    const w = formatCfg(a);
    expect(w).toContain(' AtomData:  id type       cartes_x      cartes_y      cartes_z    site_en           fx          fy          fz      charge\n');
    expect(w).toContain('             1    1       1.000000      1.000000      1.000000    -1.500000000000     0.100000    0.200000    0.300000      0.1000\n');
    expect(w).toContain(' Feature   a\t1\n Feature   b\t2\n Feature   note\tfirst line\n Feature   note\tsecond line\n');
    expect(formatCfg(a, { direct: true })).toContain('       direct_x      direct_y      direct_z');
  });

  it('rejects the old negative-sign Stress: field unless asked, then negates it', () => {
    const text = 'BEGIN_CFG\n Size\n 1\n AtomData: id type cartes_x cartes_y cartes_z\n 1 0 0 0 0\n Stress: xx yy zz yz xz xy\n 1 2 3 4 5 6\nEND_CFG\n';
    expect(() => parseCfgText(text, 'old.cfg')).toThrow(ParseError);
    const [s] = parseCfgText(text, 'old.cfg', { acceptOldStress: true });
    expect(Array.from(s.virial!)).toEqual([-1, -2, -3, -4, -5, -6]);
  });

  it('writes species-only structures with a species order', () => {
    const [s] = parseCfgText('BEGIN_CFG\n Size\n 1\n AtomData: id type cartes_x cartes_y cartes_z\n 1 1 0 0 0\nEND_CFG\n', 'x.cfg', { species: ['Mo', 'Nb'] });
    s.types = null;
    expect(formatCfg(s, { species: ['Nb', 'Mo'] })).toContain('             1    0       0.000000');
    expect(() => formatCfg(s)).toThrow(/species order/);
  });
});
