import { speciesStyles, type SpeciesStyle } from './elements'

export type Vec3 = readonly [number, number, number]

/** An atomic configuration as the viewer needs it: Cartesian Å, lattice vectors as rows. */
export interface StructureData {
  /** Lattice vectors a, b, c (Å), or null for a molecule / cluster without periodicity. */
  cell: readonly [Vec3, Vec3, Vec3] | null
  positions: readonly Vec3[]
  /** Per atom, an index into `speciesLabels`. */
  species: readonly number[]
  /** Element symbols (or type names) by species index. */
  speciesLabels: readonly string[]
}

export interface SceneAtom {
  position: Vec3
  color: string
  /** Sphere radius on screen, Å. */
  radius: number
  /** Tooltip, e.g. "Ag 12" or "Pd 3 (image 1 0 0)". */
  label: string
  /** True for periodic images (drawn translucent), false for the atoms of the configuration. */
  image: boolean
}

export interface SceneModel {
  atoms: SceneAtom[]
  /** The 12 edges of the unit cell, empty without a cell. */
  cellEdges: [Vec3, Vec3][]
  species: SpeciesStyle[]
}

export interface SceneOptions {
  /** Copies of the cell along a, b, c (1 = the configuration alone); ignored without a cell. */
  repeats: readonly [number, number, number]
  /** Sphere radius as a fraction of the covalent radius; 0.55 leaves visible gaps in close-packed metals. */
  radiusScale: number
}

export const defaultSceneOptions: SceneOptions = { repeats: [1, 1, 1], radiusScale: 0.55 }

function add(p: Vec3, q: Vec3): Vec3 {
  return [p[0] + q[0], p[1] + q[1], p[2] + q[2]]
}

function combine(cell: readonly [Vec3, Vec3, Vec3], i: number, j: number, k: number): Vec3 {
  const [a, b, c] = cell
  return [i * a[0] + j * b[0] + k * c[0], i * a[1] + j * b[1] + k * c[1], i * a[2] + j * b[2] + k * c[2]]
}

/** The 12 edges of the parallelepiped spanned by a, b, c from the origin. */
export function cellEdges(cell: readonly [Vec3, Vec3, Vec3]): [Vec3, Vec3][] {
  const corner = (i: number, j: number, k: number) => combine(cell, i, j, k)
  const edges: [Vec3, Vec3][] = []
  for (const [j, k] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) edges.push([corner(0, j, k), corner(1, j, k)])
  for (const [i, k] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) edges.push([corner(i, 0, k), corner(i, 1, k)])
  for (const [i, j] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) edges.push([corner(i, j, 0), corner(i, j, 1)])
  return edges
}

/** Atoms, periodic images and cell edges to draw, with colours and radii from the species. */
export function buildSceneModel(structure: StructureData, options: SceneOptions = defaultSceneOptions): SceneModel {
  const { cell, positions, species, speciesLabels } = structure
  if (positions.length !== species.length) {
    throw new Error(`structure has ${positions.length} positions but ${species.length} species entries`)
  }
  const styles = speciesStyles(speciesLabels)
  const styleOf = (index: number): SpeciesStyle => {
    const style = styles[index]
    if (!style) throw new Error(`species index ${index} has no label (${speciesLabels.length} species known)`)
    return style
  }

  const atoms: SceneAtom[] = positions.map((position, n) => {
    const style = styleOf(species[n])
    return { position, color: style.color, radius: style.radius * options.radiusScale, label: `${style.label} ${n + 1}`, image: false }
  })

  if (cell) {
    const [na, nb, nc] = options.repeats.map((r) => Math.max(1, Math.floor(r)))
    for (let i = 0; i < na; i++)
      for (let j = 0; j < nb; j++)
        for (let k = 0; k < nc; k++) {
          if (i === 0 && j === 0 && k === 0) continue
          const shift = combine(cell, i, j, k)
          positions.forEach((position, n) => {
            const style = styleOf(species[n])
            atoms.push({
              position: add(position, shift),
              color: style.color,
              radius: style.radius * options.radiusScale,
              label: `${style.label} ${n + 1} (image ${i} ${j} ${k})`,
              image: true,
            })
          })
        }
  }

  return { atoms, cellEdges: cell ? cellEdges(cell) : [], species: styles }
}
