/**
 * One entry point for importers: guess a file's format from its name and first bytes, and read
 * any supported format as a stream of ParsedStructure frames.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { readCfg } from './cfg-reader.js';
import { readExtxyz } from './extxyz-reader.js';
import { parseLammpsDataText } from './lammps-data.js';
import { readMlearnJson } from './mlearn-json.js';
import { readOutcar } from './outcar.js';
import { readPoscar } from './poscar.js';
import { readQeOutput } from './qe-output.js';
import type { EnergyKind, ParsedStructure, ReadOptions } from './types.js';
import { readVasprun } from './vasprun.js';

export type FileFormat = 'cfg' | 'extxyz' | 'poscar' | 'outcar' | 'vasprun' | 'qe-output' | 'mlearn-json' | 'lammps-data';

export const FILE_FORMATS: readonly FileFormat[] = ['cfg', 'extxyz', 'poscar', 'outcar', 'vasprun', 'qe-output', 'mlearn-json', 'lammps-data'];

/** Format from the content of the first few KiB, then from the name; null if unknown. */
export function detectFormat(name: string, head: string): FileFormat | null {
  const base = basename(name);
  const first = head.split('\n', 1)[0].trim();
  if (/^\s*BEGIN_CFG/.test(head)) return 'cfg';
  if (head.includes('<modeling>') || (/^<\?xml/.test(first) && head.includes('<generator>'))) return 'vasprun';
  if (head.includes('Program PWSCF')) return 'qe-output';
  if (/^\s*vasp\.\d/.test(head) || /^OUTCAR/.test(base)) return 'outcar';
  if (/^\s*[[{]/.test(head)) return 'mlearn-json';
  const lines = head.split('\n');
  if (/^\d+$/.test(first) && /(Properties|Lattice)=/.test(lines[1] ?? '')) return 'extxyz';
  if (/\bxlo\s+xhi\b/.test(head) && /\batoms\b/.test(head)) return 'lammps-data';
  if (/\.(cfg)$/i.test(base)) return 'cfg';
  if (/\.(xyz|extxyz)$/i.test(base)) return 'extxyz';
  if (/^(POSCAR|CONTCAR)/.test(base) || /\.(vasp|poscar)$/i.test(base)) return 'poscar';
  if (/\.(lmp|lammps|data)$/i.test(base)) return 'lammps-data';
  return null;
}

export async function sniffFormat(path: string): Promise<FileFormat | null> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return detectFormat(path, buf.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await fh.close();
  }
}

export interface ReadAnyOptions extends ReadOptions {
  format?: FileFormat;
  /** Element of each type index (.cfg, LAMMPS types, VASP 4 POSCAR blocks). */
  species?: readonly string[];
  /** VASP: which energy to store. */
  energy?: 'free' | 'sigma0';
  /** extxyz: reference-key prefix (e.g. 'REF_') and explicit keys. */
  prefix?: string;
  energyKey?: string;
  forcesKey?: string;
  stressKey?: string;
  virialKey?: string;
  energyKind?: EnergyKind;
}

/** Read any supported file as frames (single-structure formats yield one frame). */
export async function* readStructures(path: string, opts: ReadAnyOptions = {}): AsyncGenerator<ParsedStructure> {
  const format = opts.format ?? (await sniffFormat(path));
  switch (format) {
    case 'cfg':
      return yield* readCfg(path, opts);
    case 'extxyz':
      return yield* readExtxyz(path, opts);
    case 'outcar':
      return yield* readOutcar(path, opts);
    case 'vasprun':
      return yield* readVasprun(path, opts);
    case 'qe-output':
      return yield* readQeOutput(path, opts);
    case 'mlearn-json':
      return yield* readMlearnJson(path, opts);
    case 'poscar':
      yield await readPoscar(path, opts);
      return;
    case 'lammps-data': {
      const { readFile } = await import('node:fs/promises');
      yield parseLammpsDataText(await readFile(path, 'utf8'), path, opts);
      return;
    }
    default:
      throw new Error(`${path}: unknown file format (give one of ${FILE_FORMATS.join(', ')})`);
  }
}
