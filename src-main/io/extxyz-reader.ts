/**
 * Extended XYZ reader (ASE conventions). Per frame: atom count, a comment line of key=value pairs
 * (Lattice, Properties, pbc, energy, stress/virial, anything else), then one line per atom.
 * ASE's `stress` is tension-positive in eV/Å³ (9 values row-major or 6 Voigt xx yy zz yz xz xy)
 * and is converted to the virial −V·σ; `virial` (eV) is taken as is.
 * Energy kind: 'free' for a free_energy key (or an energy equal to the free_energy beside it),
 * otherwise 'unknown' unless the caller says. Keys are selectable (REF_energy / REF_forces with
 * `prefix: 'REF_'`, or any custom name).
 */
import { SYMBOLS, isElement } from './elements.js';
import { showToken } from './errors.js';
import { parseExtxyzHeader } from './extxyz-header.js';
import { runLineParser, runLineParserSync, sourceName, type LineParser, type TextSource } from './lines.js';
import { FieldReader, parseNum, scanNumbers, splitWs } from './numbers.js';
import { emptyStructure, type Cell, type EnergyKind, type ParsedStructure, type ReadOptions, type Vec3 } from './types.js';
import { cellVolume, tensorToVoigt } from './units.js';

export interface ExtxyzReadOptions extends ReadOptions {
  /** Prefix of the reference keys, e.g. 'REF_' → REF_energy, REF_forces, REF_stress, REF_virial. */
  prefix?: string;
  energyKey?: string;
  forcesKey?: string;
  stressKey?: string;
  virialKey?: string;
  /** What the energy is (default: 'free' for a free_energy key, otherwise 'unknown'). */
  energyKind?: EnergyKind;
}

interface Column {
  name: string;
  type: string;
  count: number;
  at: number;
}

const RESERVED = new Set(['Lattice', 'Properties', 'pbc']);

export class ExtxyzParser implements LineParser {
  readonly done: ParsedStructure[] = [];
  private readonly r: FieldReader;
  private state: 'count' | 'header' | 'atoms' = 'count';
  private cur: ParsedStructure | null = null;
  private cols: Column[] = [];
  private width = 0;
  private fastRow = false;
  private posAt = 0;
  private forceAt = 0;
  private scratch = new Float64Array(16);
  private left = 0;
  private frame = 0;
  private countLine = 0;
  private readonly keys: { energy: string[]; forces: string[]; stress: string[]; virial: string[] };

  constructor(private readonly file: string, private readonly opts: ExtxyzReadOptions = {}) {
    this.r = new FieldReader(file);
    const p = opts.prefix;
    this.keys = {
      energy: opts.energyKey ? [opts.energyKey] : p ? [p + 'energy'] : ['energy', 'free_energy'],
      forces: opts.forcesKey ? [opts.forcesKey] : p ? [p + 'forces', p + 'force'] : ['forces', 'force'],
      stress: opts.stressKey ? [opts.stressKey] : p ? [p + 'stress'] : ['stress'],
      virial: opts.virialKey ? [opts.virialKey] : p ? [p + 'virial'] : ['virial'],
    };
  }

  push(line: string, lineNo: number): void {
    if (this.state === 'atoms') return this.atom(line, lineNo);
    if (this.state === 'header') return this.header(line, lineNo);
    const toks = splitWs(line);
    if (toks.length === 0) return;
    const n = this.r.int(toks[0], lineNo, 'natoms');
    if (n < 0 || toks.length > 1) this.r.fail(lineNo, 'natoms', `expected one non-negative atom count, got ${showToken(line.trim())}`);
    this.cur = emptyStructure(n, { file: this.file, frame: this.frame, parser: 'extxyz', code: null, settings: {}, label: null });
    this.left = n;
    this.countLine = lineNo;
    this.state = 'header';
  }

