/**
 * Quantum ESPRESSO pw.x output reader (scf, relax, vc-relax, md): one frame per SCF that ends in
 * an energy. Energy from the '!' line (Ry → eV), forces from "Forces acting on atoms" (Ry/bohr →
 * eV/Å), stress from the "total stress" block (Ry/bohr³ columns, pressure-like like the kbar
 * columns, → virial = V·p in eV). SCF convergence from "convergence has been achieved" vs
 * "convergence NOT achieved" (then the last "total energy" is kept and the frame is flagged).
 * The structure of each step: the header (crystal axes and tau in alat units), then every
 * CELL_PARAMETERS / ATOMIC_POSITIONS block printed between steps.
 */
import { isElement } from './elements.js';
import { showToken } from './errors.js';
import { runLineParser, runLineParserSync, sourceName, type LineParser, type TextSource } from './lines.js';
import { FieldReader, parseNum, splitWs } from './numbers.js';
import { splitFortranNumbers } from './outcar.js';
import { fractionalToCartesian } from './cell.js';
import { emptyStructure, type ParsedStructure, type ReadOptions, type Vec3 } from './types.js';
import { BOHR_IN_A, RY_IN_EV, RY_PER_BOHR_IN_EV_PER_A, cellVolume, tensorToVoigt } from './units.js';

type Block = 'none' | 'axes' | 'tau' | 'forces' | 'stress' | 'cellParams' | 'atomicPositions';

/** QE species labels may carry a suffix or another case ("Fe1", "Si_a", "SI"): the element is the leading symbol. */
function elementOfLabel(label: string): string | null {
  const m = /^([A-Za-z][a-z]?)/i.exec(label);
  if (!m) return null;
  const two = m[1][0].toUpperCase() + (m[1][1] ?? '').toLowerCase();
  if (two.length === 2 && isElement(two)) return two;
  return isElement(two[0]) ? two[0] : null;
}

export class QeOutputParser implements LineParser {
  readonly done: ParsedStructure[] = [];
  private readonly r: FieldReader;
  private readonly settings: Record<string, string | number | boolean> = {};
  private nat = 0;
  private alat = 0; // bohr
  private cell: Vec3[] = [];
  private positions: Float64Array | null = null;
  private species: string[] = [];
  private block: Block = 'none';
  private blockLeft = 0;
  private blockUnit = '';
  private blockLine = 0;
  private rows: number[][] = [];
  private labels: string[] = [];
  private lastScfEnergy: number | null = null;
  private scfConverged: boolean | null = null;
  private pending: ParsedStructure | null = null;
  private frame = 0;
  private expectPseudoPath = false;

  constructor(private readonly file: string, _opts: ReadOptions = {}) {
    this.r = new FieldReader(file);
  }

  push(line: string, lineNo: number): void {
    if (this.block !== 'none') return this.blockLine_(line, lineNo);
    if (this.expectPseudoPath) {
      this.expectPseudoPath = false;
      const p = line.trim();
      this.settings.pseudopotentials = this.settings.pseudopotentials ? `${this.settings.pseudopotentials} ${p}` : p;
      return;
    }
    const t = line.trimStart();
    if (t.length === 0) return;
    if (t.startsWith('!')) return this.finalEnergy(line, lineNo);
    if (t.startsWith('total energy ') && t.includes('=')) {
      this.lastScfEnergy = this.r.num(splitWs(t.slice(t.indexOf('=') + 1))[0], lineNo, 'total energy');
      return;
    }
    if (t.startsWith('convergence has been achieved')) {
      this.scfConverged = true;
      if (this.pending) this.pending.converged = true;
      return;
    }
    if (t.startsWith('convergence NOT achieved')) return this.notConverged(t, lineNo);
    if (t.startsWith('Self-consistent Calculation')) {
      this.flush();
      this.scfConverged = null;
      this.lastScfEnergy = null;
      return;
    }
    if (t.startsWith('Forces acting on atoms')) {
      if (!this.pending) this.r.fail(lineNo, 'forces', 'forces printed before any energy');
      if (t.includes('Ry/au') === false) this.r.fail(lineNo, 'forces', `unexpected force units in ${showToken(t)}`);
      return this.begin('forces', this.nat, lineNo, '');
    }
    if (t.startsWith('total   stress') || t.startsWith('total stress')) {
      if (!this.pending) this.r.fail(lineNo, 'stress', 'stress printed before any energy');
      return this.begin('stress', 3, lineNo, '');
    }
    if (t.startsWith('crystal axes:')) {
      this.flush();
      return this.begin('axes', 3, lineNo, '');
    }
    if (t.startsWith('site n.') && t.includes('positions (alat units)')) {
      this.flush();
      return this.begin('tau', this.nat, lineNo, '');
    }
    if (line.startsWith('CELL_PARAMETERS')) {
      this.flush();
      return this.begin('cellParams', 3, lineNo, line.slice(15).trim());
    }
    if (line.startsWith('ATOMIC_POSITIONS')) {
      this.flush();
      return this.begin('atomicPositions', this.nat, lineNo, line.slice(16).trim());
    }
    this.header(t, lineNo);
  }

