import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCfgText } from '../../../src-main/io/cfg-reader.js';
import { parseExtxyzText } from '../../../src-main/io/extxyz-reader.js';
import { collect } from '../../../src-main/io/lines.js';
import { parseMlearnJsonText, readMlearnJson } from '../../../src-main/io/mlearn-json.js';
import type { ParsedStructure } from '../../../src-main/io/types.js';
import { cellVolume, virialToGPa } from '../../../src-main/io/units.js';
import { SHARED } from './paths.js';

const M = SHARED + 'mlearn/';
const atoms = (frames: ParsedStructure[]) => frames.reduce((n, s) => n + s.natoms, 0);
const groups = (frames: ParsedStructure[]) => {
  const g: Record<string, number> = {};
  for (const s of frames) g[s.features.mlearn_group] = (g[s.features.mlearn_group] ?? 0) + 1;
  return g;
};

// counts from shared/data/mlearn/MANIFEST.md ("Files and counts")
const JSON_SETS: [string, string, number, number, Record<string, number>][] = [
  ['Mo', 'training', 194, 10087, { 'AIMD-NVT': 108, Elastic: 56, Vacancy: 21, Surface: 9 }],
  ['Mo', 'test', 23, 1189, { 'AIMD-NVT': 12, Elastic: 6, Vacancy: 3, Surface: 2 }],
  ['Ni', 'test', 31, 3158, { Elastic: 13, 'AIMD-NVT': 12, Vacancy: 4, Surface: 2 }],
  ['Cu', 'test', 31, 3178, { Elastic: 13, 'AIMD-NVT': 12, Vacancy: 4, Surface: 2 }],
  ['Li', 'training', 241, 11576, { 'AIMD-NVT': 172, Vacancy: 36, Elastic: 22, Surface: 11 }],
  ['Li', 'test', 29, 1320, { 'AIMD-NVT': 20, Vacancy: 4, Elastic: 3, Surface: 2 }],
  ['Si', 'training', 214, 13233, { 'AIMD-NVT': 90, Vacancy: 57, Elastic: 55, Surface: 12 }],
  ['Si', 'test', 25, 1525, { 'AIMD-NVT': 10, Vacancy: 7, Elastic: 6, Surface: 2 }],
  ['Ge', 'training', 228, 14072, { 'AIMD-NVT': 90, Vacancy: 72, Elastic: 55, Surface: 11 }],
  ['Ge', 'test', 25, 1568, { 'AIMD-NVT': 10, Vacancy: 8, Elastic: 6, Surface: 1 }],
];

const XYZ_SETS: [string, number, number][] = [
  ['Ni/Ni_train.xyz', 263, 27420],
  ['Ni/Ni_test.xyz', 31, 3158],
  ['Cu/Cu_train.xyz', 262, 27416],
  ['Cu/Cu_test.xyz', 31, 3178],
];

const CFG_SETS: [string, number, number, boolean][] = [
  ['Mo/cfg/train.cfg', 194, 10087, true], ['Mo/cfg/test.cfg', 23, 1189, true],
  ['Ni/cfg/train.cfg', 263, 27420, false], ['Ni/cfg/test.cfg', 31, 3158, true],
  ['Cu/cfg/train.cfg', 262, 27416, false], ['Cu/cfg/test.cfg', 31, 3178, true],
  ['Li/cfg/train.cfg', 241, 11576, true], ['Li/cfg/test.cfg', 29, 1320, true],
  ['Si/cfg/train.cfg', 214, 13233, true], ['Si/cfg/test.cfg', 25, 1525, true],
  ['Ge/cfg/train.cfg', 228, 14072, true], ['Ge/cfg/test.cfg', 25, 1568, true],
];

