// Small hand-made Ag–Pd and Si candidate sets for campaign tests, and a project seeded with them.
import { join } from 'node:path'
import { ConfigurationWriter } from '../../../src-main/db/repositories/configuration-store'
import { tagConfigurations } from '../../../src-main/db/repositories/tags'
import { emptyStructure, type ParsedStructure } from '../../../src-main/io/types'
import { Project } from '../../../src-main/projects/project'

type M3 = [number, number, number][]

export function structure(cell: M3, frac: number[][], species: string[], label: string): ParsedStructure {
  const s = emptyStructure(frac.length, { file: label, frame: 0, parser: 'poscar', code: null, settings: {}, label })
  s.cell = [cell[0], cell[1], cell[2]]
  s.species = species
  frac.forEach((f, i) => {
    for (let d = 0; d < 3; d++) s.positions[3 * i + d] = f[0] * cell[0][d] + f[1] * cell[1][d] + f[2] * cell[2][d]
  })
  return s
}

/** fcc lattice constant of Ag(1−x)Pd(x) by Vegard's law, Å (Ag 4.09, Pd 3.89). */
const aFcc = (x: number) => 4.09 * (1 - x) + 3.89 * x

/**
 * 14 Ag–Pd cells: fcc primitive (Ag, Pd), the conventional fcc cell with 0–4 Pd, B2-type bcc
 * cells, hcp cells with 0–2 Pd, and one L1₀ cell with a displaced atom. Same volume per atom as
 * fcc for bcc and hcp (a_bcc = a_fcc/2^⅓, a_hcp = a_fcc/√2, c/a = 1.633).
 */
export function agpdCandidates(): ParsedStructure[] {
  const out: ParsedStructure[] = []
  for (const el of ['Ag', 'Pd']) {
    const a = aFcc(el === 'Pd' ? 1 : 0)
    out.push(structure([[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]], [[0, 0, 0]], [el], `fcc ${el}`))
  }
  const fcc4 = [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]]
  for (let k = 0; k <= 4; k++) {
    const a = aFcc(k / 4)
    out.push(structure([[a, 0, 0], [0, a, 0], [0, 0, a]], fcc4, fcc4.map((_p, i) => (i < k ? 'Pd' : 'Ag')), `fcc4 Pd${k}`))
  }
  for (const sp of [['Ag', 'Ag'], ['Ag', 'Pd'], ['Pd', 'Pd']]) {
    const a = aFcc(sp.filter((e) => e === 'Pd').length / 2) / 2 ** (1 / 3)
    out.push(structure([[a, 0, 0], [0, a, 0], [0, 0, a]], [[0, 0, 0], [0.5, 0.5, 0.5]], sp, `bcc ${sp.join('')}`))
  }
  for (const sp of [['Ag', 'Ag'], ['Ag', 'Pd'], ['Pd', 'Pd']]) {
    const a = aFcc(sp.filter((e) => e === 'Pd').length / 2) / Math.SQRT2
    const c = 1.633 * a
    out.push(structure([[a, 0, 0], [-a / 2, (a * Math.sqrt(3)) / 2, 0], [0, 0, c]], [[1 / 3, 2 / 3, 0.25], [2 / 3, 1 / 3, 0.75]], sp, `hcp ${sp.join('')}`))
  }
  const a = aFcc(0.5)
  out.push(structure([[a, 0, 0], [0, a, 0], [0, 0, a]], [[0.03, 0, 0], ...fcc4.slice(1)], ['Pd', 'Pd', 'Ag', 'Ag'], 'fcc4 L10 displaced'))
  return out
}

/** Diamond-Si cells of 2 atoms: the primitive cell at three volumes, one sheared, one with a displaced atom. */
export function siliconCandidates(): ParsedStructure[] {
  const cell = (a: number, shear = 0): M3 => [[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2 + shear, a / 2, 0]]
  const ideal = [[0, 0, 0], [0.25, 0.25, 0.25]]
  return [
    structure(cell(5.43), ideal, ['Si', 'Si'], 'Si2 a=5.43'),
    structure(cell(5.30), ideal, ['Si', 'Si'], 'Si2 a=5.30'),
    structure(cell(5.56), ideal, ['Si', 'Si'], 'Si2 a=5.56'),
    structure(cell(5.43, 0.15), ideal, ['Si', 'Si'], 'Si2 sheared'),
    structure(cell(5.43), [[0, 0, 0], [0.27, 0.24, 0.25]], ['Si', 'Si'], 'Si2 displaced'),
  ]
}

/** A new project holding `structures`, tagged `tag`; returns it open. */
export function seededProject(dir: string, name: string, structures: readonly ParsedStructure[], tag: string): Project {
  const project = Project.create(join(dir, `${name}.mtpstudio`), name)
  const writer = new ConfigurationWriter(project.db)
  const ids = project.db.transaction(() => structures.map((s) => writer.add(s)))()
  tagConfigurations(project.db, tag, ids)
  return project
}
