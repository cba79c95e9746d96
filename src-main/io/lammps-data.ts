/**
 * LAMMPS data files, atom styles atomic (id type x y z [ix iy iz]) and charge
 * (id type q x y z [ix iy iz]). Box: xlo xhi / ylo yhi / zlo zhi / optional xy xz yz tilts →
 * a = (xhi−xlo, 0, 0), b = (xy, yhi−ylo, 0), c = (xz, yz, zhi−zlo); positions are taken relative to
 * (xlo, ylo, zlo). Image flags are ignored (positions stay as written). Types map to elements via
 * the caller's list, else the "# Mo" comment of the Masses line, else the atomic weight.
 */
import { elementByMass, isElement, MASSES, atomicNumber } from './elements.js';
import { showToken } from './errors.js';
import { FieldReader, formatExact, splitWs } from './numbers.js';
import { cartesianToFractional } from './cell.js';
import { emptyStructure, type ParsedStructure, type Vec3 } from './types.js';

export interface LammpsReadOptions {
  /** Element of each atom type (index 0 = type 1). */
  species?: readonly string[];
  atomStyle?: 'atomic' | 'charge';
}

const SECTIONS = new Set(['Atoms', 'Masses', 'Velocities', 'Bonds', 'Angles', 'Dihedrals', 'Impropers', 'Pair Coeffs', 'PairIJ Coeffs', 'Bond Coeffs', 'Angle Coeffs', 'Dihedral Coeffs', 'Improper Coeffs', 'Ellipsoids', 'Lines', 'Triangles', 'Bodies']);

