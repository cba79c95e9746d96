/**
 * Conventional cubic cells of the common lattices (the starting structure of an E–V curve or an
 * elastic-constant calculation when none is taken from the project). Lattice constant a in Å;
 * basis in fractional coordinates of the cube.
 */
import { emptyStructure, type ParsedStructure } from '../io/types.js'

export const CUBIC_LATTICES = ['sc', 'bcc', 'fcc', 'diamond'] as const
export type CubicLattice = (typeof CUBIC_LATTICES)[number]

const BASIS: Record<CubicLattice, [number, number, number][]> = {
  sc: [[0, 0, 0]],
  bcc: [
    [0, 0, 0],
    [0.5, 0.5, 0.5],
  ],
  fcc: [
    [0, 0, 0],
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
  ],
  diamond: [
    [0, 0, 0],
    [0, 0.5, 0.5],
    [0.5, 0, 0.5],
    [0.5, 0.5, 0],
    [0.25, 0.25, 0.25],
    [0.25, 0.75, 0.75],
    [0.75, 0.25, 0.75],
    [0.75, 0.75, 0.25],
  ],
}

/** Atoms in the conventional cubic cell (sc 1, bcc 2, fcc 4, diamond 8). */
export const atomsPerCubicCell = (lattice: CubicLattice): number => BASIS[lattice].length

/** The conventional cubic cell of one element, replicated `repeat` times along each axis. */
export function cubicCell(lattice: CubicLattice, element: string, a: number, repeat = 1): ParsedStructure {
  if (!(a > 0)) throw new Error(`lattice constant must be positive, got ${a}`)
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 8) throw new Error(`repeat must be an integer 1–8, got ${repeat}`)
  const basis = BASIS[lattice]
  const natoms = basis.length * repeat ** 3
  const s = emptyStructure(natoms, { file: `${lattice} ${element} a=${a}`, frame: 0, parser: 'cfg', code: null, settings: {}, label: `${lattice} ${element}` })
  const side = a * repeat
  s.cell = [
    [side, 0, 0],
    [0, side, 0],
    [0, 0, side],
  ]
  let k = 0
  for (let i = 0; i < repeat; i++)
    for (let j = 0; j < repeat; j++)
      for (let l = 0; l < repeat; l++)
        for (const [x, y, z] of basis) {
          s.positions[3 * k] = (i + x) * a
          s.positions[3 * k + 1] = (j + y) * a
          s.positions[3 * k + 2] = (l + z) * a
          k++
        }
  s.species = new Array<string>(natoms).fill(element)
  return s
}
