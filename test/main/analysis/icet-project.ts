// A project of the icet Ag–Pd DFT set (../shared/data/icet_AgPd, MANIFEST.md): the per-atom mixing
// energies stored as cell energies N·E_mix (so the pure cells are 0 and E_f = E_mix), written to a
// temporary .cfg and imported; optionally some frames kept back without an energy as candidates.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importFile } from '../../../src-main/data/import-file'
import { defaultEnginePath } from '../../../src-main/engine/locate'
import { formatCfgFile } from '../../../src-main/io/cfg-writer'
import { readStructures } from '../../../src-main/io/formats'
import type { ParsedStructure } from '../../../src-main/io/types'
import { Project } from '../../../src-main/projects/project'

export const engine = process.env.MTP_ENGINE_BIN ?? defaultEnginePath()
export const AGPD = fileURLToPath(new URL('../../../../shared/data/icet_AgPd/AgPd_reference_data.extxyz', import.meta.url))

export async function icetFrames(): Promise<ParsedStructure[]> {
  const frames: ParsedStructure[] = []
  for await (const s of readStructures(AGPD, { energyKey: 'mixing_energy' })) frames.push({ ...s, energy: s.energy! * s.natoms })
  return frames
}

export interface IcetProject {
  project: Project
  /** Ids of the imported frames with energies, and of the candidates (tag 'candidates'), in frame order. */
  dftIds: number[]
  candidateIds: number[]
}

/**
 * `keep(frame)` chooses the frames imported with their energy; `candidate(frame)` the ones imported
 * without it (tagged 'candidates'); others are left out.
 */
export async function icetProject(dir: string, keep: (k: number) => boolean, candidate: (k: number) => boolean = () => false): Promise<IcetProject> {
  const frames = await icetFrames()
  const project = Project.create(join(dir, 'agpd.mtpstudio'), 'Ag–Pd icet')
  const write = (name: string, list: ParsedStructure[]) => {
    const path = join(dir, name)
    writeFileSync(path, formatCfgFile(list, { lossless: true, species: ['Ag', 'Pd'] }))
    return path
  }
  const withEnergy = frames.filter((_, k) => keep(k))
  const without = frames.filter((_, k) => !keep(k) && candidate(k)).map((s) => ({ ...s, energy: null }))
  const a = await importFile(project.db, write('dft.cfg', withEnergy), { species: ['Ag', 'Pd'], detectDuplicates: false })
  const b = without.length ? await importFile(project.db, write('candidates.cfg', without), { species: ['Ag', 'Pd'], detectDuplicates: false, tags: ['candidates'] }) : null
  return { project, dftIds: a.ids, candidateIds: b?.ids ?? [] }
}