export function parseLammpsDataText(text: string, file = 'data.lammps', opts: LammpsReadOptions = {}): ParsedStructure {
  const r: FieldReader = new FieldReader(file);
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  let natoms = -1, ntypes = -1;
  const lo = [0, 0, 0], hi = [NaN, NaN, NaN];
  let tilt = [0, 0, 0];
  let i = 1; // first line is a comment
  // header: until the first section keyword
  for (; i < lines.length; i++) {
    const body = lines[i].split('#')[0].trim();
    if (body.length === 0) continue;
    if (SECTIONS.has(body)) break;
    const t = splitWs(body);
    const ln = i + 1;
    if (t[1] === 'atoms' && t.length === 2) natoms = r.int(t[0], ln, 'atoms');
    else if (t[1] === 'atom' && t[2] === 'types') ntypes = r.int(t[0], ln, 'atom types');
    else if (t[2] === 'xlo' || t[2] === 'ylo' || t[2] === 'zlo') {
      const d = 'xyz'.indexOf(t[2][0]);
      lo[d] = r.num(t[0], ln, t[2]);
      hi[d] = r.num(t[1], ln, t[2][0] + 'hi');
    } else if (t[3] === 'xy' && t[4] === 'xz' && t[5] === 'yz') tilt = [0, 1, 2].map((k) => r.num(t[k], ln, ['xy', 'xz', 'yz'][k]));
    else if (!/^(bonds|angles|dihedrals|impropers|extra|ellipsoids|lines|triangles|bodies|bond|angle|dihedral|improper)$/.test(t[1] ?? ''))
      r.fail(ln, 'header', `unrecognised header line ${showToken(body)}`);
  }
  // errors about the header point at the line where it ended
  const end = Math.min(i + 1, lines.length);
  if (natoms < 0) r.fail(end, 'atoms', 'header has no "N atoms" line');
  if (ntypes < 1) r.fail(end, 'atom types', 'header has no "N atom types" line');
  for (let d = 0; d < 3; d++) if (Number.isNaN(hi[d])) r.fail(end, 'xyz'[d] + 'lo ' + 'xyz'[d] + 'hi', 'box bounds missing');
  const masses: (number | null)[] = new Array(ntypes).fill(null);
  const massComment: (string | null)[] = new Array(ntypes).fill(null);
  const s = emptyStructure(natoms, { file, frame: 0, parser: 'lammps-data', code: null, settings: {}, label: lines[0].trim() || null });
  s.cell = [
    [hi[0] - lo[0], 0, 0],
    [tilt[0], hi[1] - lo[1], 0],
    [tilt[1], tilt[2], hi[2] - lo[2]],
  ] as [Vec3, Vec3, Vec3];
  const types = new Int32Array(natoms);
  let sawAtoms = false;
  while (i < lines.length) {
    const [bodyRaw, comment] = splitComment(lines[i]);
    const section = bodyRaw.trim();
    if (section.length === 0) {
      i++;
      continue;
    }
    if (!SECTIONS.has(section)) r.fail(i + 1, 'section', `expected a section name (Masses, Atoms, …), got ${showToken(section)}`);
    i++;
    const count = section === 'Masses' ? ntypes : section === 'Atoms' || section === 'Velocities' ? natoms : -1;
    while (i < lines.length && lines[i].trim().length === 0) i++;
    if (count < 0) {
      // a section we do not read: skip to the next blank-line-separated section name
      while (i < lines.length && !SECTIONS.has(lines[i].split('#')[0].trim())) i++;
      continue;
    }
    const style = opts.atomStyle ?? (comment.trim() === 'charge' ? 'charge' : 'atomic');
    const seen = new Uint8Array(Math.max(natoms, ntypes) + 1);
    for (let k = 0; k < count; k++, i++) {
      if (i >= lines.length || lines[i].trim().length === 0)
        r.fail(Math.min(i + 1, lines.length), section, `expected ${count} lines, found ${k}`);
      const [b, c] = splitComment(lines[i]);
      const t = splitWs(b);
      const ln = i + 1;
      const id = r.int(t[0], ln, `${section}.id`);
      const max = section === 'Masses' ? ntypes : natoms;
      if (id < 1 || id > max) r.fail(ln, `${section}.id`, `id ${id} outside 1…${max}`);
      if (seen[id]) r.fail(ln, `${section}.id`, `id ${id} repeated`);
      seen[id] = 1;
      if (section === 'Masses') {
        masses[id - 1] = r.num(t[1], ln, 'Masses.mass');
        massComment[id - 1] = c.trim().split(/\s+/)[0] || null;
      } else if (section === 'Atoms') {
        sawAtoms = true;
        const off = style === 'charge' ? 1 : 0;
        if (t.length !== 5 + off && t.length !== 8 + off)
          r.fail(ln, 'Atoms', `atom style ${style}: expected ${5 + off} or ${8 + off} columns, found ${t.length}`);
        const ty = r.int(t[1], ln, 'Atoms.type');
        if (ty < 1 || ty > ntypes) r.fail(ln, 'Atoms.type', `type ${ty} outside 1…${ntypes}`);
        types[id - 1] = ty - 1;
        if (off) {
          if (!s.charges) s.charges = new Float64Array(natoms);
          s.charges[id - 1] = r.num(t[2], ln, 'Atoms.q');
        }
        for (let d = 0; d < 3; d++) s.positions[3 * (id - 1) + d] = r.num(t[2 + off + d], ln, 'Atoms.' + 'xyz'[d]) - lo[d];
      } else {
        if (t.length < 4) r.fail(ln, 'Velocities', `expected 4 columns, found ${t.length}`);
        for (let d = 0; d < 3; d++) r.num(t[1 + d], ln, 'Velocities');
      }
    }
  }
  if (!sawAtoms && natoms > 0) r.fail(lines.length, 'Atoms', 'section missing');
  const elements = new Array<string>(ntypes);
  for (let k = 0; k < ntypes; k++) {
    const given = opts.species?.[k];
    const el = given ?? (massComment[k] && isElement(massComment[k]!) ? massComment[k]! : masses[k] !== null ? elementByMass(masses[k]!) : null);
    if (!el) r.fail(1, 'Masses', `cannot tell the element of atom type ${k + 1}; give the species of each type`);
    elements[k] = el;
  }
  s.types = types;
  s.species = Array.from(types, (t) => elements[t]);
  return s;
}

