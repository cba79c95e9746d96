/**
 * MLIP .cfg reader (MLIP_FORMATS.md §1.1). Blocks BEGIN_CFG … END_CFG; fields Size, Supercell
 * (1–3 rows), AtomData:/Atomic_data: with any column order (id type cartes_* | direct_* fx fy fz
 * site_en charge), Energy, PlusStress:/Virial:/(old) Stress:, Feature, Features:.
 * Types are MLIP indices 0…n−1; the caller supplies the element of each index.
 */
import { blockToStructure, STRESS_KEYS, type Block } from './cfg-block.js';
import { showToken } from './errors.js';
import { FieldReader, parseNum, scanNumbers, splitWs } from './numbers.js';
import { runLineParser, runLineParserSync, sourceName, type LineParser, type TextSource } from './lines.js';
import type { ParsedStructure, ReadOptions, Vec3 } from './types.js';

export interface CfgReadOptions extends ReadOptions {
  /** Element symbol of each MLIP type index (index = type). Without it `species` stays null. */
  species?: readonly string[];
  /** Accept the old `Stress:` field (negative convention) by negating it, like MLIP built with
   *  -DMLIP_NO_WRONG_STRESS_ERROR. Default: rejected with an error, as MLIP does. */
  acceptOldStress?: boolean;
}

const KNOWN_COLUMNS = new Set(['id', 'type', 'cartes_x', 'cartes_y', 'cartes_z', 'direct_x', 'direct_y', 'direct_z', 'fx', 'fy', 'fz', 'site_en', 'charge']);

type Expect = null | 'size' | 'energy' | 'stress' | 'featkeys' | 'featvals';

export class CfgParser implements LineParser {
  readonly done: ParsedStructure[] = [];
  private readonly r: FieldReader;
  private block: Block | null = null;
  private expect: Expect = null;
  private inCell = false;
  private frame = 0;

  constructor(file: string, private readonly opts: CfgReadOptions = {}) {
    this.r = new FieldReader(file);
  }

  push(line: string, lineNo: number): void {
    const b = this.block;
    if (b && b.atomsLeft > 0) return this.atomRow(b, line, lineNo);
    const toks = splitWs(line);
    if (toks.length === 0) return;
    if (!b) {
      if (toks[0] !== 'BEGIN_CFG') this.r.fail(lineNo, 'BEGIN_CFG', `expected BEGIN_CFG, got ${showToken(toks[0])}`);
      this.block = {
        startLine: lineNo, size: null, rows: [], columns: null, atomsLine: 0, table: null, atomsLeft: 0,
        energy: null, stress: null, features: {}, featureKeys: [],
      };
      this.expect = null;
      this.inCell = false;
      return;
    }
    if (this.inCell) {
      if (!Number.isNaN(parseNum(toks[0]))) {
        if (b.rows.length === 3) this.r.fail(lineNo, 'Supercell', 'more than 3 lattice rows');
        const v: Vec3 = [0, 0, 0];
        if (toks.length !== 3) this.r.fail(lineNo, 'Supercell', `expected 3 numbers per lattice row, found ${toks.length}`);
        this.r.nums(toks, 0, 3, v, 0, lineNo, 'Supercell');
        b.rows.push(v);
        return;
      }
      this.inCell = false;
    }
    if (this.expect) return this.expected(b, toks, lineNo);
    this.keyword(b, toks, line, lineNo);
  }

  private expected(b: Block, toks: string[], lineNo: number): void {
    const what = this.expect;
    this.expect = null;
    if (what === 'size') return this.setSize(b, toks[0], lineNo);
    if (what === 'energy') {
      b.energy = this.r.num(toks[0], lineNo, 'Energy');
      return;
    }
    if (what === 'stress') {
      const s = b.stress!;
      if (toks.length !== s.keys.length)
        this.r.fail(lineNo, s.kind, `expected ${s.keys.length} numbers, found ${toks.length}`);
      s.values = [];
      this.r.nums(toks, 0, s.keys.length, s.values, 0, lineNo, s.kind);
      return;
    }
    if (what === 'featkeys') {
      b.featureKeys = toks;
      this.expect = 'featvals';
      return;
    }
    if (what === 'featvals') {
      if (toks.length !== b.featureKeys.length)
        this.r.fail(lineNo, 'Features', `${b.featureKeys.length} keys but ${toks.length} values`);
      b.featureKeys.forEach((k, i) => this.addFeature(b, k, toks[i]));
    }
  }

