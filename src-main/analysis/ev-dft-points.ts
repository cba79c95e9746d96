/**
 * The project's reference (DFT) points for an E–V curve: configurations with an energy whose
 * composition is the structure's, whose cell has the same shape up to an isotropic scale (cells
 * normalised to unit volume agree, also for n×n×n supercells) and whose atoms feel no force
 * (every |F| component below `forceTolerance`, as on a perfect lattice; configurations without
 * forces are taken on the shape test alone). Energies eV/atom, volumes Å³/atom.
 */
import type { Db } from '../db/connection.js'
import { blobToFloat64, blobToInt32 } from '../db/blobs.js'
import { speciesList } from '../db/repositories/species.js'
import type { Cell, ParsedStructure } from '../io/types.js'
import { cellVolume } from '../io/units.js'

export interface DftEvPoint {
  id: number
  volume: number
  energy: number
  label: string | null
}

/** Cell rows scaled to unit volume (null for a cell not periodic in 3-D). */
function normalisedCell(c: ArrayLike<number>): number[] | null {
  const cell = [0, 1, 2].map((k) => [c[3 * k], c[3 * k + 1], c[3 * k + 2]]) as Cell
  const v = Math.abs(cellVolume(cell))
  if (!(v > 0)) return null
  const s = v ** (-1 / 3)
  return Array.from(c, (x) => x * s)
}

function composition(types: ArrayLike<number>, nspecies: number): number[] {
  const counts = new Array<number>(nspecies).fill(0)
  for (let i = 0; i < types.length; i++) counts[types[i]]++
  return counts.map((n) => n / types.length)
}

interface Row {
  id: number
  natoms: number
  cell: Buffer
  types: Buffer
  energy: number
  forces: Buffer | null
  label: string | null
}

export function dftEvPoints(db: Db, structure: ParsedStructure, opts: { shapeTolerance?: number; forceTolerance?: number; limit?: number } = {}): DftEvPoint[] {
  const species = speciesList(db)
  if (!structure.species || structure.species.some((el) => !species.includes(el))) return []
  const shapeTol = opts.shapeTolerance ?? 2e-3
  const forceTol = opts.forceTolerance ?? 0.02
  const baseFlat = structure.cell.flatMap((r) => (r ? [...r] : [0, 0, 0]))
  const base = normalisedCell(baseFlat)
  if (!base) return []
  const want = composition(
    structure.species.map((el) => species.indexOf(el)),
    species.length,
  )
  const mask = want.reduce((m, x, t) => (x > 0 ? m | (1 << t) : m), 0)
  const rows = db
    .prepare(
      `SELECT id, natoms, cell, types, energy, forces, label FROM configurations
       WHERE element_mask = ? AND energy IS NOT NULL AND quarantine_reason IS NULL AND natoms % ? = 0
       ORDER BY id LIMIT ?`,
    )
    .all(mask, formulaUnitAtoms(want, structure.natoms), opts.limit ?? 100_000) as Row[]
  const out: DftEvPoint[] = []
  for (const r of rows) {
    const shape = normalisedCell(blobToFloat64(r.cell))
    if (!shape || shape.some((x, k) => Math.abs(x - base[k]) > shapeTol)) continue
    const comp = composition(blobToInt32(r.types), species.length)
    if (comp.some((x, t) => Math.abs(x - want[t]) > 1e-9)) continue
    if (r.forces && blobToFloat64(r.forces).some((f) => Math.abs(f) > forceTol)) continue
    const volume = Math.abs(cellVolume([0, 1, 2].map((k) => Array.from(blobToFloat64(r.cell).subarray(3 * k, 3 * k + 3))) as Cell))
    out.push({ id: r.id, volume: volume / r.natoms, energy: r.energy / r.natoms, label: r.label })
  }
  return out.sort((a, b) => a.volume - b.volume)
}

/** Atoms in the smallest formula unit (every configuration of this composition has a multiple of it). */
function formulaUnitAtoms(fractions: readonly number[], natoms: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))
  const g = fractions.map((x) => Math.round(x * natoms)).reduce(gcd, 0)
  return g > 0 ? natoms / g : 1
}
