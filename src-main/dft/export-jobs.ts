/**
 * Exporting configurations as DFT job folders: <out>/<batch>/job-<id>/ with the code's inputs and
 * a job.json naming the job (so results can be matched back from any copy of the folder), plus
 * jobs.txt (one folder per line = one array task), submit.slurm and submit.pbs.
 *   VASP: POSCAR, INCAR (template), KPOINTS (from a k-spacing), POTCAR.spec (POTCAR names, one per
 *         species in POSCAR order; POTCARs cannot be shipped, the site script assembles them).
 *   QE:   pw.in (forces and stress on, pseudopotential map, k-points from the k-spacing).
 *   EAM:  in.cfg for `mtp-engine reference eam --elements …` (the built-in reference model).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Db } from '../db/connection.js'
import { createDftJobs, transitionDftJob, type DftCode } from '../db/repositories/dft-jobs.js'
import { readStructure } from '../db/repositories/configuration-store.js'
import { speciesList } from '../db/repositories/species.js'
import { formatCfg } from '../io/cfg-writer.js'
import { kpointGrid } from '../io/kpoints.js'
import { formatPoscar } from '../io/poscar.js'
import { formatQeInput, type NamelistValue } from '../io/qe-input.js'
import type { ParsedStructure } from '../io/types.js'
import { renderTemplate, schedulerScripts, templateFor } from './templates.js'

export interface QeJobSettings {
  /** Element → pseudopotential file in pseudoDir. */
  pseudopotentials: Record<string, string>
  pseudoDir: string
  /** Ry. */
  ecutwfc: number
  ecutrho?: number
  /** Å⁻¹, 2π included (VASP KSPACING convention). */
  kspacing: number
  convThr?: number
  system?: Record<string, NamelistValue>
  electrons?: Record<string, NamelistValue>
}

export interface VaspJobSettings {
  /** eV. */
  encut: number
  kspacing: number
  /** Element → POTCAR name (default: the element symbol). */
  potcar?: Record<string, string>
  /** INCAR template text (default: the project's or the built-in one). */
  incar?: string
}

export interface SchedulerSettings {
  ntasks?: number
  walltime?: string
  /** Slurm array throttle (%N). */
  maxParallel?: number
  /** The line that runs the code inside a job folder. */
  run?: string
}

export interface DftExportOptions {
  code: DftCode
  configurationIds: readonly number[]
  /** Parent folder; the batch folder is created inside it. */
  out: string
  batch?: string
  qe?: QeJobSettings
  vasp?: VaspJobSettings
  scheduler?: SchedulerSettings
}

export interface DftExportResult {
  batch: string
  folder: string
  jobIds: number[]
}

/** Elements of a structure in project species order (also the POTCAR / --elements order). */
function elementsInOrder(s: ParsedStructure, species: readonly string[]): string[] {
  const present = new Set(s.species)
  return species.filter((el) => present.has(el))
}

function writeJobFiles(dir: string, code: DftCode, id: number, s: ParsedStructure, species: readonly string[], o: DftExportOptions, incar: string): void {
  if (code === 'qe') {
    const qe = o.qe!
    writeFileSync(join(dir, 'pw.in'), formatQeInput(s, { ...qe, prefix: `job${id}`, outdir: './tmp' }))
  } else if (code === 'vasp') {
    const v = o.vasp!
    const { text } = formatPoscar(s, { comment: `job ${id}: ${s.provenance.label ?? ''}`.trim() })
    writeFileSync(join(dir, 'POSCAR'), text)
    // POSCAR groups atoms by element in order of first appearance; POTCAR must follow that order.
    const kinds = [...new Set(s.species)]
    writeFileSync(join(dir, 'POTCAR.spec'), kinds.map((el) => v.potcar?.[el] ?? el).join('\n') + '\n')
    writeFileSync(join(dir, 'INCAR'), renderTemplate(incar, { label: `job ${id}`, encut: v.encut }, 'INCAR template'))
    const k = kpointGrid(s.cell, v.kspacing)
    writeFileSync(join(dir, 'KPOINTS'), `k-spacing ${v.kspacing} 1/Angstrom (2pi included)\n0\nGamma\n${k.join(' ')}\n0 0 0\n`)
  } else {
    const elements = elementsInOrder(s, species)
    const remapped: ParsedStructure = { ...s, types: Int32Array.from(s.species!, (el) => elements.indexOf(el)), energy: null, forces: null, virial: null, siteEnergies: null }
    writeFileSync(join(dir, 'in.cfg'), formatCfg(remapped, { lossless: true }))
    writeFileSync(join(dir, 'elements.txt'), elements.join(',') + '\n')
  }
}

export function exportDftJobs(db: Db, o: DftExportOptions): DftExportResult {
  if (o.code === 'qe' && !o.qe) throw new Error('QE jobs need pseudopotentials, ecutwfc and a k-point spacing')
  if (o.code === 'vasp' && !o.vasp) throw new Error('VASP jobs need ENCUT and a k-point spacing')
  if (o.configurationIds.length === 0) throw new Error('no configurations chosen')
  const batch = o.batch ?? `${o.code}-${new Date().toISOString().replace(/[:.]/g, '-')}`
  if (!/^[A-Za-z0-9._-]+$/.test(batch)) throw new Error(`batch name ${JSON.stringify(batch)}: use letters, digits, '.', '_' and '-'`)
  const folder = resolve(o.out, batch)
  const species = speciesList(db)
  const structures = o.configurationIds.map((id) => {
    const s = readStructure(db, id, species)
    if (!s) throw new Error(`no configuration ${id}`)
    return s
  })
  const settings = { qe: o.qe ?? null, vasp: o.vasp ? { ...o.vasp, incar: undefined } : null }
  const jobIds = createDftJobs(db, batch, o.code, o.configurationIds, settings)
  mkdirSync(folder, { recursive: true })
  const incar = o.vasp?.incar ?? templateFor(db, 'incar')
  const names: string[] = []
  jobIds.forEach((id, k) => {
    const name = `job-${String(id).padStart(6, '0')}`
    const dir = join(folder, name)
    mkdirSync(dir, { recursive: true })
    writeJobFiles(dir, o.code, id, structures[k], species, o, incar)
    writeFileSync(join(dir, 'job.json'), JSON.stringify({ job: id, batch, code: o.code, configuration: o.configurationIds[k], natoms: structures[k].natoms }, null, 2) + '\n')
    names.push(name)
  })
  writeFileSync(join(folder, 'jobs.txt'), names.join('\n') + '\n')
  const scripts = schedulerScripts(db, o.code, batch, names.length, o.scheduler)
  writeFileSync(join(folder, 'submit.slurm'), scripts.slurm, { mode: 0o755 })
  writeFileSync(join(folder, 'submit.pbs'), scripts.pbs, { mode: 0o755 })
  db.transaction(() => jobIds.forEach((id, k) => transitionDftJob(db, id, 'exported', { folder: join(folder, names[k]) })))()
  return { batch, folder, jobIds }
}
