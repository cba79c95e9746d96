/**
 * Extended XYZ writer (ASE conventions). Numbers are written as the shortest text that reads
 * back to the same double, so write → read is exact. Stress is written the ASE way
 * (`stress`, tension-positive eV/Å³, 9 values row-major) unless `stressAs: 'virial'` asks for
 * the virial in eV (−V·σ), which round-trips bit for bit.
 */
import { quoteExtxyzValue } from './extxyz-header.js';
import { formatExact } from './numbers.js';
import type { ParsedStructure } from './types.js';
import { cellVolume, voigtToTensor } from './units.js';

export interface ExtxyzWriteOptions {
  /** Prefix of the reference keys, e.g. 'REF_'. */
  prefix?: string;
  stressAs?: 'stress' | 'virial';
}

export function formatExtxyz(s: ParsedStructure, opts: ExtxyzWriteOptions = {}): string {
  const p = opts.prefix ?? '';
  if (!s.species) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: extxyz needs element symbols (give a species map)`);
  const head: string[] = [];
  const periodic = s.cell.map((r) => r !== null);
  const lat = s.features.Lattice;
  if (periodic.some(Boolean) || lat !== undefined) {
    const rows = s.cell.map((r, k) => r ?? latticeRow(lat, k));
    head.push(`Lattice="${rows.flat().map(formatExact).join(' ')}"`);
  }
  head.push(`Properties=species:S:1:pos:R:3${s.forces ? `:${p}forces:R:3` : ''}`);
  if (s.energy !== null) head.push(`${p}energy=${formatExact(s.energy)}`);
  if (s.virial) {
    if (opts.stressAs === 'virial') head.push(`${p}virial="${Array.from(voigtToTensor(s.virial)).map(formatExact).join(' ')}"`);
    else {
      const vol = cellVolume(s.cell);
      if (vol === 0) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: stress needs a 3-D periodic cell`);
      head.push(`${p}stress="${Array.from(voigtToTensor(s.virial, -1 / vol)).map(formatExact).join(' ')}"`);
    }
  }
  for (const k of Object.keys(s.features)) {
    if (k === 'Lattice' || k === 'Properties' || k === 'pbc') continue;
    head.push(`${k}=${quoteExtxyzValue(s.features[k])}`);
  }
  head.push(`pbc="${periodic.map((b) => (b ? 'T' : 'F')).join(' ')}"`);
  const out: string[] = [String(s.natoms), head.join(' ')];
  for (let i = 0; i < s.natoms; i++) {
    const parts = [s.species[i].padEnd(2)];
    for (let d = 0; d < 3; d++) parts.push(formatExact(s.positions[3 * i + d]));
    if (s.forces) for (let d = 0; d < 3; d++) parts.push(formatExact(s.forces[3 * i + d]));
    out.push(parts.join(' '));
  }
  return out.join('\n') + '\n';
}

function latticeRow(lat: string | undefined, k: number): [number, number, number] {
  if (lat === undefined) return [0, 0, 0];
  const v = lat.trim().split(/\s+/).map(Number);
  return [v[3 * k], v[3 * k + 1], v[3 * k + 2]];
}

export function formatExtxyzFile(frames: Iterable<ParsedStructure>, opts: ExtxyzWriteOptions = {}): string {
  const parts: string[] = [];
  for (const s of frames) parts.push(formatExtxyz(s, opts));
  return parts.join('');
}
