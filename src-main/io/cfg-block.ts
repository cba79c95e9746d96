/**
 * Turns one parsed BEGIN_CFG … END_CFG block (raw fields collected by cfg-reader.ts) into a
 * ParsedStructure: lattice rows, the AtomData table by column name, stress components by key.
 */
import type { FieldReader } from './numbers.js';
import { emptyStructure, type Cell, type ParsedStructure, type Vec3 } from './types.js';
import { cellVolume } from './units.js';

export const STRESS_KEYS = ['xx', 'yy', 'zz', 'yz', 'xz', 'xy'];

export interface Block {
  startLine: number;
  size: number | null;
  rows: Vec3[];
  columns: string[] | null;
  atomsLine: number;
  /** AtomData values, row-major: size × columns.length. */
  table: Float64Array | null;
  atomsLeft: number;
  energy: number | null;
  stress: { kind: string; keys: string[]; values: number[] | null; line: number } | null;
  features: Record<string, string>;
  featureKeys: string[];
}

export function blockToStructure(b: Block, r: FieldReader, frame: number, endLine: number, map?: readonly string[]): ParsedStructure {
  if (b.size === null) r.fail(endLine, 'Size', 'missing');
  const n = b.size;
  const s = emptyStructure(n, { file: r.file, frame, parser: 'cfg', code: null, settings: {}, label: null });
  const cell: Cell = [null, null, null];
  b.rows.forEach((row, k) => {
    if (row[0] !== 0 || row[1] !== 0 || row[2] !== 0) cell[k] = row;
  });
  s.cell = cell;
  if (b.columns) fillAtoms(b, s, b.columns, r, map);
  else if (n > 0) r.fail(endLine, 'AtomData', `missing (Size is ${n})`);
  if (n === 0) s.warnings.push('Size 0: a configuration without atoms');
  s.energy = b.energy;
  s.energyKind = b.energy === null ? null : 'total';
  if (b.stress) s.virial = stressOf(b.stress, s.cell, r);
  s.features = b.features;
  const by = b.features['EFS_by'];
  s.provenance.code = by ?? null;
  if (by === 'VASP_not_converged') {
    s.converged = false;
    s.warnings.push('EFS_by = VASP_not_converged: MLIP flagged this OUTCAR frame as unconverged');
  }
  return s;
}

function fillAtoms(b: Block, s: ParsedStructure, cols: string[], r: FieldReader, map?: readonly string[]): void {
  const n = s.natoms;
  const t = b.table!;
  const w = cols.length;
  const col = (name: string) => cols.indexOf(name);
  const row0 = b.atomsLine + 1; // line of atom 0
  const id = col('id');
  if (id >= 0)
    for (let i = 0; i < n; i++)
      if (t[i * w + id] !== i + 1) r.fail(row0 + i, 'AtomData.id', `wrong order of ids: expected ${i + 1}, got ${t[i * w + id]}`);
  const types = new Int32Array(n); // no type column: all 0 (MLIP)
  const ty = col('type');
  if (ty >= 0)
    for (let i = 0; i < n; i++) {
      const v = t[i * w + ty];
      if (!Number.isInteger(v) || v < 0) r.fail(row0 + i, 'AtomData.type', `type must be an integer ≥ 0, got ${v}`);
      types[i] = v;
    }
  s.types = types;
  if (map) {
    s.species = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      if (types[i] >= map.length) r.fail(row0 + i, 'AtomData.type', `type ${types[i]} has no element (species map has ${map.length})`);
      s.species[i] = map[types[i]];
    }
  }
  const direct = col('direct_x') >= 0;
  const px = col(direct ? 'direct_x' : 'cartes_x');
  const py = col(direct ? 'direct_y' : 'cartes_y');
  const pz = col(direct ? 'direct_z' : 'cartes_z');
  const pos = s.positions;
  if (direct) {
    const [a, bb, c] = s.cell;
    if (!a && !bb && !c) r.fail(b.atomsLine, 'AtomData', 'direct coordinates with no Supercell');
    const z: Vec3 = [0, 0, 0];
    const A = a ?? z, B = bb ?? z, C = c ?? z;
    for (let i = 0; i < n; i++) {
      const u = t[i * w + px], v = t[i * w + py], x = t[i * w + pz];
      for (let d = 0; d < 3; d++) pos[3 * i + d] = u * A[d] + v * B[d] + x * C[d];
    }
  } else
    for (let i = 0; i < n; i++) {
      pos[3 * i] = t[i * w + px];
      pos[3 * i + 1] = t[i * w + py];
      pos[3 * i + 2] = t[i * w + pz];
    }
  const fx = col('fx');
  if (fx >= 0) {
    const fy = col('fy'), fz = col('fz');
    const f = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      f[3 * i] = t[i * w + fx];
      f[3 * i + 1] = t[i * w + fy];
      f[3 * i + 2] = t[i * w + fz];
    }
    s.forces = f;
  }
  const se = col('site_en');
  if (se >= 0) s.siteEnergies = Float64Array.from({ length: n }, (_, i) => t[i * w + se]);
  const ch = col('charge');
  if (ch >= 0) s.charges = Float64Array.from({ length: n }, (_, i) => t[i * w + ch]);
}

/** PlusStress as read; old Stress: negated; Virial: divided by |det| (MLIP_FORMATS.md §1.1). */
function stressOf(st: NonNullable<Block['stress']>, cell: Cell, r: FieldReader): Float64Array {
  const v = new Float64Array(6);
  st.keys.forEach((k, i) => {
    v[STRESS_KEYS.indexOf(k)] = st.values![i];
  });
  if (st.kind === 'Stress') for (let k = 0; k < 6; k++) v[k] = -v[k];
  if (st.kind === 'Virial') {
    const vol = cellVolume(cell);
    if (vol === 0) r.fail(st.line, 'Virial', 'needs a 3-D periodic Supercell');
    for (let k = 0; k < 6; k++) v[k] /= vol;
  }
  return v;
}
