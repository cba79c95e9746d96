/**
 * MLIP .cfg writer reproducing MLIP's Configuration::Save layout byte for byte
 * (MLIP_FORMATS.md §1.2): fixed precision by default (lattice/positions %13.6f, forces %11.6f,
 * energy %20.12f, PlusStress %11.5f, site energies %17.12f, charges %8.4f), or the lossless
 * "%.16e" variant (`lossless: true`, like `mlp … --no-loss` and state.als).
 */
import { formatFixed, formatSci, padLeft } from './numbers.js';
import { cartesianToFractional } from './cell.js';
import type { ParsedStructure } from './types.js';

export interface CfgWriteOptions {
  lossless?: boolean;
  /** Write direct (fractional) instead of Cartesian coordinates. */
  direct?: boolean;
  /** Element → type index order; needed when a structure has species but no type indices. */
  species?: readonly string[];
}

interface Fmt {
  lat(x: number): string;
  pos(x: number): string;
  frc(x: number): string;
  sen(x: number): string;
  chg(x: number): string;
  ene(x: number): string;
  str(x: number): string;
  ind(i: number): string;
  typ(t: number): string;
}

const FIXED: Fmt = {
  lat: (x) => padLeft(formatFixed(x, 6), 13),
  pos: (x) => padLeft(formatFixed(x, 6), 13),
  frc: (x) => padLeft(formatFixed(x, 6), 11),
  sen: (x) => padLeft(formatFixed(x, 12), 17),
  chg: (x) => padLeft(formatFixed(x, 4), 8),
  ene: (x) => padLeft(formatFixed(x, 12), 20),
  str: (x) => padLeft(formatFixed(x, 5), 11),
  ind: (i) => padLeft(String(i), 10),
  typ: (t) => padLeft(String(t), 4),
};

const sci = (x: number) => formatSci(x, 16);
const LOSSLESS: Fmt = { lat: sci, pos: sci, frc: sci, sen: sci, chg: sci, ene: sci, str: sci, ind: String, typ: String };

function typeIndices(s: ParsedStructure, species?: readonly string[]): Int32Array {
  if (s.types) return s.types;
  if (!s.species) return new Int32Array(s.natoms);
  if (!species) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: writing .cfg needs a species order (element → type index)`);
  const t = new Int32Array(s.natoms);
  for (let i = 0; i < s.natoms; i++) {
    const k = species.indexOf(s.species[i]);
    if (k < 0) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: element ${s.species[i]} is not in the species order [${species.join(', ')}]`);
    t[i] = k;
  }
  return t;
}

/** One BEGIN_CFG … END_CFG block followed by a blank line, exactly as MLIP writes it. */
export function formatCfg(s: ParsedStructure, opts: CfgWriteOptions = {}): string {
  const f = opts.lossless ? LOSSLESS : FIXED;
  const out: string[] = ['BEGIN_CFG\n', ' Size\n    ', String(s.natoms), '\n'];
  let count = 0;
  s.cell.forEach((row, k) => {
    if (row && (row[0] !== 0 || row[1] !== 0 || row[2] !== 0)) count = k + 1;
  });
  if (count > 0) {
    out.push(' Supercell\n');
    for (let k = 0; k < count; k++) {
      const r = s.cell[k] ?? [0, 0, 0];
      out.push('    ', f.lat(r[0]), ' ', f.lat(r[1]), ' ', f.lat(r[2]), '\n');
    }
  }
  const direct = opts.direct === true;
  out.push(' AtomData:  id type', direct ? '       direct_x      direct_y      direct_z' : '       cartes_x      cartes_y      cartes_z');
  if (s.siteEnergies) out.push('    site_en');
  if (s.forces) out.push('           fx          fy          fz');
  if (s.charges) out.push('      charge');
  out.push('\n');
  const types = typeIndices(s, opts.species);
  const pos = direct ? cartesianToFractional(s) : s.positions;
  for (let i = 0; i < s.natoms; i++) {
    out.push('    ', f.ind(i + 1), ' ', f.typ(types[i]), '  ', f.pos(pos[3 * i]), ' ', f.pos(pos[3 * i + 1]), ' ', f.pos(pos[3 * i + 2]));
    if (s.siteEnergies) out.push('  ', f.sen(s.siteEnergies[i]));
    if (s.forces) out.push('  ', f.frc(s.forces[3 * i]), ' ', f.frc(s.forces[3 * i + 1]), ' ', f.frc(s.forces[3 * i + 2]));
    if (s.charges) out.push('    ', f.chg(s.charges[i]));
    out.push('\n');
  }
  if (s.energy !== null) out.push(' Energy\n    ', f.ene(s.energy), '\n');
  if (s.virial) {
    const v = s.virial;
    out.push(' PlusStress:  xx          yy          zz          yz          xz          xy\n');
    out.push('     ', f.str(v[0]), ' ', f.str(v[1]), ' ', f.str(v[2]), ' ', f.str(v[3]), ' ', f.str(v[4]), ' ', f.str(v[5]), '\n');
  }
  // std::map order (byte-wise sorted keys); multi-line values become repeated Feature lines
  for (const key of Object.keys(s.features).sort()) {
    let val = s.features[key];
    while (val.length > 0 && key.length > 0) {
      const cut = val.indexOf('\n');
      if (cut < 0) {
        out.push(' Feature   ', key, '\t', val, '\n');
        break;
      }
      out.push(' Feature   ', key, '\t', val.slice(0, cut), '\n');
      val = val.slice(cut + 1);
      if (val.length === 0) out.push(' Feature   ', key, '\t\n');
    }
  }
  out.push('END_CFG\n\n');
  return out.join('');
}

export function formatCfgFile(frames: Iterable<ParsedStructure>, opts: CfgWriteOptions = {}): string {
  const parts: string[] = [];
  for (const s of frames) parts.push(formatCfg(s, opts));
  return parts.join('');
}
