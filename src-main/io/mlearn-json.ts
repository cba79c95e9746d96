/**
 * mlearn / pymatgen JSON data sets (mlearn MANIFEST.md): a JSON list of records
 * {structure: pymatgen Structure dict, num_atoms, group, description, outputs: {energy (eV/cell),
 * forces (eV/Å), virial_stress (6 values, kBar, VASP sign = compressive positive)}}.
 * The component order of virial_stress depends on the element and the mlearn group (checked
 * against the Zuo et al. potentials, MANIFEST "Converted MLIP .cfg files").
 * maml records (MoTa etc.) carry `outputs.stress` instead, treated the same way (unverified units,
 * flagged in the warnings).
 */
import { readFile, stat } from 'node:fs/promises';
import { ParseError } from './errors.js';
import { emptyStructure, type Cell, type ParsedStructure, type ReadOptions, type Vec3 } from './types.js';
import { cellVolume, kbarToVirial } from './units.js';

/** Names of the six components in the order they appear in the file. */
export type StressOrder = readonly ['xx', 'yy', 'zz', 'xy', 'yz' | 'zx', 'zx' | 'yz'];
export const VASP_ORDER = ['xx', 'yy', 'zz', 'xy', 'yz', 'zx'] as const;
export const SWAPPED_ORDER = ['xx', 'yy', 'zz', 'xy', 'zx', 'yz'] as const;

/** The order used by mlearn for a record (MANIFEST.md); VASP order for anything else. */
export function mlearnStressOrder(element: string, group: string | null): { order: StressOrder; known: boolean } {
  if (element === 'Mo' || element === 'Cu' || element === 'Ni') return { order: SWAPPED_ORDER, known: true };
  if (element === 'Li') return { order: VASP_ORDER, known: true };
  if (element === 'Si' || element === 'Ge') return { order: group === 'Elastic' ? VASP_ORDER : SWAPPED_ORDER, known: true };
  return { order: VASP_ORDER, known: false };
}

export interface MlearnReadOptions extends ReadOptions {
  /** Force one component order instead of the per-element/group rule. */
  stressOrder?: StressOrder;
}

const VOIGT_INDEX: Record<string, number> = { xx: 0, yy: 1, zz: 2, yz: 3, zx: 4, xy: 5 };

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Byte offset of the k-th element of the top-level array (for error line numbers). */
function recordOffset(text: string, k: number): number {
  let depth = 0, count = -1, inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
      continue;
    }
    if (c === 34) inStr = true;
    else if (c === 91 || c === 123) {
      if (depth === 1 && ++count === k) return i;
      depth++;
    } else if (c === 93 || c === 125) depth--;
  }
  return 0;
}

type Json = unknown;

class RecordReader {
  constructor(private readonly file: string, private readonly text: string, private readonly index: number) {}

  fail(field: string, detail: string): never {
    throw new ParseError(this.file, lineOfOffset(this.text, recordOffset(this.text, this.index)), `[${this.index}].${field}`, detail);
  }

  obj(v: Json, field: string): Record<string, Json> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(field, `expected an object, got ${kind(v)}`);
    return v as Record<string, Json>;
  }

  arr(v: Json, field: string, len?: number): Json[] {
    if (!Array.isArray(v)) this.fail(field, `expected an array, got ${kind(v)}`);
    if (len !== undefined && v.length !== len) this.fail(field, `expected ${len} entries, found ${v.length}`);
    return v;
  }

  num(v: Json, field: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(field, `expected a finite number, got ${kind(v)}`);
    return v;
  }

  vec3(v: Json, field: string): Vec3 {
    const a = this.arr(v, field, 3);
    return [this.num(a[0], field + '[0]'), this.num(a[1], field + '[1]'), this.num(a[2], field + '[2]')];
  }
}

function kind(v: Json): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? v.slice(0, 30) + '…' : v);
  return typeof v === 'object' ? 'an object' : String(v);
}