  private header(line: string, lineNo: number): void {
    const s = this.cur!;
    const info = parseExtxyzHeader(line);
    if (typeof info === 'string') this.r.fail(lineNo, 'comment line', info);
    const props = info.get('Properties') ?? 'species:S:1:pos:R:3';
    this.columns(props, lineNo);
    const pbcText = info.get('pbc');
    const latText = info.get('Lattice');
    let pbc = [latText !== undefined, latText !== undefined, latText !== undefined];
    if (pbcText !== undefined) {
      const t = splitWs(pbcText);
      if (t.length !== 3) this.r.fail(lineNo, 'pbc', `expected 3 flags, got ${showToken(pbcText)}`);
      pbc = t.map((x) => {
        const v = flag(x);
        if (v === null) this.r.fail(lineNo, 'pbc', `expected T/F, got ${showToken(x)}`);
        return v;
      });
    }
    const cell: Cell = [null, null, null];
    if (latText !== undefined) {
      const t = splitWs(latText);
      if (t.length !== 9) this.r.fail(lineNo, 'Lattice', `expected 9 numbers, found ${t.length}`);
      const m = new Float64Array(9);
      this.r.nums(t, 0, 9, m, 0, lineNo, 'Lattice');
      for (let k = 0; k < 3; k++) if (pbc[k]) cell[k] = [m[3 * k], m[3 * k + 1], m[3 * k + 2]] as Vec3;
      if (!pbc.every(Boolean)) s.features.Lattice = latText;
    } else if (pbc.some(Boolean)) this.r.fail(lineNo, 'Lattice', 'pbc is true but no Lattice given');
    s.cell = cell;
    const used = new Set<string>();
    const pick = (names: string[]) => names.find((k) => info.has(k));
    const eKey = pick(this.keys.energy);
    if (eKey) {
      s.energy = this.r.num(info.get(eKey), lineNo, eKey);
      // 'energy' equal to a 'free_energy' given next to it (ASE's VASP calculators) is the free energy
      const free = eKey.endsWith('free_energy') || (info.has('free_energy') && parseNum(info.get('free_energy')) === s.energy);
      s.energyKind = this.opts.energyKind ?? (free ? 'free' : 'unknown');
      s.provenance.settings.energyKey = eKey;
      used.add(eKey);
    }
    const vKey = pick(this.keys.virial);
    const sKey = pick(this.keys.stress);
    if (vKey) {
      s.virial = this.tensor(info.get(vKey)!, lineNo, vKey, 1);
      used.add(vKey);
    } else if (sKey) {
      const vol = cellVolume(cell);
      if (vol === 0) this.r.fail(lineNo, sKey, 'stress needs a 3-D periodic Lattice to convert to a virial');
      s.virial = this.tensor(info.get(sKey)!, lineNo, sKey, -vol);
      used.add(sKey);
    }
    for (const [k, v] of info) {
      if (RESERVED.has(k) || used.has(k)) continue;
      s.features[k] = v;
      if ((k === 'label' || k === 'tag' || k === 'config_type') && s.provenance.label === null) s.provenance.label = v;
    }
    this.state = this.left > 0 ? 'atoms' : 'count';
    if (this.left === 0) this.emit();
  }

  /** 9 values row-major or 6 Voigt (xx yy zz yz xz xy) → Voigt virial, times `scale`. */
  private tensor(text: string, lineNo: number, field: string, scale: number): Float64Array {
    const t = splitWs(text);
    const v = new Float64Array(t.length);
    if (t.length !== 9 && t.length !== 6) this.r.fail(lineNo, field, `expected 9 or 6 numbers, found ${t.length}`);
    this.r.nums(t, 0, t.length, v, 0, lineNo, field);
    if (t.length === 9) return tensorToVoigt(v, scale);
    return v.map((x) => x * scale);
  }

  private columns(props: string, lineNo: number): void {
    const t = props.split(':');
    if (t.length % 3 !== 0) this.r.fail(lineNo, 'Properties', `expected name:type:count triples, got ${showToken(props)}`);
    const cols: Column[] = [];
    let at = 0;
    for (let k = 0; k < t.length; k += 3) {
      const count = Number(t[k + 2]);
      if (!Number.isInteger(count) || count < 1 || !'RISL'.includes(t[k + 1]) || t[k + 1].length !== 1)
        this.r.fail(lineNo, 'Properties', `bad column ${showToken(t.slice(k, k + 3).join(':'))}`);
      cols.push({ name: t[k], type: t[k + 1], count, at });
      at += count;
    }
    const has = (n: string) => cols.some((c) => c.name === n);
    if (!has('pos')) this.r.fail(lineNo, 'Properties', 'no pos column');
    if (!has('species') && !has('Z')) this.r.fail(lineNo, 'Properties', 'no species or Z column');
    this.cols = cols;
    this.width = at;
    this.fastRow = cols[0].name === 'species' && cols[0].count === 1 && cols.slice(1).every((c) => c.type === 'R' || c.type === 'I');
    this.posAt = cols.find((c) => c.name === 'pos')!.at;
    const f = cols.find((c) => this.keys.forces.includes(c.name) && c.count === 3);
    this.forceAt = f ? f.at : 0;
    if (this.scratch.length < at) this.scratch = new Float64Array(at);
    const dropped = cols.filter((c) => !['species', 'pos', 'Z', ...this.keys.forces].includes(c.name)).map((c) => c.name);
    if (dropped.length > 0) this.cur!.provenance.settings.droppedColumns = dropped.join(' ');
  }