  private keyword(b: Block, toks: string[], line: string, lineNo: number): void {
    const kw = toks[0];
    switch (kw) {
      case 'Size':
        if (toks.length > 1) this.setSize(b, toks[1], lineNo);
        else this.expect = 'size';
        return;
      case 'Supercell':
      case 'SuperCell':
        if (b.rows.length > 0) this.r.fail(lineNo, 'Supercell', 'given twice');
        this.inCell = true;
        return;
      case 'AtomData:':
      case 'Atomic_data:':
        return this.atomHeader(b, toks, lineNo);
      case 'Energy':
        if (toks.length > 1) b.energy = this.r.num(toks[1], lineNo, 'Energy');
        else this.expect = 'energy';
        return;
      case 'PlusStress:':
      case 'Stress:':
      case 'Virial:': {
        const kind = kw.slice(0, -1);
        const keys = toks.slice(1);
        if (keys.length === 0) this.r.fail(lineNo, kind, 'no components listed (expected e.g. xx yy zz yz xz xy)');
        for (const k of keys)
          if (!STRESS_KEYS.includes(k)) this.r.fail(lineNo, kind, `unknown component ${showToken(k)}`);
        if (kind === 'Stress' && !this.opts.acceptOldStress)
          this.r.fail(lineNo, kind, 'old negative-sign "Stress:" field; convert to PlusStress (MLIP rejects it too)');
        b.stress = { kind, keys, values: null, line: lineNo };
        this.expect = 'stress';
        return;
      }
      case 'Feature': {
        const key = toks[1];
        if (key === undefined) this.r.fail(lineNo, 'Feature', 'missing key');
        // value = rest of the line after the key and one separator character
        const at = line.indexOf(key, line.indexOf('Feature') + 7) + key.length;
        this.addFeature(b, key, line.slice(at + 1));
        return;
      }
      case 'Features:':
        if (toks.length > 1) {
          b.featureKeys = toks.slice(1);
          this.expect = 'featvals';
        } else this.expect = 'featkeys';
        return;
      case 'END_CFG':
        return this.endBlock(b, lineNo);
      case 'BEGIN_CFG':
        this.r.fail(lineNo, 'END_CFG', `block started at line ${b.startLine} is not closed`);
      // falls through (fail never returns)
      default:
        this.r.fail(lineNo, 'field', `unknown field ${showToken(kw)}`);
    }
  }

  private addFeature(b: Block, key: string, value: string): void {
    b.features[key] = key in b.features ? b.features[key] + '\n' + value : value;
  }

  private setSize(b: Block, tok: string | undefined, lineNo: number): void {
    const n = this.r.int(tok, lineNo, 'Size');
    if (n < 0) this.r.fail(lineNo, 'Size', `negative atom count ${n}`);
    b.size = n;
  }

  private atomHeader(b: Block, toks: string[], lineNo: number): void {
    if (b.size === null) this.r.fail(lineNo, 'Size', 'AtomData before Size');
    const cols = toks.slice(1);
    for (const c of cols) if (!KNOWN_COLUMNS.has(c)) this.r.fail(lineNo, 'AtomData', `unknown column ${showToken(c)}`);
    const has = (c: string) => cols.includes(c);
    const cart = has('cartes_x') && has('cartes_y') && has('cartes_z');
    const direct = has('direct_x') && has('direct_y') && has('direct_z');
    if (!cart && !direct) this.r.fail(lineNo, 'AtomData', 'no cartes_x/y/z or direct_x/y/z columns');
    if (has('fx') !== has('fy') || has('fx') !== has('fz')) this.r.fail(lineNo, 'AtomData', 'incomplete force columns fx fy fz');
    if (new Set(cols).size !== cols.length) this.r.fail(lineNo, 'AtomData', 'repeated column');
    b.columns = cols;
    b.atomsLine = lineNo;
    b.table = new Float64Array(cols.length * b.size!);
    b.atomsLeft = b.size!;
  }

  private atomRow(b: Block, line: string, lineNo: number): void {
    const cols = b.columns!;
    const i = b.size! - b.atomsLeft;
    const got = scanNumbers(line, 0, b.table!, i * cols.length, cols.length);
    if (got !== cols.length) {
      const toks = splitWs(line);
      if (got < 0 && -got - 1 < cols.length && toks.length === cols.length) {
        const k = -got - 1;
        this.r.fail(lineNo, `AtomData.${cols[k]}`, `atom row ${i + 1}: expected a number, got ${showToken(toks[k])}`);
      }
      const what = toks[0] === 'Energy' || toks[0] === 'END_CFG' || toks[0] === 'PlusStress:' ? `; only ${i} of ${b.size} atoms given` : '';
      this.r.fail(lineNo, 'AtomData', `atom row ${i + 1}: expected ${cols.length} columns, found ${toks.length}${what}`);
    }
    b.atomsLeft--;
  }

  private endBlock(b: Block, lineNo: number): void {
    if (this.expect) this.r.fail(lineNo, this.expect === 'stress' ? b.stress!.kind : this.expect, 'value missing before END_CFG');
    this.done.push(blockToStructure(b, this.r, this.frame++, lineNo, this.opts.species));
    this.block = null;
  }

  finish(lastLine: number): void {
    if (this.block) this.r.fail(lastLine, 'END_CFG', `file ends inside the block started at line ${this.block.startLine}`);
  }
}

export function readCfg(src: TextSource, opts: CfgReadOptions = {}): AsyncGenerator<ParsedStructure> {
  return runLineParser(src, new CfgParser(sourceName(src), opts), opts);
}

export function parseCfgText(text: string, name = 'input.cfg', opts: CfgReadOptions = {}): ParsedStructure[] {
  return runLineParserSync(text, new CfgParser(name, opts));
}