function splitComment(line: string): [string, string] {
  const h = line.indexOf('#');
  return h < 0 ? [line, ''] : [line.slice(0, h), line.slice(h + 1)];
}

export interface LammpsWriteOptions {
  /** Element of each type (type k+1 = species[k]); default: elements in order of appearance. */
  species?: readonly string[];
}

/**
 * Data file (atom style atomic). A cell that is not already in LAMMPS's lower-triangular form is
 * rotated into it (a along x, b in the xy plane); positions follow via fractional coordinates.
 */
export function formatLammpsData(s: ParsedStructure, opts: LammpsWriteOptions = {}): string {
  if (!s.species) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: LAMMPS data needs element symbols`);
  const [a, b, c] = s.cell;
  if (!a || !b || !c) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: LAMMPS data needs a 3-D periodic cell`);
  const order = opts.species ? [...opts.species] : [...new Set(s.species)];
  let A: [Vec3, Vec3, Vec3] = [a, b, c];
  let pos = s.positions;
  if (a[1] !== 0 || a[2] !== 0 || b[2] !== 0) {
    const la = Math.hypot(...a);
    const ax = [a[0] / la, a[1] / la, a[2] / la];
    const bx = b[0] * ax[0] + b[1] * ax[1] + b[2] * ax[2];
    const cr = [ax[1] * b[2] - ax[2] * b[1], ax[2] * b[0] - ax[0] * b[2], ax[0] * b[1] - ax[1] * b[0]];
    const by = Math.hypot(...cr);
    const cx = c[0] * ax[0] + c[1] * ax[1] + c[2] * ax[2];
    const cy = (b[0] * c[0] + b[1] * c[1] + b[2] * c[2] - bx * cx) / by;
    const det = a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
    if (det <= 0) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: left-handed cell cannot be written as a LAMMPS box`);
    const cz = Math.sqrt(Math.max(0, c[0] ** 2 + c[1] ** 2 + c[2] ** 2 - cx * cx - cy * cy));
    A = [[la, 0, 0], [bx, by, 0], [cx, cy, cz]];
    const frac = cartesianToFractional(s);
    pos = new Float64Array(3 * s.natoms);
    for (let i = 0; i < s.natoms; i++)
      for (let d = 0; d < 3; d++) pos[3 * i + d] = frac[3 * i] * A[0][d] + frac[3 * i + 1] * A[1][d] + frac[3 * i + 2] * A[2][d];
  }
  const f = formatExact;
  const out = [
    `${(s.provenance.label ?? 'written by MTP Studio').replace(/\n/g, ' ')}`,
    '',
    `${s.natoms} atoms`,
    `${order.length} atom types`,
    '',
    `0.0 ${f(A[0][0])} xlo xhi`,
    `0.0 ${f(A[1][1])} ylo yhi`,
    `0.0 ${f(A[2][2])} zlo zhi`,
  ];
  if (A[1][0] !== 0 || A[2][0] !== 0 || A[2][1] !== 0) out.push(`${f(A[1][0])} ${f(A[2][0])} ${f(A[2][1])} xy xz yz`);
  out.push('', 'Masses', '');
  order.forEach((el, k) => {
    const z = atomicNumber(el);
    out.push(`${k + 1} ${z ? MASSES[z] : 1} # ${el}`);
  });
  out.push('', 'Atoms # atomic', '');
  for (let i = 0; i < s.natoms; i++) {
    const t = order.indexOf(s.species[i]);
    if (t < 0) throw new Error(`element ${s.species[i]} missing from the species order`);
    out.push(`${i + 1} ${t + 1} ${f(pos[3 * i])} ${f(pos[3 * i + 1])} ${f(pos[3 * i + 2])}`);
  }
  return out.join('\n') + '\n';
}