function convertRecord(file: string, text: string, index: number, rec: Json, opts: MlearnReadOptions): ParsedStructure {
  const r: RecordReader = new RecordReader(file, text, index);
  const o = r.obj(rec, 'record');
  const st = r.obj(o.structure, 'structure');
  const lat = r.obj(st.lattice, 'structure.lattice');
  const m = r.arr(lat.matrix, 'structure.lattice.matrix', 3);
  const cell: Cell = [r.vec3(m[0], 'structure.lattice.matrix[0]'), r.vec3(m[1], 'structure.lattice.matrix[1]'), r.vec3(m[2], 'structure.lattice.matrix[2]')];
  const sites = r.arr(st.sites, 'structure.sites');
  const n = sites.length;
  if (o.num_atoms !== undefined && o.num_atoms !== n) r.fail('num_atoms', `is ${kind(o.num_atoms)} but structure has ${n} sites`);
  const group = typeof o.group === 'string' ? o.group : null;
  const description = typeof o.description === 'string' ? o.description : null;
  const s = emptyStructure(n, { file, frame: index, parser: 'mlearn-json', code: 'VASP', settings: {}, label: description ?? group });
  s.cell = cell;
  const species = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const f = `structure.sites[${i}]`;
    const site = r.obj(sites[i], f);
    const sp = r.arr(site.species, f + '.species');
    if (sp.length !== 1) r.fail(f + '.species', `expected one fully occupied element, found ${sp.length}`);
    const el = r.obj(sp[0], f + '.species[0]').element;
    if (typeof el !== 'string' || el.length === 0) r.fail(f + '.species[0].element', `expected an element symbol, got ${kind(el)}`);
    species[i] = el;
    const xyz = r.vec3(site.xyz, f + '.xyz');
    s.positions.set(xyz, 3 * i);
  }
  s.species = species;
  const out = r.obj(o.outputs, 'outputs');
  s.energy = r.num(out.energy, 'outputs.energy');
  s.energyKind = 'total';
  const forces = r.arr(out.forces, 'outputs.forces', n);
  s.forces = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) s.forces.set(r.vec3(forces[i], `outputs.forces[${i}]`), 3 * i);
  const stressKey = out.virial_stress !== undefined ? 'virial_stress' : out.stress !== undefined ? 'stress' : null;
  if (stressKey) {
    const raw = r.arr(out[stressKey], 'outputs.' + stressKey);
    if (raw.length > 0) {
      if (raw.length !== 6) r.fail('outputs.' + stressKey, `expected 6 values, found ${raw.length}`);
      const { order, known } = opts.stressOrder ? { order: opts.stressOrder, known: true } : mlearnStressOrder(species[0], group);
      if (!known) s.warnings.push(`stress component order for ${species[0]} is not documented; VASP order xx yy zz xy yz zx assumed`);
      if (stressKey === 'stress') s.warnings.push('outputs.stress read as VASP kBar (compressive positive); units not documented by the source');
      const kbar = new Float64Array(6);
      order.forEach((name, k) => {
        kbar[VOIGT_INDEX[name]] = r.num(raw[k], `outputs.${stressKey}[${k}]`);
      });
      // kbar is now in xx yy zz yz zx(=xz) xy, matching the virial's Voigt order
      s.virial = kbarToVirial(kbar, cellVolume(cell));
      s.provenance.settings.stressOrder = order.join(' ');
    }
  }
  if (group) s.features.mlearn_group = group;
  if (description) s.features.mlearn_description = description;
  s.features.mlearn_index = String(index);
  if (typeof o.params === 'object' && o.params !== null) s.provenance.settings.params = JSON.stringify(o.params);
  return s;
}

function parseJsonList(file: string, text: string): Json[] {
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    // V8 names a position, or the offending character, or says the input ended
    const pos = /position (\d+)/.exec(msg);
    const tok = /Unexpected token '(.)'/su.exec(msg);
    const at = pos ? Number(pos[1]) : tok && text.includes(tok[1]) ? text.indexOf(tok[1]) : text.length;
    const line = lineOfOffset(text, at);
    throw new ParseError(file, line, 'json', `invalid JSON: ${msg}`);
  }
  if (!Array.isArray(data)) throw new ParseError(file, 1, 'json', 'expected a JSON list of records');
  return data;
}

export function parseMlearnJsonText(text: string, file = 'input.json', opts: MlearnReadOptions = {}): ParsedStructure[] {
  return parseJsonList(file, text).map((rec, i) => convertRecord(file, text, i, rec, opts));
}

/** Streaming interface like the other readers (the JSON itself is parsed in one go). */
export async function* readMlearnJson(path: string, opts: MlearnReadOptions = {}): AsyncGenerator<ParsedStructure> {
  const totalBytes = (await stat(path)).size;
  const text = await readFile(path, 'utf8');
  const list = parseJsonList(path, text);
  for (let i = 0; i < list.length; i++) {
    yield convertRecord(path, text, i, list[i], opts);
    if ((i & 63) === 63) opts.onProgress?.({ bytesRead: Math.round((totalBytes * (i + 1)) / list.length), totalBytes, frames: i + 1 });
  }
  opts.onProgress?.({ bytesRead: totalBytes, totalBytes, frames: list.length });
}