describe('mlearn data sets import with the MANIFEST counts', () => {
  it.each(JSON_SETS)('%s/%s.json', async (el, name, n, natoms, g) => {
    const frames = await collect(readMlearnJson(`${M}${el}/${name}.json`));
    expect(frames).toHaveLength(n);
    expect(atoms(frames)).toBe(natoms);
    expect(groups(frames)).toEqual(g);
    for (const s of frames) {
      expect(s.species!.every((x) => x === el)).toBe(true);
      expect(s.forces).toHaveLength(3 * s.natoms);
      expect(s.virial).toHaveLength(6);
      expect(s.energyKind).toBe('total');
    }
  });

  it.each(XYZ_SETS)('%s (ACEData extxyz, per-atom key "force")', async (rel, n, natoms) => {
    const frames = parseExtxyzText(readFileSync(M + rel, 'utf8'), rel);
    expect(frames).toHaveLength(n);
    expect(atoms(frames)).toBe(natoms);
    expect(frames.every((s) => s.forces !== null && s.energy !== null && s.virial === null)).toBe(true);
  });

  it.each(CFG_SETS)('%s', (rel, n, natoms, withStress) => {
    const el = rel.split('/')[0];
    const frames = parseCfgText(readFileSync(M + rel, 'utf8'), rel, { species: [el] });
    expect(frames).toHaveLength(n);
    expect(atoms(frames)).toBe(natoms);
    expect(frames.every((s) => (s.virial !== null) === withStress)).toBe(true);
  });
});

describe('stresses: JSON (kBar, VASP sign, element/group-dependent order) agree with the .cfg conversions', () => {
  it.each(JSON_SETS.filter(([, name]) => name === 'test' || true))('%s/%s', (el, name) => {
    const json = parseMlearnJsonText(readFileSync(`${M}${el}/${name}.json`, 'utf8'), name);
    const cfg = parseCfgText(readFileSync(`${M}${el}/cfg/${name === 'training' ? 'train' : 'test'}.cfg`, 'utf8'), 'cfg', { species: [el] });
    expect(cfg).toHaveLength(json.length);
    let worst = 0;
    json.forEach((s, i) => {
      expect(cfg[i].features.mlearn_index).toBe(String(i));
      expect(Math.abs(s.energy! - cfg[i].energy!)).toBeLessThan(1e-9);
      // the .cfg stores PlusStress with 10 decimals
      for (let k = 0; k < 6; k++) worst = Math.max(worst, Math.abs(s.virial![k] - cfg[i].virial![k]));
    });
    expect(worst).toBeLessThan(1e-9);
  });

  it('sign: compressed Mo cells have positive (pressure-like) stress, stretched ones negative', () => {
    const frames = parseMlearnJsonText(readFileSync(`${M}Mo/training.json`, 'utf8'), 'Mo');
    const gpa = (desc: string) => {
      const s = frames.find((f) => f.features.mlearn_description === desc)!;
      return virialToGPa(s.virial!, cellVolume(s.cell));
    };
    // JSON virial_stress xx: +346 kBar at 6 % uniaxial compression, −285 kBar at 8 % tension
    expect(gpa('Mo 3x3x3 cell, mode 1, strain -0.0600')[0]).toBeCloseTo(34.6, 0);
    expect(gpa('Mo 3x3x3 cell, mode 1, strain 0.0800')[0]).toBeCloseTo(-28.5, 0);
  });

  it('Si Elastic records use VASP order, AIMD-NVT the swapped one (recorded in provenance)', () => {
    const frames = parseMlearnJsonText(readFileSync(`${M}Si/test.json`, 'utf8'), 'Si');
    const by = (g: string) => frames.find((f) => f.features.mlearn_group === g)!.provenance.settings.stressOrder;
    expect(by('Elastic')).toBe('xx yy zz xy yz zx');
    expect(by('AIMD-NVT')).toBe('xx yy zz xy zx yz');
  });
});

describe('maml MoTa JSON (outputs.stress, order undocumented)', () => {
  it('reads counts and flags the assumed units and order', () => {
    const frames = parseMlearnJsonText(readFileSync(SHARED + 'maml_MoNbTaW/training/MoTa_Test.json', 'utf8'), 'MoTa_Test');
    expect(frames).toHaveLength(40);
    expect(atoms(frames)).toBe(320);
    expect(frames[0].warnings.join(' ')).toMatch(/not documented/);
  });
});
