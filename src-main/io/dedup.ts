/**
 * Duplicate-structure detection. `structureKey` is a fast bucket key invariant to translations
 * (including wrapping through periodic boundaries) and to atom order: composition, the rounded
 * cell, and for each species the rounded structure-factor magnitudes |S_s(G)|²/N over a few small
 * reciprocal vectors G (|Σ_j exp(2πi G·u_j)| does not change when every u_j shifts by t).
 * Structures with equal keys are then confirmed with `sameStructure`, an explicit match up to a
 * translation within a distance tolerance. Keys come from rounded numbers, so two structures
 * that differ by almost exactly the tolerance can fall into different buckets; exact and
 * shifted/permuted copies always share a key.
 */
import { createHash } from 'node:crypto';
import { cartesianToFractional, fullCell, invert3 } from './cell.js';
import type { ParsedStructure } from './types.js';

const G_VECTORS: [number, number, number][] = [
  [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, -1, 0], [1, 0, -1], [0, 1, -1], [1, 1, 1],
  [2, 0, 0], [0, 2, 0], [0, 0, 2],
];

function speciesLabels(s: ParsedStructure): string[] {
  if (s.species) return s.species;
  if (s.types) return Array.from(s.types, (t) => `#${t}`);
  return new Array<string>(s.natoms).fill('?');
}

const round = (x: number, q: number) => {
  const v = Math.round(x / q);
  return v === 0 ? 0 : v; // no "-0"
};

/** Bucket key; `tol` in Å sets the rounding of the cell, the structure factors use 1e-3. */
export function structureKey(s: ParsedStructure, tol = 1e-3): string {
  const labels = speciesLabels(s);
  const kinds = [...new Set(labels)].sort();
  const counts = kinds.map((k) => labels.filter((x) => x === k).length);
  const parts: (string | number)[] = [kinds.map((k, i) => `${k}${counts[i]}`).join(' ')];
  const m = fullCell(s.cell);
  if (m) {
    for (const row of m) for (const x of row) parts.push(round(x, tol));
    const u = cartesianToFractional(s);
    for (const kind of kinds) {
      for (const [h, k, l] of G_VECTORS) {
        let re = 0, im = 0, n = 0;
        for (let i = 0; i < s.natoms; i++) {
          if (labels[i] !== kind) continue;
          const ph = 2 * Math.PI * (h * u[3 * i] + k * u[3 * i + 1] + l * u[3 * i + 2]);
          re += Math.cos(ph);
          im += Math.sin(ph);
          n++;
        }
        parts.push(round((re * re + im * im) / n, 1e-3));
      }
    }
  } else {
    // non-periodic: sorted rounded distances of each species' atoms from the centroid
    let cx = 0, cy = 0, cz = 0;
    for (let i = 0; i < s.natoms; i++) {
      cx += s.positions[3 * i];
      cy += s.positions[3 * i + 1];
      cz += s.positions[3 * i + 2];
    }
    cx /= s.natoms || 1; cy /= s.natoms || 1; cz /= s.natoms || 1;
    const d = labels.map((l, i) => `${l}:${round(Math.hypot(s.positions[3 * i] - cx, s.positions[3 * i + 1] - cy, s.positions[3 * i + 2] - cz), tol * 10)}`);
    parts.push(d.sort().join(','));
  }
  return createHash('sha1').update(parts.join('|')).digest('hex');
}

/** True when b equals a up to a rigid translation and a permutation, within `tol` Å per atom. */
export function sameStructure(a: ParsedStructure, b: ParsedStructure, tol = 1e-3): boolean {
  if (a.natoms !== b.natoms) return false;
  const la = speciesLabels(a), lb = speciesLabels(b);
  if ([...la].sort().join() !== [...lb].sort().join()) return false;
  for (let k = 0; k < 3; k++) {
    const ra = a.cell[k], rb = b.cell[k];
    if ((ra === null) !== (rb === null)) return false;
    if (ra && rb && Math.hypot(ra[0] - rb[0], ra[1] - rb[1], ra[2] - rb[2]) > tol) return false;
  }
  if (a.natoms === 0) return true;
  const m = fullCell(a.cell);
  const inv = m ? invert3(m) : null;
  // displacement a_i + t − b_j, wrapped to the nearest image when periodic
  const dist = (dx: number, dy: number, dz: number) => {
    if (!m || !inv) return Math.hypot(dx, dy, dz);
    const f = [0, 1, 2].map((d) => dx * inv[0][d] + dy * inv[1][d] + dz * inv[2][d]).map((x) => x - Math.round(x));
    return Math.hypot(
      f[0] * m[0][0] + f[1] * m[1][0] + f[2] * m[2][0],
      f[0] * m[0][1] + f[1] * m[1][1] + f[2] * m[2][1],
      f[0] * m[0][2] + f[1] * m[1][2] + f[2] * m[2][2],
    );
  };
  const pa = a.positions, pb = b.positions;
  const i0 = 0;
  for (let j0 = 0; j0 < b.natoms; j0++) {
    if (lb[j0] !== la[i0]) continue;
    const t = [pb[3 * j0] - pa[0], pb[3 * j0 + 1] - pa[1], pb[3 * j0 + 2] - pa[2]];
    const used = new Uint8Array(b.natoms);
    let ok = true;
    for (let i = 0; i < a.natoms && ok; i++) {
      ok = false;
      for (let j = 0; j < b.natoms; j++) {
        if (used[j] || lb[j] !== la[i]) continue;
        if (dist(pa[3 * i] + t[0] - pb[3 * j], pa[3 * i + 1] + t[1] - pb[3 * j + 1], pa[3 * i + 2] + t[2] - pb[3 * j + 2]) <= tol) {
          used[j] = 1;
          ok = true;
          break;
        }
      }
    }
    if (ok) return true;
  }
  return false;
}

/** Groups of duplicate indices (each group sorted, only groups with ≥ 2 members). */
export function findDuplicates(structures: readonly ParsedStructure[], tol = 1e-3): number[][] {
  const buckets = new Map<string, number[]>();
  structures.forEach((s, i) => {
    const k = structureKey(s, tol);
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  });
  const groups: number[][] = [];
  for (const list of buckets.values()) {
    const left = [...list];
    while (left.length > 1) {
      const first = left.shift()!;
      const group = [first];
      for (let k = left.length - 1; k >= 0; k--)
        if (sameStructure(structures[first], structures[left[k]], tol)) group.push(...left.splice(k, 1));
      if (group.length > 1) groups.push(group.sort((x, y) => x - y));
    }
  }
  return groups;
}
