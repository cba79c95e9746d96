/**
 * VASP POSCAR / CONTCAR reader and writer. VASP 5 (species line) and VASP 4 (species supplied by
 * the caller, or taken from the comment line when it lists exactly the needed symbols), Direct or
 * Cartesian coordinates, Selective dynamics, scale factor (one number; negative = target volume
 * in Å³; or three per-axis factors). Anything after the positions (CONTCAR velocities) is ignored.
 */
import { isElement } from './elements.js';
import { showToken } from './errors.js';
import { FieldReader, formatExact, padLeft, parseNum, splitWs } from './numbers.js';
import { fractionalToCartesian, cartesianToFractional } from './cell.js';
import { emptyStructure, type ParsedStructure, type Vec3 } from './types.js';
import { cellVolume } from './units.js';

export interface PoscarReadOptions {
  /** Species of each block when the file has no species line (VASP 4). */
  species?: readonly string[];
}

/** "Si_pv", "Si_sv_GW/…" (VASP 6 CONTCAR) → "Si". */
function cleanSymbol(tok: string): string {
  return tok.split(/[_/]/)[0];
}

export function parsePoscarText(text: string, file = 'POSCAR', opts: PoscarReadOptions = {}): ParsedStructure {
  const r: FieldReader = new FieldReader(file);
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  let ln = 0; // index of the next line
  const next = (field: string): string[] => {
    if (ln >= lines.length) r.fail(lines.length, field, 'file ends here');
    return splitWs(lines[ln++]);
  };
  const comment = (lines[ln++] ?? '').trim();
  const scaleToks = next('scale factor');
  if (scaleToks.length !== 1 && scaleToks.length !== 3) r.fail(ln, 'scale factor', `expected 1 or 3 numbers, found ${scaleToks.length}`);
  const scale = scaleToks.map((t) => r.num(t, ln, 'scale factor'));
  const lattice: Vec3[] = [];
  for (let k = 0; k < 3; k++) {
    const t = next('lattice');
    const v: Vec3 = [0, 0, 0];
    r.nums(t, 0, 3, v, 0, ln, `lattice vector ${k + 1}`);
    lattice.push(v);
  }
  let t = next('species');
  let speciesNames: string[];
  if (t.length > 0 && Number.isNaN(parseNum(t[0]))) {
    speciesNames = t.map(cleanSymbol);
    for (let k = 0; k < t.length; k++)
      if (!isElement(speciesNames[k])) r.fail(ln, 'species', `not an element symbol: ${showToken(t[k])}`);
    t = next('counts');
  } else if (opts.species) speciesNames = [...opts.species];
  else {
    const fromComment = splitWs(comment);
    speciesNames = fromComment.every(isElement) ? fromComment : [];
    if (speciesNames.length !== t.length)
      r.fail(ln, 'species', 'VASP 4 file without a species line: supply the species of each block');
  }
  const counts = t.map((x) => r.int(x, ln, 'counts'));
  if (counts.length !== speciesNames.length)
    r.fail(ln, 'counts', `${counts.length} counts for ${speciesNames.length} species`);
  if (counts.some((c) => c < 0)) r.fail(ln, 'counts', 'negative count');
  const n = counts.reduce((a, b) => a + b, 0);
  let mode = next('coordinate mode');
  let selective = false;
  if (mode.length > 0 && /^[sS]/.test(mode[0])) {
    selective = true;
    mode = next('coordinate mode');
  }
  if (mode.length === 0) r.fail(ln, 'coordinate mode', 'expected Direct or Cartesian, got an empty line');
  const cartesian = /^[cCkK]/.test(mode[0]);
  if (!cartesian && !/^[dD]/.test(mode[0])) r.fail(ln, 'coordinate mode', `expected Direct or Cartesian, got ${showToken(mode[0])}`);

  // scale: one factor, a negative target volume, or three per-axis factors
  let f: Vec3 = [1, 1, 1];
  if (scale.length === 3) f = [scale[0], scale[1], scale[2]];
  else if (scale[0] < 0) {
    const v0 = cellVolume(lattice as [Vec3, Vec3, Vec3]);
    if (v0 === 0) r.fail(2, 'scale factor', 'negative scale (target volume) with a singular lattice');
    const s = Math.cbrt(-scale[0] / v0);
    f = [s, s, s];
  } else if (scale[0] === 0) r.fail(2, 'scale factor', 'zero');
  else f = [scale[0], scale[0], scale[0]];
  const cell = lattice.map((v) => (scale.length === 3 ? [v[0] * f[0], v[1] * f[1], v[2] * f[2]] : [v[0] * f[0], v[1] * f[0], v[2] * f[0]]) as Vec3);
  const unit = scale.length === 1 && f[0] === 1;

  const s = emptyStructure(n, { file, frame: 0, parser: 'poscar', code: 'VASP', settings: {}, label: comment || null });
  s.cell = unit ? [lattice[0], lattice[1], lattice[2]] : [cell[0], cell[1], cell[2]];
  s.species = [];
  counts.forEach((c, k) => {
    for (let j = 0; j < c; j++) s.species!.push(speciesNames[k]);
  });
  const raw = new Float64Array(3 * n);
  if (selective) s.selective = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const p = next('positions');
    if (p.length < (selective ? 6 : 3))
      r.fail(ln, 'positions', `atom ${i + 1} of ${n}: expected ${selective ? '3 numbers and 3 T/F flags' : '3 numbers'}, found ${p.length} fields`);
    for (let d = 0; d < 3; d++) {
      const v = parseNum(p[d]);
      if (Number.isNaN(v)) r.fail(ln, 'positions', `atom ${i + 1}: expected a number, got ${showToken(p[d])}`);
      raw[3 * i + d] = v;
    }
    if (selective)
      for (let d = 0; d < 3; d++) {
        const fl = p[3 + d].toUpperCase();
        if (fl !== 'T' && fl !== 'F') r.fail(ln, 'selective dynamics', `atom ${i + 1}: expected T or F, got ${showToken(p[3 + d])}`);
        s.selective![3 * i + d] = fl === 'T' ? 1 : 0;
      }
  }
  if (cartesian) {
    if (unit) s.positions.set(raw);
    else for (let i = 0; i < 3 * n; i++) s.positions[i] = raw[i] * (scale.length === 3 ? 1 : f[0]);
    if (scale.length === 3) s.warnings.push('three scale factors: Cartesian positions taken unscaled (VASP scales only the lattice)');
  } else fractionalToCartesian(raw, s.cell as Vec3[], s.positions);
  s.provenance.settings.coordinates = cartesian ? 'Cartesian' : 'Direct';
  return s;
}