  private atom(line: string, lineNo: number): void {
    const s = this.cur!;
    const i = s.natoms - this.left;
    if (this.fastRow && this.fastAtom(s, i, line)) {
      if (--this.left === 0) this.emit();
      return;
    }
    const toks = splitWs(line);
    if (toks.length !== this.width)
      this.r.fail(lineNo, 'atom row', `atom ${i + 1}: expected ${this.width} columns, found ${toks.length}`);
    for (const c of this.cols) {
      if (c.name === 'species') {
        if (!s.species) s.species = new Array<string>(s.natoms);
        const sym = toks[c.at];
        if (!isElement(sym)) this.r.fail(lineNo, 'species', `atom ${i + 1}: not an element symbol: ${showToken(sym)}`);
        s.species[i] = sym;
      } else if (c.name === 'Z' && !this.cols.some((k) => k.name === 'species')) {
        const z = Number(toks[c.at]);
        const sym = Number.isInteger(z) ? SYMBOLS[z] : undefined;
        if (!sym || z === 0) this.r.fail(lineNo, 'Z', `atom ${i + 1}: not an atomic number: ${showToken(toks[c.at])}`);
        if (!s.species) s.species = new Array<string>(s.natoms);
        s.species[i] = sym;
      } else if (c.name === 'pos') {
        for (let d = 0; d < 3; d++) s.positions[3 * i + d] = this.num(toks[c.at + d], lineNo, 'pos', i);
      } else if (this.keys.forces.includes(c.name) && c.count === 3) {
        if (!s.forces) s.forces = new Float64Array(3 * s.natoms);
        for (let d = 0; d < 3; d++) s.forces[3 * i + d] = this.num(toks[c.at + d], lineNo, c.name, i);
      } else if (c.type === 'R') {
        for (let d = 0; d < c.count; d++) this.num(toks[c.at + d], lineNo, c.name, i);
      }
    }
    if (--this.left === 0) this.emit();
  }

  /**
   * Fast path for the usual layout (species first, then only numeric columns): no token
   * strings. Returns false on anything unusual so the slow path reports the exact error.
   */
  private fastAtom(s: ParsedStructure, i: number, line: string): boolean {
    let a = 0;
    while (a < line.length && (line.charCodeAt(a) === 32 || line.charCodeAt(a) === 9)) a++;
    let b = a;
    while (b < line.length && line.charCodeAt(b) !== 32 && line.charCodeAt(b) !== 9) b++;
    const sym = line.slice(a, b);
    if (!isElement(sym)) return false;
    const row = this.scratch;
    if (scanNumbers(line, b, row, 0, this.width - 1) !== this.width - 1) return false;
    if (!s.species) s.species = new Array<string>(s.natoms);
    s.species[i] = sym;
    const p = this.posAt - 1;
    s.positions[3 * i] = row[p];
    s.positions[3 * i + 1] = row[p + 1];
    s.positions[3 * i + 2] = row[p + 2];
    if (this.forceAt > 0) {
      if (!s.forces) s.forces = new Float64Array(3 * s.natoms);
      const f = this.forceAt - 1;
      s.forces[3 * i] = row[f];
      s.forces[3 * i + 1] = row[f + 1];
      s.forces[3 * i + 2] = row[f + 2];
    }
    return true;
  }

  private num(tok: string, lineNo: number, field: string, i: number): number {
    const v = parseNum(tok);
    if (Number.isNaN(v)) this.r.fail(lineNo, field, `atom ${i + 1}: expected a number, got ${showToken(tok)}`);
    return v;
  }

  private emit(): void {
    const s = this.cur!;
    this.done.push(s);
    this.frame++;
    this.cur = null;
    this.state = 'count';
  }

  finish(lastLine: number): void {
    if (this.state === 'header') this.r.fail(lastLine, 'comment line', `file ends after the atom count of line ${this.countLine}`);
    if (this.state === 'atoms')
      this.r.fail(lastLine, 'atom row', `file ends after ${this.cur!.natoms - this.left} of ${this.cur!.natoms} atoms (frame from line ${this.countLine})`);
  }
}

function flag(x: string): boolean | null {
  const u = x.toUpperCase();
  if (u === 'T' || u === 'TRUE' || u === '1') return true;
  if (u === 'F' || u === 'FALSE' || u === '0') return false;
  return null;
}

export function readExtxyz(src: TextSource, opts: ExtxyzReadOptions = {}): AsyncGenerator<ParsedStructure> {
  return runLineParser(src, new ExtxyzParser(sourceName(src), opts), opts);
}

export function parseExtxyzText(text: string, name = 'input.xyz', opts: ExtxyzReadOptions = {}): ParsedStructure[] {
  return runLineParserSync(text, new ExtxyzParser(name, opts));
}
