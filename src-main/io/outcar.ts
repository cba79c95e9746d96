/**
 * VASP OUTCAR reader: every ionic step becomes a frame. Per step: SCF convergence ("aborting loop
 * because EDIFF is reached" seen, otherwise flagged, with NELM reached noted), the stress from the
 * "FORCE on cell =-STRESS" Total line (eV, already −V·σ, order xx yy zz xy yz zx — MLIP's
 * reading), the lattice, positions and TOTAL-FORCE, and the energy: TOTEN (free energy, the one
 * consistent with the forces, default) or energy(sigma->0), chosen by the caller and recorded.
 */
import { runLineParser, runLineParserSync, sourceName, type LineParser, type TextSource } from './lines.js';
import { FieldReader, parseNum, splitWs } from './numbers.js';
import { emptyStructure, type ParsedStructure, type ReadOptions, type Vec3 } from './types.js';

export interface OutcarReadOptions extends ReadOptions {
  /** 'free' = TOTEN (default), 'sigma0' = energy(sigma->0). */
  energy?: 'free' | 'sigma0';
}

const NUMBER_RE = /[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?/g;

/** Fortran fixed-format fields can touch ("-10.123456789-10.123456789"); split them apart. */
export function splitFortranNumbers(line: string): string[] {
  const t = splitWs(line);
  let glued = false;
  for (const x of t) if (x.lastIndexOf('-') > 0 && !/[eE]-/.test(x)) glued = true;
  return glued ? line.match(NUMBER_RE) ?? [] : t;
}

const SETTINGS = new Set(['ENCUT', 'ISMEAR', 'SIGMA', 'EDIFF', 'NELM', 'IBRION', 'ISIF', 'ISPIN', 'PREC', 'GGA', 'LREAL', 'NSW', 'POTIM', 'EDIFFG', 'ALGO']);

type Section = 'none' | 'stress' | 'lattice' | 'positions' | 'energy';

export class OutcarParser implements LineParser {
  readonly done: ParsedStructure[] = [];
  private readonly r: FieldReader;
  private readonly settings: Record<string, string | number | boolean> = {};
  private titles: string[] = [];
  private ionsPerType: number[] = [];
  private nions = 0;
  private nelm = 0;
  private frame = 0;
  private section: Section = 'none';
  private rowsLeft = 0;
  private sectionLine = 0;
  private ionicStep = 0;
  private lastScf = 0;
  private ediffReached = false;
  private stress: Float64Array | null = null;
  private lattice: Vec3[] = [];
  private positions: Float64Array | null = null;
  private forces: Float64Array | null = null;
  private free: number | null = null;
  private sawRule = false;

  constructor(private readonly file: string, private readonly opts: OutcarReadOptions = {}) {
    this.r = new FieldReader(file);
  }

  push(line: string, lineNo: number): void {
    switch (this.section) {
      case 'stress':
        return this.stressLine(line, lineNo);
      case 'lattice':
        return this.latticeLine(line, lineNo);
      case 'positions':
        return this.positionLine(line, lineNo);
      case 'energy':
        return this.energyLine(line, lineNo);
    }
    const c0 = line.charCodeAt(0);
    if (c0 === 45 /* '-' */) {
      if (line.includes(' Iteration ')) this.iteration(line, lineNo);
      else if (line.includes('aborting loop because EDIFF is reached')) this.ediffReached = true;
      return;
    }
    if (c0 !== 32) return;
    if (line.startsWith(' vasp.')) {
      this.settings.version = splitWs(line)[0];
      return;
    }
    if (line.startsWith('  FORCE on cell =-STRESS')) {
      this.section = 'stress';
      this.sectionLine = lineNo;
    } else if (line.startsWith('      direct lattice vectors')) {
      this.section = 'lattice';
      this.rowsLeft = 3;
      this.lattice = [];
    } else if (line.startsWith(' POSITION ') && line.includes('TOTAL-FORCE')) {
      this.beginPositions(lineNo);
    } else if (line.startsWith('  FREE ENERGIE OF THE ION-ELECTRON SYSTEM')) {
      this.section = 'energy';
      this.sectionLine = lineNo;
      this.free = null;
    } else this.header(line, lineNo);
  }

  private header(line: string, lineNo: number): void {
    if (line.startsWith('   TITEL  =')) {
      this.titles.push(splitWs(line)[3] ?? '');
    } else if (line.startsWith('   ions per type =')) {
      this.ionsPerType = splitWs(line.slice(18)).map((t) => this.r.int(t, lineNo, 'ions per type'));
    } else if (line.includes('NIONS =')) {
      this.nions = this.r.int(splitWs(line.slice(line.indexOf('NIONS =') + 7))[0], lineNo, 'NIONS');
    } else if (line.includes('NKPTS =') && this.settings.NKPTS === undefined) {
      this.settings.NKPTS = this.r.int(splitWs(line.slice(line.indexOf('NKPTS =') + 7))[0], lineNo, 'NKPTS');
    } else if (line.startsWith('   ') && line.charCodeAt(3) >= 65 && line.charCodeAt(3) <= 90) {
      // "   ISMEAR =     1;   SIGMA  =   0.10  broadening …": several KEY = value pairs per line
      for (const part of line.split(';')) {
        const m = /^\s*([A-Z]+)\s*=\s*([^\s;]+)/.exec(part);
        if (!m || !SETTINGS.has(m[1]) || this.settings[m[1]] !== undefined) continue;
        const v = parseNum(m[2]);
        this.settings[m[1]] = Number.isNaN(v) ? m[2] : v;
        if (m[1] === 'NELM') this.nelm = this.r.int(m[2], lineNo, 'NELM');
      }
    }
  }

  private iteration(line: string, lineNo: number): void {
    // "----- Iteration    3(  12)  -----": ionic step 3, electronic step 12
    const open = line.indexOf('(');
    const close = line.indexOf(')', open);
    if (open < 0 || close < 0) return;
    const ionic = this.r.int(line.slice(line.indexOf('Iteration') + 9, open).trim(), lineNo, 'Iteration');
    const scf = this.r.int(line.slice(open + 1, close).trim(), lineNo, 'Iteration');
    if (ionic !== this.ionicStep) {
      this.ionicStep = ionic;
      this.ediffReached = false;
    }
    this.lastScf = scf;
  }

  private stressLine(line: string, lineNo: number): void {
    if (!line.startsWith('  Total')) {
      if (lineNo - this.sectionLine > 20) this.r.fail(lineNo, 'FORCE on cell', 'no "Total" line within 20 lines');
      return;
    }
    const t = splitFortranNumbers(line.slice(7));
    const v = new Float64Array(6);
    this.r.nums(t, 0, 6, v, 0, lineNo, 'FORCE on cell Total');
    // OUTCAR order xx yy zz xy yz zx → Voigt xx yy zz yz xz xy
    this.stress = Float64Array.of(v[0], v[1], v[2], v[4], v[5], v[3]);
    this.section = 'none';
  }

  private latticeLine(line: string, lineNo: number): void {
    const t = splitFortranNumbers(line);
    const v: Vec3 = [0, 0, 0];
    this.r.nums(t, 0, 3, v, 0, lineNo, 'direct lattice vectors');
    this.lattice.push(v);
    if (--this.rowsLeft === 0) this.section = 'none';
  }

  private beginPositions(lineNo: number): void {
    const n = this.nions;
    if (n <= 0) this.r.fail(lineNo, 'NIONS', 'number of ions not found before the first POSITION block');
    this.section = 'positions';
    this.rowsLeft = n;
    this.sawRule = false;
    this.positions = new Float64Array(3 * n);
    this.forces = new Float64Array(3 * n);
  }

  private positionLine(line: string, lineNo: number): void {
    if (!this.sawRule) {
      if (!line.trimStart().startsWith('---')) this.r.fail(lineNo, 'POSITION', 'expected a line of dashes under the header');
      this.sawRule = true;
      return;
    }
    const i = this.nions - this.rowsLeft;
    const t = splitFortranNumbers(line);
    if (t.length !== 6) this.r.fail(lineNo, 'POSITION/TOTAL-FORCE', `ion ${i + 1} of ${this.nions}: expected 6 numbers, found ${t.length}`);
    this.r.nums(t, 0, 3, this.positions!, 3 * i, lineNo, 'POSITION');
    this.r.nums(t, 3, 3, this.forces!, 3 * i, lineNo, 'TOTAL-FORCE');
    if (--this.rowsLeft === 0) this.section = 'none';
  }

  private energyLine(line: string, lineNo: number): void {
    const toten = line.indexOf('TOTEN');
    if (toten >= 0) {
      const t = splitWs(line.slice(line.indexOf('=', toten) + 1));
      this.free = this.r.num(t[0], lineNo, 'TOTEN');
      return;
    }
    const s0 = line.indexOf('energy(sigma->0)');
    if (s0 < 0) {
      if (lineNo - this.sectionLine > 6) this.r.fail(lineNo, 'energy(sigma->0)', 'not found after FREE ENERGIE');
      return;
    }
    const sigma0 = this.r.num(splitWs(line.slice(line.indexOf('=', s0) + 1))[0], lineNo, 'energy(sigma->0)');
    const wo = line.indexOf('entropy=');
    const without = wo >= 0 ? parseNum(splitWs(line.slice(wo + 8))[0]) : NaN;
    if (this.free === null) this.r.fail(lineNo, 'TOTEN', 'free energy line missing before energy(sigma->0)');
    this.section = 'none';
    this.emit(lineNo, this.free, sigma0, without);
  }

  private emit(lineNo: number, free: number, sigma0: number, without: number): void {
    if (!this.positions || this.lattice.length !== 3)
      this.r.fail(lineNo, 'POSITION', 'ionic step has an energy but no lattice/positions block');
    const n = this.nions;
    const s = emptyStructure(n, { file: this.file, frame: this.frame++, parser: 'outcar', code: 'VASP', settings: { ...this.settings }, label: null });
    s.cell = [this.lattice[0], this.lattice[1], this.lattice[2]];
    s.positions = this.positions;
    s.forces = this.forces;
    s.virial = this.stress;
    s.species = this.speciesList(lineNo);
    const kind = this.opts.energy ?? 'free';
    s.energy = kind === 'free' ? free : sigma0;
    s.energyKind = kind;
    s.features.free_energy = String(free);
    s.features.energy_sigma0 = String(sigma0);
    if (!Number.isNaN(without)) s.features.energy_without_entropy = String(without);
    s.provenance.settings.ionicStep = this.ionicStep;
    s.provenance.settings.scfSteps = this.lastScf;
    s.converged = this.ediffReached;
    if (!this.ediffReached)
      s.warnings.push(
        this.nelm > 0 && this.lastScf >= this.nelm
          ? `SCF not converged: NELM = ${this.nelm} electronic steps reached without EDIFF`
          : `SCF not converged: no "aborting loop because EDIFF is reached" in ionic step ${this.ionicStep}`,
      );
    if (!this.stress) s.warnings.push('no stress in this ionic step (ISIF = 0?)');
    this.done.push(s);
    this.positions = null;
    this.forces = null;
    this.stress = null;
  }

  private speciesList(lineNo: number): string[] {
    const per = this.ionsPerType;
    const names = this.titles.map((t) => t.split(/[_.]/)[0]);
    if (per.length === 0 || names.length < per.length)
      this.r.fail(lineNo, 'TITEL', `species not found (${names.length} TITEL lines, ${per.length} ions-per-type entries)`);
    const out: string[] = [];
    per.forEach((c, k) => {
      for (let j = 0; j < c; j++) out.push(names[k]);
    });
    if (out.length !== this.nions) this.r.fail(lineNo, 'ions per type', `sums to ${out.length}, NIONS = ${this.nions}`);
    return out;
  }

  finish(lastLine: number): void {
    if (this.frame === 0) this.r.fail(lastLine, 'ionic step', 'no completed ionic step (no FREE ENERGIE block with forces)');
  }
}

export function readOutcar(src: TextSource, opts: OutcarReadOptions = {}): AsyncGenerator<ParsedStructure> {
  return runLineParser(src, new OutcarParser(sourceName(src), opts), opts);
}

export function parseOutcarText(text: string, name = 'OUTCAR', opts: OutcarReadOptions = {}): ParsedStructure[] {
  return runLineParserSync(text, new OutcarParser(name, opts));
}
