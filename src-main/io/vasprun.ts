/**
 * VASP vasprun.xml reader: one frame per <calculation> (ionic step). Lattice from the step's
 * <structure> basis (Å), fractional positions, forces (eV/Å), stress (kBar, pressure-like — the
 * same numbers as OUTCAR's "in kB" line), energies e_fr_energy (TOTEN) and e_0_energy
 * (σ→0). SCF convergence: a step whose <scstep> count reaches NELM is flagged unconverged
 * (vasprun has no explicit convergence flag).
 * The file is pretty-printed XML; it is read as a stream of tags without a general XML parser.
 */
import { runLineParser, runLineParserSync, sourceName, type LineParser, type TextSource } from './lines.js';
import { FieldReader, parseNum, splitWs } from './numbers.js';
import { fractionalToCartesian } from './cell.js';
import { emptyStructure, type ParsedStructure, type ReadOptions, type Vec3 } from './types.js';
import { cellVolume, kbarToVirial, tensorToVoigt } from './units.js';

export interface VasprunReadOptions extends ReadOptions {
  energy?: 'free' | 'sigma0';
}

const SETTINGS = new Set(['ENCUT', 'ISMEAR', 'SIGMA', 'EDIFF', 'NELM', 'IBRION', 'ISIF', 'ISPIN', 'PREC', 'GGA', 'NSW', 'KSPACING']);
const DEFAULT_NELM = 60;
/** The only vector arrays read; others (selective flags, k-points, …) are skipped. */
const READ_VARRAYS = new Set(['basis', 'positions', 'forces', 'stress']);

function attr(tag: string, name: string): string | null {
  const k = tag.indexOf(name + '="');
  if (k < 0) return null;
  const end = tag.indexOf('"', k + name.length + 2);
  return tag.slice(k + name.length + 2, end);
}

export class VasprunParser implements LineParser {
  readonly done: ParsedStructure[] = [];
  private readonly r: FieldReader;
  private readonly settings: Record<string, string | number | boolean> = {};
  private elements: string[] = [];
  private array: string | null = null;
  private inAtominfo = false;
  private rc: string[] = [];
  private varray: string | null = null;
  private rows: number[][] = [];
  private inCalc = false;
  private inStructure = false;
  private inScstep = false;
  private inEnergy = false;
  private scsteps = 0;
  private basis: Vec3[] | null = null;
  private frac: number[][] | null = null;
  private forces: number[][] | null = null;
  private stress: number[][] | null = null;
  private energies: Record<string, number> = {};
  private frame = 0;
  private calcLine = 0;

  constructor(private readonly file: string, private readonly opts: VasprunReadOptions = {}) {
    this.r = new FieldReader(file);
  }

  push(line: string, lineNo: number): void {
    if (line.indexOf('<') < 0) return;
    for (const piece of line.split(/(?=<)/)) this.piece(piece.trim(), lineNo);
  }

  private piece(p: string, lineNo: number): void {
    if (p.length < 2 || p[0] !== '<') return;
    const gt = p.indexOf('>');
    const tag = gt < 0 ? p : p.slice(0, gt + 1);
    const text = gt < 0 ? '' : p.slice(gt + 1);
    const closing = tag[1] === '/';
    const name = (closing ? '/' : '') + tag.slice(closing ? 2 : 1).split(/[\s>/]/)[0];
    switch (name) {
      case 'v':
        if (this.varray && READ_VARRAYS.has(this.varray)) {
          const t = splitWs(text);
          const row = t.map((x) => this.r.num(x, lineNo, `varray ${this.varray}`));
          this.rows.push(row);
        }
        return;
      case 'varray':
        this.varray = attr(tag, 'name');
        this.rows = [];
        return;
      case '/varray':
        return this.closeVarray(lineNo);
      case 'i':
        return this.item(tag, text, lineNo);
      case 'c':
        if (this.inAtominfo && this.array === 'atoms') this.rc.push(text.trim());
        return;
      case '/rc':
        if (this.inAtominfo && this.array === 'atoms' && this.rc.length > 0) this.elements.push(this.rc[0].split(/[_/]/)[0]);
        this.rc = [];
        return;
      case 'array':
        this.array = attr(tag, 'name');
        return;
      case '/array':
        this.array = null;
        return;
      case 'atominfo':
        this.inAtominfo = true;
        return;
      case '/atominfo':
        this.inAtominfo = false;
        return;
      case 'calculation':
        this.inCalc = true;
        this.calcLine = lineNo;
        this.scsteps = 0;
        this.basis = this.frac = this.forces = this.stress = null;
        this.energies = {};
        return;
      case '/calculation':
        this.inCalc = false;
        return this.emit(lineNo);
      case 'structure':
        this.inStructure = true;
        return;
      case '/structure':
        this.inStructure = false;
        return;
      case 'scstep':
        this.inScstep = true;
        this.scsteps++;
        return;
      case '/scstep':
        this.inScstep = false;
        return;
      case 'energy':
        this.inEnergy = true;
        return;
      case '/energy':
        this.inEnergy = false;
        return;
    }
  }