  private header(t: string, lineNo: number): void {
    const after = () => splitWs(t.slice(t.indexOf('=') + 1));
    if (t.startsWith('number of atoms/cell')) this.nat = this.r.int(after()[0], lineNo, 'number of atoms/cell');
    else if (t.startsWith('celldm(1)=')) this.alat = this.r.num(splitWs(t.slice(10))[0], lineNo, 'celldm(1)');
    else if (t.startsWith('lattice parameter (alat)') && this.alat === 0) this.alat = this.r.num(after()[0], lineNo, 'alat');
    else if (t.startsWith('kinetic-energy cutoff')) this.settings.ecutwfc = this.r.num(after()[0], lineNo, 'ecutwfc');
    else if (t.startsWith('charge density cutoff')) this.settings.ecutrho = this.r.num(after()[0], lineNo, 'ecutrho');
    else if (t.startsWith('number of k points=')) this.settings.nks = this.r.int(splitWs(t.slice(19))[0], lineNo, 'number of k points');
    else if (t.startsWith('Exchange-correlation=')) this.settings.xc = t.slice(21).trim();
    else if (t.startsWith('scf convergence threshold')) this.settings.conv_thr = this.r.num(after()[0], lineNo, 'conv_thr');
    else if (t.startsWith('smearing')) this.settings.smearing = t;
    else if (t.startsWith('Program PWSCF')) this.settings.version = splitWs(t)[2] ?? '';
    else if (t.startsWith('PseudoPot. #')) this.expectPseudoPath = true;
  }

  private begin(block: Block, count: number, lineNo: number, unit: string): void {
    if (count <= 0) this.r.fail(lineNo, block, 'number of atoms/cell not found before this block');
    this.block = block;
    this.blockLeft = count;
    this.blockUnit = unit;
    this.blockLine = lineNo;
    this.rows = [];
    this.labels = [];
  }

  private blockLine_(line: string, lineNo: number): void {
    const t = line.trim();
    if (t.length === 0) {
      // blank lines may precede the rows of forces/stress blocks, never interrupt them
      if (this.rows.length === 0 && lineNo - this.blockLine < 3) return;
      this.r.fail(lineNo, this.block, `block from line ${this.blockLine} ends after ${this.rows.length} of ${this.rows.length + this.blockLeft} rows`);
    }
    switch (this.block) {
      case 'axes': {
        // a(1) = (   0.000000   0.707107   0.707107 )
        const nums = splitFortranNumbers(t.slice(t.indexOf('(', 4) + 1, t.lastIndexOf(')')));
        this.row(nums, 3, lineNo, 'crystal axes');
        break;
      }
      case 'tau': {
        const toks = splitWs(t);
        this.labels.push(toks[1]);
        this.row(splitFortranNumbers(t.slice(t.indexOf('= (') + 3, t.lastIndexOf(')'))), 3, lineNo, 'tau');
        break;
      }
      case 'forces': {
        if (!t.startsWith('atom')) this.r.fail(lineNo, 'forces', `expected "atom … force =", got ${showToken(t)}`);
        this.row(splitFortranNumbers(t.slice(t.indexOf('=') + 1)), 3, lineNo, 'forces');
        break;
      }
      case 'stress':
        this.row(splitFortranNumbers(t), 6, lineNo, 'stress');
        break;
      case 'cellParams':
        this.row(splitFortranNumbers(t), 3, lineNo, 'CELL_PARAMETERS');
        break;
      case 'atomicPositions': {
        const toks = splitWs(t);
        this.labels.push(toks[0]);
        this.row(toks.slice(1, 4), 3, lineNo, 'ATOMIC_POSITIONS');
        break;
      }
    }
    if (--this.blockLeft === 0) this.endBlock(lineNo);
  }

  private row(toks: string[], count: number, lineNo: number, field: string): void {
    const v: number[] = [];
    if (toks.length < count) this.r.fail(lineNo, field, `expected ${count} numbers, found ${toks.length}`);
    this.r.nums(toks, 0, count, v, 0, lineNo, field);
    this.rows.push(v);
  }

