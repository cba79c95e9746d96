/**
 * Which loss weighting a training-set version suggests (issue 8): configurations without a cell
 * are molecules or clusters → "molecules"; MD snapshots (named so, or the same cell and size many
 * times) → "vibrations"; periodic cells of very different sizes → "structures". Otherwise the
 * default, "vibrations".
 */
import type { WeightingSuggestionView } from '../contract/training.js'
import { blobToFloat64 } from '../db/blobs.js'
import type { Db } from '../db/connection.js'
import { GROUP_SQL, setElements } from './work-files.js'

/** Group, label or file names that say "molecular dynamics". */
const MD_NAME = /(^|[^a-z])(ai)?md([^a-z]|$)|nvt|npt|nve|trajector|xdatcar|dynamics/i
/** The same (natoms, cell) this many times counts as MD snapshots. */
const MD_REPEATS = 5

interface Row {
  natoms: number
  cell: Buffer
  group_name: string
  label: string | null
  source_file: string | null
  has_forces: number
  has_virial: number
}

export interface SetShape {
  natoms: number
  /** Lattice rows flattened (9 numbers, Å); a zero row = non-periodic direction. */
  cell: ArrayLike<number>
  names: readonly (string | null)[]
}

/** Pure rule on the shapes of the configurations (tested without a database). */
export function suggestFromShapes(shapes: readonly SetShape[]): Pick<WeightingSuggestionView, 'weighting' | 'reason'> & { nonPeriodic: number; mdLike: number; distinctSizes: number; minAtoms: number; maxAtoms: number } {
  const n = shapes.length
  let nonPeriodic = 0
  const keys = new Map<string, number>()
  const sizes = new Set<number>()
  for (const s of shapes) {
    const periodic = [0, 1, 2].some((r) => s.cell[3 * r] !== 0 || s.cell[3 * r + 1] !== 0 || s.cell[3 * r + 2] !== 0)
    if (!periodic) nonPeriodic++
    sizes.add(s.natoms)
    const key = `${s.natoms}|${Array.from(s.cell, (x) => x.toFixed(3)).join(',')}`
    keys.set(key, (keys.get(key) ?? 0) + 1)
  }
  // Names are the better evidence; repeated cells count only when no configuration is named as MD.
  const named = shapes.filter((s) => s.names.some((x) => x !== null && MD_NAME.test(x))).length
  const repeated = shapes.filter((s) => (keys.get(`${s.natoms}|${Array.from(s.cell, (x) => x.toFixed(3)).join(',')}`) ?? 0) >= MD_REPEATS).length
  const mdLike = named > 0 ? named : repeated
  const minAtoms = n ? shapes.reduce((m, s) => Math.min(m, s.natoms), Infinity) : 0
  const maxAtoms = shapes.reduce((m, s) => Math.max(m, s.natoms), 0)
  const base = { nonPeriodic, mdLike, distinctSizes: sizes.size, minAtoms, maxAtoms }
  if (n > 0 && nonPeriodic >= n / 2)
    return { ...base, weighting: 'molecules', reason: `${nonPeriodic} of ${n} configurations have no periodic cell (molecules or clusters): every configuration’s energy counts the same, whatever its size.` }
  if (n > 0 && mdLike >= n / 2)
    return { ...base, weighting: 'vibrations', reason: `${mdLike} of ${n} configurations look like molecular-dynamics snapshots: the energy per atom and the forces of each snapshot are what matter.` }
  if (sizes.size > 1 && maxAtoms >= 2 * minAtoms)
    return { ...base, weighting: 'structures', reason: `Cell sizes range from ${minAtoms} to ${maxAtoms} atoms: weighting per structure keeps the large cells from dominating the fit.` }
  return { ...base, weighting: 'vibrations', reason: 'Periodic cells of similar size and no sign of molecular dynamics: the default weighting (energy per atom and forces) fits.' }
}

export function suggestWeighting(db: Db, setId: number): WeightingSuggestionView {
  const rows = db
    .prepare(
      `SELECT c.natoms, c.cell, ${GROUP_SQL} AS group_name, c.label, c.source_file, c.forces IS NOT NULL AS has_forces, c.virial IS NOT NULL AS has_virial
       FROM training_set_members m JOIN configurations c ON c.id = m.configuration_id WHERE m.set_id = ?`,
    )
    .all(setId) as Row[]
  const shapes = rows.map((r) => ({ natoms: r.natoms, cell: blobToFloat64(r.cell), names: [r.group_name === 'ungrouped' ? null : r.group_name, r.label, r.source_file] }))
  const s = suggestFromShapes(shapes)
  return {
    weighting: s.weighting,
    reason: s.reason,
    stats: {
      configurations: rows.length,
      nonPeriodic: s.nonPeriodic,
      mdLike: s.mdLike,
      minAtoms: s.minAtoms,
      maxAtoms: s.maxAtoms,
      distinctSizes: s.distinctSizes,
      elements: setElements(db, setId),
      withForces: rows.filter((r) => r.has_forces).length,
      withStress: rows.filter((r) => r.has_virial).length,
    },
  }
}
