/**
 * Quantum ESPRESSO pw.x input writer for DFT jobs: ibrav = 0, CELL_PARAMETERS and
 * ATOMIC_POSITIONS in Å, ATOMIC_SPECIES with a pseudopotential map, K_POINTS automatic from a
 * k-spacing (kpoints.ts), forces and stress always requested (tprnfor, tstress).
 */
import { MASSES, atomicNumber } from './elements.js';
import { kpointGrid } from './kpoints.js';
import { formatFixed, padLeft } from './numbers.js';
import type { ParsedStructure } from './types.js';

export type NamelistValue = string | number | boolean;

export interface QeInputOptions {
  /** Element → pseudopotential file name (in pseudoDir). */
  pseudopotentials: Record<string, string>;
  pseudoDir: string;
  ecutwfc: number;
  ecutrho?: number;
  /** k-point spacing in Å⁻¹ (2π included, VASP KSPACING convention). */
  kspacing: number;
  calculation?: 'scf' | 'relax' | 'vc-relax' | 'md';
  prefix?: string;
  outdir?: string;
  convThr?: number;
  /** Extra namelist entries, e.g. { system: { occupations: 'smearing', degauss: 0.01 } }. */
  control?: Record<string, NamelistValue>;
  system?: Record<string, NamelistValue>;
  electrons?: Record<string, NamelistValue>;
  /** Element → mass (amu); defaults to standard atomic weights. */
  masses?: Record<string, number>;
}

function value(v: NamelistValue): string {
  if (typeof v === 'boolean') return v ? '.true.' : '.false.';
  if (typeof v === 'number') return String(v);
  return `'${v.replace(/'/g, "''")}'`;
}

function namelist(name: string, entries: Record<string, NamelistValue>): string {
  return `&${name}\n` + Object.entries(entries).map(([k, v]) => `  ${k} = ${value(v)}\n`).join('') + '/\n';
}

const num = (x: number) => padLeft(formatFixed(x, 10), 18);

export function formatQeInput(s: ParsedStructure, o: QeInputOptions): string {
  if (!s.species) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: a QE input needs element symbols`);
  const [a, b, c] = s.cell;
  if (!a || !b || !c) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: a QE input needs a 3-D periodic cell`);
  const kinds: string[] = [];
  for (const el of s.species) if (!kinds.includes(el)) kinds.push(el);
  for (const el of kinds) if (!o.pseudopotentials[el]) throw new Error(`no pseudopotential given for ${el}`);
  const control: Record<string, NamelistValue> = {
    calculation: o.calculation ?? 'scf',
    prefix: o.prefix ?? 'mtp',
    outdir: o.outdir ?? './tmp',
    pseudo_dir: o.pseudoDir,
    tprnfor: true,
    tstress: true,
    ...o.control,
  };
  const system: Record<string, NamelistValue> = { ibrav: 0, nat: s.natoms, ntyp: kinds.length, ecutwfc: o.ecutwfc };
  if (o.ecutrho !== undefined) system.ecutrho = o.ecutrho;
  Object.assign(system, o.system);
  const electrons: Record<string, NamelistValue> = { conv_thr: o.convThr ?? 1e-8, ...o.electrons };
  const parts = [namelist('CONTROL', control), namelist('SYSTEM', system), namelist('ELECTRONS', electrons)];
  if (control.calculation === 'relax' || control.calculation === 'vc-relax' || control.calculation === 'md') parts.push('&IONS\n/\n');
  if (control.calculation === 'vc-relax') parts.push('&CELL\n/\n');
  parts.push('ATOMIC_SPECIES\n');
  for (const el of kinds) {
    const z = atomicNumber(el);
    const mass = o.masses?.[el] ?? (z ? MASSES[z] : NaN);
    if (!Number.isFinite(mass)) throw new Error(`no mass for ${el}`);
    parts.push(`${el.padEnd(3)} ${mass} ${o.pseudopotentials[el]}\n`);
  }
  parts.push('CELL_PARAMETERS angstrom\n');
  for (const v of [a, b, c]) parts.push(v.map(num).join('') + '\n');
  parts.push('ATOMIC_POSITIONS angstrom\n');
  for (let i = 0; i < s.natoms; i++)
    parts.push(s.species[i].padEnd(3) + num(s.positions[3 * i]) + num(s.positions[3 * i + 1]) + num(s.positions[3 * i + 2]) + '\n');
  const k = kpointGrid(s.cell, o.kspacing);
  parts.push(`K_POINTS automatic\n${k[0]} ${k[1]} ${k[2]} 0 0 0\n`);
  return parts.join('');
}