  private endBlock(lineNo: number): void {
    const b = this.block;
    this.block = 'none';
    const A = this.alat * BOHR_IN_A;
    if (b === 'axes') this.cell = this.rows.map((r) => [r[0] * A, r[1] * A, r[2] * A] as Vec3);
    else if (b === 'tau') {
      this.setSpecies(lineNo);
      this.positions = Float64Array.from(this.rows.flat(), (x) => x * A);
    } else if (b === 'cellParams') {
      const u = this.blockUnit.replace(/[()]/g, '');
      let f = 1;
      if (u.startsWith('bohr')) f = BOHR_IN_A;
      else if (u.startsWith('alat')) {
        const m = /alat\s*=\s*([0-9.eEdD+-]+)/.exec(u);
        f = (m ? parseNum(m[1]) : this.alat) * BOHR_IN_A;
      } else if (!u.startsWith('angstrom')) this.r.fail(this.blockLine, 'CELL_PARAMETERS', `unknown unit ${showToken(u)}`);
      this.cell = this.rows.map((r) => [r[0] * f, r[1] * f, r[2] * f] as Vec3);
    } else if (b === 'atomicPositions') {
      this.setSpecies(lineNo);
      const u = this.blockUnit.replace(/[()]/g, '').split(/\s/)[0];
      const flat = this.rows.flat();
      const pos = new Float64Array(flat.length);
      if (u === 'crystal') fractionalToCartesian(flat, this.cell, pos);
      else {
        const f = u === 'angstrom' ? 1 : u === 'bohr' ? BOHR_IN_A : u === 'alat' ? this.alat * BOHR_IN_A : NaN;
        if (Number.isNaN(f)) this.r.fail(this.blockLine, 'ATOMIC_POSITIONS', `unknown unit ${showToken(u)}`);
        for (let k = 0; k < flat.length; k++) pos[k] = flat[k] * f;
      }
      this.positions = pos;
    } else if (b === 'forces') {
      this.pending!.forces = Float64Array.from(this.rows.flat(), (x) => x * RY_PER_BOHR_IN_EV_PER_A);
    } else if (b === 'stress') {
      // columns 0–2: Ry/bohr³, pressure-like; virial (eV) = V·p
      const p = this.rows.flatMap((r) => r.slice(0, 3));
      const s = this.pending!;
      const vol = cellVolume(s.cell);
      s.virial = tensorToVoigt(p, (RY_IN_EV / BOHR_IN_A ** 3) * vol);
      s.features.stress_kbar = this.rows.map((r) => r.slice(3, 6).join(' ')).join(' ');
    }
  }

  private setSpecies(lineNo: number): void {
    this.species = this.labels.map((l) => {
      const el = elementOfLabel(l);
      if (!el) this.r.fail(lineNo, 'species', `cannot tell the element of species label ${showToken(l)}`);
      return el;
    });
  }

  private snapshot(lineNo: number, energyRy: number): ParsedStructure {
    if (!this.positions || this.cell.length !== 3) this.r.fail(lineNo, 'structure', 'energy printed before the cell and positions');
    const n = this.nat;
    const s = emptyStructure(n, { file: this.file, frame: this.frame++, parser: 'qe-pw-output', code: 'QE', settings: { ...this.settings }, label: null });
    s.cell = [[...this.cell[0]], [...this.cell[1]], [...this.cell[2]]];
    s.positions = Float64Array.from(this.positions);
    s.species = [...this.species];
    s.energy = energyRy * RY_IN_EV;
    s.energyKind = 'total';
    s.features.energy_Ry = String(energyRy);
    return s;
  }

  private finalEnergy(line: string, lineNo: number): void {
    const e = this.r.num(splitWs(line.slice(line.indexOf('=') + 1))[0], lineNo, 'total energy');
    if (this.pending) {
      this.pending.energy = e * RY_IN_EV;
      this.pending.features.energy_Ry = String(e);
      return;
    }
    this.pending = this.snapshot(lineNo, e);
    this.pending.converged = this.scfConverged;
  }

  private notConverged(t: string, lineNo: number): void {
    this.scfConverged = false;
    if (!this.pending) {
      if (this.lastScfEnergy === null) this.r.fail(lineNo, 'total energy', 'SCF stopped before any energy was printed');
      this.pending = this.snapshot(lineNo, this.lastScfEnergy);
    }
    this.pending.converged = false;
    this.pending.warnings.push(`SCF not converged: ${t}`);
  }

  private flush(): void {
    const s = this.pending;
    if (!s) return;
    this.pending = null;
    if (s.converged === null) {
      s.converged = false;
      s.warnings.push('SCF convergence not confirmed (no "convergence has been achieved" line)');
    }
    if (!s.forces) s.warnings.push('no forces (tprnfor not set?)');
    if (!s.virial) s.warnings.push('no stress (tstress not set?)');
    this.done.push(s);
  }

  finish(lastLine: number): void {
    if (this.block !== 'none') this.r.fail(lastLine, this.block, `file ends inside the block from line ${this.blockLine}`);
    this.flush();
    if (this.frame === 0) this.r.fail(lastLine, 'total energy', 'no SCF energy found (not a pw.x output, or it stopped early)');
  }
}

export function readQeOutput(src: TextSource, opts: ReadOptions = {}): AsyncGenerator<ParsedStructure> {
  return runLineParser(src, new QeOutputParser(sourceName(src), opts), opts);
}

export function parseQeOutputText(text: string, name = 'pw.out'): ParsedStructure[] {
  return runLineParserSync(text, new QeOutputParser(name));
}
