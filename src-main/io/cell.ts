/** Cell geometry helpers: inverse of the lattice, Cartesian ↔ fractional coordinates. */
import type { Cell, ParsedStructure, Vec3 } from './types.js';

/** Inverse of a 3×3 matrix given as rows. */
export function invert3(m: readonly (readonly number[])[]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, k]] = m;
  const A = e * k - f * h, B = -(d * k - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (det === 0) throw new Error('singular cell matrix');
  return [
    [A / det, -(b * k - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * k - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

export function fullCell(cell: Cell): [Vec3, Vec3, Vec3] | null {
  const [a, b, c] = cell;
  return a && b && c ? [a, b, c] : null;
}

/** Fractional coordinates u with r = u·A (A rows = lattice vectors). */
export function cartesianToFractional(s: ParsedStructure): Float64Array {
  const m = fullCell(s.cell);
  if (!m) throw new Error(`${s.provenance.file} frame ${s.provenance.frame}: fractional coordinates need a 3-D periodic cell`);
  const inv = invert3(m);
  const out = new Float64Array(3 * s.natoms);
  for (let i = 0; i < s.natoms; i++) {
    const x = s.positions[3 * i], y = s.positions[3 * i + 1], z = s.positions[3 * i + 2];
    for (let d = 0; d < 3; d++) out[3 * i + d] = x * inv[0][d] + y * inv[1][d] + z * inv[2][d];
  }
  return out;
}

/** Cartesian r = u·A for flat fractional coordinates. */
export function fractionalToCartesian(frac: ArrayLike<number>, m: readonly Vec3[], out: Float64Array): void {
  const n = frac.length / 3;
  for (let i = 0; i < n; i++) {
    const u = frac[3 * i], v = frac[3 * i + 1], w = frac[3 * i + 2];
    for (let d = 0; d < 3; d++) out[3 * i + d] = u * m[0][d] + v * m[1][d] + w * m[2][d];
  }
}
