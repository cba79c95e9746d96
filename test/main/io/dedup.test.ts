import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDuplicates, sameStructure, structureKey } from '../../../src-main/io/dedup.js';
import { parseCfgText } from '../../../src-main/io/cfg-reader.js';
import type { ParsedStructure } from '../../../src-main/io/types.js';
import { SHARED } from './paths.js';

const frames = parseCfgText(readFileSync(SHARED + 'mlearn/Mo/cfg/test.cfg', 'utf8'), 'Mo test', { species: ['Mo'] });

function shifted(s: ParsedStructure, t: [number, number, number], permute: boolean): ParsedStructure {
  const n = s.natoms;
  const order = Array.from({ length: n }, (_, i) => (permute ? n - 1 - i : i));
  const pos = new Float64Array(3 * n);
  order.forEach((src, i) => {
    for (let d = 0; d < 3; d++) pos[3 * i + d] = s.positions[3 * src + d] + t[d];
  });
  return { ...s, positions: pos, species: order.map((i) => s.species![i]) };
}

describe('duplicate detection', () => {
  it('a translated (through the boundary) and permuted copy has the same key and matches', () => {
    const a = frames[0];
    const b = shifted(a, [3.1, -7.2, 12.5], true);
    expect(structureKey(b)).toBe(structureKey(a));
    expect(sameStructure(a, b)).toBe(true);
  });

  it('a structure with one atom moved by 0.05 Å is different', () => {
    const a = frames[0];
    const b = shifted(a, [0, 0, 0], false);
    b.positions[0] += 0.05;
    expect(sameStructure(a, b)).toBe(false);
    expect(structureKey(b)).not.toBe(structureKey(a));
  });

  it('finds exactly the planted duplicates in the Mo test set', () => {
    const all = [...frames, shifted(frames[3], [1, 2, 3], true), shifted(frames[7], [-0.5, 0, 0], false)];
    expect(findDuplicates(all)).toEqual([[3, 23], [7, 24]]);
    expect(findDuplicates(frames)).toEqual([]);
  });

  it('works for clusters (no cell)', () => {
    const a: ParsedStructure = { ...frames[0], cell: [null, null, null] };
    const b = shifted(a, [10, 10, 10], true);
    expect(structureKey(b)).toBe(structureKey(a));
    expect(sameStructure(a, b)).toBe(true);
  });
});