export interface PoscarWriteOptions {
  /** Default 'cartesian': exact round trip; 'direct' for fractional coordinates. */
  coordinates?: 'cartesian' | 'direct';
  comment?: string;
}

const num = (x: number) => padLeft(formatExact(x), 24);

/**
 * POSCAR text (VASP 5, species line). Atoms are grouped by element in order of first
 * appearance; `order` returns the permutation used (file atom k = input atom order[k]).
 */
export function formatPoscar(s: ParsedStructure, opts: PoscarWriteOptions = {}): { text: string; order: number[] } {
  if (!s.species) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: POSCAR needs element symbols`);
  const [a, b, c] = s.cell;
  if (!a || !b || !c) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: POSCAR needs a 3-D periodic cell`);
  const kinds: string[] = [];
  for (const el of s.species) if (!kinds.includes(el)) kinds.push(el);
  const order: number[] = [];
  for (const el of kinds) s.species.forEach((x, i) => x === el && order.push(i));
  const counts = kinds.map((el) => s.species!.filter((x) => x === el).length);
  const direct = opts.coordinates === 'direct';
  const coords = direct ? cartesianToFractional(s) : s.positions;
  const out: string[] = [
    (opts.comment ?? s.provenance.label ?? kinds.map((el, k) => el + counts[k]).join('')).replace(/\n/g, ' '),
    '1.0',
    ...[a, b, c].map((v) => v.map(num).join('')),
    kinds.map((el) => padLeft(el, 5)).join(''),
    counts.map((n) => padLeft(String(n), 5)).join(''),
  ];
  if (s.selective) out.push('Selective dynamics');
  out.push(direct ? 'Direct' : 'Cartesian');
  for (const i of order) {
    let line = num(coords[3 * i]) + num(coords[3 * i + 1]) + num(coords[3 * i + 2]);
    if (s.selective) for (let d = 0; d < 3; d++) line += s.selective[3 * i + d] ? ' T' : ' F';
    out.push(line);
  }
  return { text: out.join('\n') + '\n', order };
}

export async function readPoscar(path: string, opts: PoscarReadOptions = {}): Promise<ParsedStructure> {
  const { readFile } = await import('node:fs/promises');
  return parsePoscarText(await readFile(path, 'utf8'), path, opts);
}
