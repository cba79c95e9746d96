import { describe, expect, it } from 'vitest';
import { readStructures, sniffFormat } from '../../../src-main/io/formats.js';
import { collect } from '../../../src-main/io/lines.js';
import { FIXTURES, SHARED } from './paths.js';

const FILES: [string, string, number][] = [
  [SHARED + 'golden/Mo/efs_test.cfg', 'cfg', 23],
  [SHARED + 'mlearn/MTP_example/data.json', 'mlearn-json', 10],
  [SHARED + 'mlearn/Cu/Cu_test.xyz', 'extxyz', 31],
  [SHARED + 'icet_AgPd/AgPd_reference_data.extxyz', 'extxyz', 625],
  [FIXTURES + 'vasp/OUTCAR_Si2_relax', 'outcar', 2],
  [FIXTURES + 'vasp/vasprun_Si2.xml', 'vasprun', 2],
  [FIXTURES + 'qe/si2_relax.out', 'qe-output', 4],
];

describe('format detection and the generic reader', () => {
  it.each(FILES)('%s is %s', async (path, format, frames) => {
    expect(await sniffFormat(path)).toBe(format);
    const all = await collect(readStructures(path, { species: ['Mo'] }));
    expect(all).toHaveLength(frames);
    expect(all.every((s) => s.provenance.file === path)).toBe(true);
  });
});
