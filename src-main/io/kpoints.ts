/**
 * Monkhorst–Pack grid from a k-point spacing, VASP KSPACING convention:
 * N_i = max(1, ceil(|b_i| / kspacing)) with b_i the reciprocal vectors including 2π (Å⁻¹).
 */
import { fullCell, invert3 } from './cell.js';
import type { Cell } from './types.js';

export function kpointGrid(cell: Cell, kspacing: number): [number, number, number] {
  if (!(kspacing > 0)) throw new Error(`k-point spacing must be positive, got ${kspacing}`);
  const m = fullCell(cell);
  if (!m) throw new Error('a k-point grid needs a 3-D periodic cell');
  const inv = invert3(m); // columns of inv = b_i / 2π
  const grid: number[] = [];
  for (let i = 0; i < 3; i++) {
    const len = 2 * Math.PI * Math.hypot(inv[0][i], inv[1][i], inv[2][i]);
    // tiny tolerance so that an exact multiple does not round up from float noise
    grid.push(Math.max(1, Math.ceil(len / kspacing - 1e-9)));
  }
  return grid as [number, number, number];
}
