/**
 * Unit constants and the stress conversions, all in one place (SCIENCE.md "Units and signs").
 * CODATA 2018 values; they agree with SCIENCE.md to every digit it prints.
 */
import type { Cell } from './types.js';

/** 1 eV/Å³ in GPa: e·1e30/1e9, exact since the 2019 SI (SCIENCE.md: 160.21766). */
export const EV_PER_A3_IN_GPA = 160.2176634;
export const KBAR_IN_GPA = 0.1;
/** 1 Ry in eV (SCIENCE.md: 13.605693). */
export const RY_IN_EV = 13.605693122994;
/** 1 bohr in Å. */
export const BOHR_IN_A = 0.529177210903;
/** 1 Ry/bohr in eV/Å (SCIENCE.md: 25.71104). */
export const RY_PER_BOHR_IN_EV_PER_A = RY_IN_EV / BOHR_IN_A;

/** |det| of the lattice (Å³); 0 when any direction is non-periodic. */
export function cellVolume(cell: Cell): number {
  const [a, b, c] = cell;
  if (!a || !b || !c) return 0;
  return Math.abs(
    a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]),
  );
}

/**
 * Virial (eV, −V·σ, order xx yy zz yz xz xy) → pressure-like stress in GPa (compressive
 * positive), like MLIP's "Stresses (in GPa)" and VASP's "in kB"/10.
 */
export function virialToGPa(virial: ArrayLike<number>, volume: number): Float64Array {
  const out = new Float64Array(6);
  for (let k = 0; k < 6; k++) out[k] = (virial[k] / volume) * EV_PER_A3_IN_GPA;
  return out;
}

/** Pressure-like stress in kBar (VASP/QE sign), Voigt order xx yy zz yz xz xy → virial (eV). */
export function kbarToVirial(kbar: ArrayLike<number>, volume: number): Float64Array {
  const out = new Float64Array(6);
  for (let k = 0; k < 6; k++) out[k] = ((kbar[k] * KBAR_IN_GPA) / EV_PER_A3_IN_GPA) * volume;
  return out;
}

/** Virial (eV) → pressure-like kBar, order xx yy zz yz xz xy. */
export function virialToKbar(virial: ArrayLike<number>, volume: number): Float64Array {
  const out = new Float64Array(6);
  for (let k = 0; k < 6; k++) out[k] = ((virial[k] / volume) * EV_PER_A3_IN_GPA) / KBAR_IN_GPA;
  return out;
}

/**
 * Full 3×3 tensor (row-major) → Voigt xx yy zz yz xz xy, symmetrising the off-diagonal pairs
 * (MLIP symmetrises too).
 */
export function tensorToVoigt(t: ArrayLike<number>, scale = 1): Float64Array {
  return Float64Array.of(
    t[0] * scale,
    t[4] * scale,
    t[8] * scale,
    ((t[5] + t[7]) / 2) * scale,
    ((t[2] + t[6]) / 2) * scale,
    ((t[1] + t[3]) / 2) * scale,
  );
}

/** Voigt xx yy zz yz xz xy → full symmetric 3×3 row-major. */
export function voigtToTensor(v: ArrayLike<number>, scale = 1): Float64Array {
  const [xx, yy, zz, yz, xz, xy] = [v[0], v[1], v[2], v[3], v[4], v[5]].map((x) => x * scale);
  return Float64Array.of(xx, xy, xz, xy, yy, yz, xz, yz, zz);
}

/** A structure's stress in GPa, pressure-like (compressive positive), or null without one. */
export function stressGPa(s: { virial: ArrayLike<number> | null; cell: Cell }): Float64Array | null {
  const vol = cellVolume(s.cell);
  return s.virial && vol > 0 ? virialToGPa(s.virial, vol) : null;
}