  private item(tag: string, text: string, lineNo: number): void {
    const nm = attr(tag, 'name');
    if (!nm) return;
    if (this.inCalc && this.inEnergy && !this.inScstep) {
      if (nm === 'e_fr_energy' || nm === 'e_0_energy' || nm === 'e_wo_entrp') this.energies[nm] = this.r.num(text.trim(), lineNo, nm);
      return;
    }
    if (!this.inCalc && SETTINGS.has(nm) && this.settings[nm] === undefined) {
      const v = parseNum(text.trim());
      this.settings[nm] = Number.isNaN(v) ? text.trim() : v;
    }
    if (nm === 'version' && this.settings.version === undefined) this.settings.version = text.trim();
  }

  private closeVarray(lineNo: number): void {
    const nm = this.varray;
    this.varray = null;
    if (!this.inCalc) return;
    const rows = this.rows;
    const need3 = (what: string) => {
      for (const r of rows) if (r.length !== 3) this.r.fail(lineNo, what, `expected 3 numbers per <v>, found ${r.length}`);
    };
    if (this.inStructure && nm === 'basis') {
      if (rows.length !== 3) this.r.fail(lineNo, 'basis', `expected 3 lattice vectors, found ${rows.length}`);
      need3('basis');
      this.basis = rows.map((r) => [r[0], r[1], r[2]] as Vec3);
    } else if (this.inStructure && nm === 'positions') {
      need3('positions');
      this.frac = rows;
    } else if (nm === 'forces') {
      need3('forces');
      this.forces = rows;
    } else if (nm === 'stress') {
      need3('stress');
      if (rows.length !== 3) this.r.fail(lineNo, 'stress', `expected 3 rows, found ${rows.length}`);
      this.stress = rows;
    }
  }

  private emit(lineNo: number): void {
    if (!this.basis || !this.frac) this.r.fail(lineNo, 'structure', `<calculation> from line ${this.calcLine} has no structure`);
    const n = this.frac.length;
    if (this.elements.length !== n) this.r.fail(lineNo, 'atominfo', `${this.elements.length} atoms in <atominfo> but ${n} positions`);
    const s = emptyStructure(n, { file: this.file, frame: this.frame++, parser: 'vasprun', code: 'VASP', settings: { ...this.settings }, label: null });
    s.cell = [this.basis[0], this.basis[1], this.basis[2]];
    fractionalToCartesian(this.frac.flat(), this.basis, s.positions);
    s.species = [...this.elements];
    if (this.forces) {
      if (this.forces.length !== n) this.r.fail(lineNo, 'forces', `${this.forces.length} rows for ${n} atoms`);
      s.forces = Float64Array.from(this.forces.flat());
    } else s.warnings.push('no forces in this step');
    if (this.stress) s.virial = kbarToVirial(tensorToVoigt(this.stress.flat()), cellVolume(s.cell));
    const kind = this.opts.energy ?? 'free';
    const key = kind === 'free' ? 'e_fr_energy' : 'e_0_energy';
    const e = this.energies[key];
    if (e === undefined) this.r.fail(lineNo, key, `missing in the <energy> of the <calculation> from line ${this.calcLine}`);
    s.energy = e;
    s.energyKind = kind;
    for (const [k, v] of Object.entries(this.energies)) s.features[k] = String(v);
    const nelm = typeof this.settings.NELM === 'number' ? this.settings.NELM : DEFAULT_NELM;
    s.provenance.settings.scfSteps = this.scsteps;
    s.provenance.settings.ionicStep = this.frame;
    s.converged = this.scsteps < nelm;
    if (!s.converged) s.warnings.push(`SCF not converged: ${this.scsteps} electronic steps = NELM (${nelm})`);
    this.done.push(s);
  }

  finish(lastLine: number): void {
    if (this.frame === 0)
      this.r.fail(lastLine, 'calculation', this.inCalc ? `file ends inside the <calculation> from line ${this.calcLine}` : 'no <calculation> found');
  }
}

export function readVasprun(src: TextSource, opts: VasprunReadOptions = {}): AsyncGenerator<ParsedStructure> {
  return runLineParser(src, new VasprunParser(sourceName(src), opts), opts);
}

export function parseVasprunText(text: string, name = 'vasprun.xml', opts: VasprunReadOptions = {}): ParsedStructure[] {
  return runLineParserSync(text, new VasprunParser(name, opts));
}
