/**
 * Options shared by `mtp-studio ev` and `mtp-studio elastic`: where the structure comes from (a
 * cubic lattice, a structure file, or a project configuration), which force fields (.mtp files,
 * project potentials, or the EAM reference), and an engine runner with its own supervisor.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { resolveBase, resolveForceFields, type ResolvedBase } from '../analysis/ev-elastic-service.js'
import { CUBIC_LATTICES, type CubicLattice } from '../analysis/cubic-lattice.js'
import type { ForceField } from '../analysis/efs-batch.js'
import type { ForceFieldChoice } from '../contract/ev-elastic.js'
import { enginePath } from '../engine/locate.js'
import { engineRunner, type RunEngine } from '../engine/run-result.js'
import { EngineSupervisor } from '../engine/supervisor.js'
import { readStructures } from '../io/formats.js'
import { Project } from '../projects/project.js'
import { UsageError, type CliIo } from './command.js'

export const STRAIN_OPTIONS = {
  lattice: { type: 'string' },
  element: { type: 'string' },
  a: { type: 'string' },
  repeat: { type: 'string' },
  structure: { type: 'string' },
  frame: { type: 'string' },
  project: { type: 'string' },
  configuration: { type: 'string' },
  mtp: { type: 'string', multiple: true },
  species: { type: 'string' },
  ensemble: { type: 'string' },
  'potential-id': { type: 'string', multiple: true },
  eam: { type: 'string' },
  threads: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const

export const STRAIN_USAGE = `structure (one of):
  --lattice sc|bcc|fcc|diamond --element El --a Å [--repeat N]   conventional cubic cell (N×N×N)
  --structure FILE [--frame K]          a structure file (.cfg, extxyz, POSCAR, …), frame K (default 0)
  --project P --configuration ID        a configuration of a project
force fields (one of):
  --mtp FILE [--mtp FILE …] [--species A,B]   .mtp files (an ensemble); species default: the structure's element
  --project P --ensemble NAME           the potentials of a project ensemble
  --project P --potential-id ID …       project potentials by id
  --eam A[,B]                           the built-in Zhou 2004 EAM of these elements
  --threads N  engine threads · --json  print the result as one JSON object`

type Values = { [K in keyof typeof STRAIN_OPTIONS]?: (typeof STRAIN_OPTIONS)[K] extends { multiple: true } ? string[] : K extends 'json' ? boolean : string }

export function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const x = Number(text)
  if (!(x > 0)) throw new UsageError(`--${name} must be a positive number`)
  return x
}

export interface StrainSetup {
  base: ResolvedBase
  forceFields: ForceField[]
  species: string[]
  run: RunEngine
  threads?: number
  workDir: string
  close(): Promise<void>
}

async function baseFrom(v: Values, project: Project | null): Promise<ResolvedBase> {
  const given = [v.lattice, v.structure, v.configuration].filter((x) => x !== undefined).length
  if (given !== 1) throw new UsageError('give exactly one of --lattice, --structure or --configuration')
  if (v.lattice) {
    if (!CUBIC_LATTICES.includes(v.lattice as CubicLattice)) throw new UsageError(`--lattice must be one of ${CUBIC_LATTICES.join(', ')}`)
    if (!v.element) throw new UsageError('--lattice needs --element')
    const repeat = positive('repeat', v.repeat, 1)
    return resolveBase(null, { kind: 'lattice', lattice: v.lattice as CubicLattice, element: v.element, a: positive('a', v.a, NaN), repeat })
  }
  if (v.structure) {
    const frame = v.frame === undefined ? 0 : Number(v.frame)
    let k = 0
    for await (const s of readStructures(resolve(v.structure))) {
      if (k++ === frame) return { structure: s, label: `${basename(v.structure)} frame ${frame}`, atomsPerCubicCell: null }
    }
    throw new UsageError(`${v.structure} has no frame ${frame}`)
  }
  if (!project) throw new UsageError('--configuration needs --project')
  return resolveBase(project.db, { kind: 'configuration', id: Number(v.configuration) })
}

function choiceFrom(v: Values): ForceFieldChoice | null {
  const given = [v.mtp?.length ? 1 : undefined, v.ensemble, v['potential-id']?.length ? 1 : undefined, v.eam].filter((x) => x !== undefined).length
  if (given !== 1) throw new UsageError('give exactly one of --mtp, --ensemble, --potential-id or --eam')
  if (v.eam) return { kind: 'eam', elements: v.eam.split(',').map((s) => s.trim()) }
  if (v.ensemble) return { kind: 'ensemble', name: v.ensemble }
  if (v['potential-id']?.length) return { kind: 'potentials', ids: v['potential-id'].map(Number) }
  return null
}

export async function strainSetup(v: Values, io: CliIo): Promise<StrainSetup> {
  const project = v.project ? Project.open(resolve(v.project)) : null
  const workDir = mkdtempSync(join(tmpdir(), 'mtp-studio-cli-'))
  const supervisor = new EngineSupervisor({ enginePath: () => enginePath(io.env), logDir: join(workDir, 'logs') })
  const close = async () => {
    await supervisor.shutdown()
    project?.close()
    rmSync(workDir, { recursive: true, force: true })
  }
  try {
    const base = await baseFrom(v, project)
    const choice = choiceFrom(v)
    let forceFields: ForceField[]
    let species: string[]
    if (choice) ({ forceFields, species } = resolveForceFields(project?.db ?? null, choice, workDir))
    else {
      forceFields = v.mtp!.map((p) => ({ kind: 'mtp' as const, label: basename(p), path: resolve(p) }))
      species = v.species ? v.species.split(',').map((s) => s.trim()) : [...new Set(base.structure.species ?? [])]
      if (species.length !== 1 && !v.species) throw new UsageError('the structure has several elements: give --species in the potentials’ order')
    }
    const threads = v.threads === undefined ? undefined : positive('threads', v.threads, 1)
    return { base, forceFields, species, run: engineRunner((o) => supervisor.start(o)), threads, workDir, close }
  } catch (e) {
    await close()
    throw e
  }
}
