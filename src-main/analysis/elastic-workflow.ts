/**
 * The elastic-constant workflow: per ensemble member, (optionally) relax the structure's ions and
 * cell to zero stress, apply ±δ along each of the six Voigt strains (elastic.ts), optionally relax
 * the ions in each strained cell, take the stresses from the engine, and form C_ij by central
 * differences. Result: the 6×6 stiffness (GPa) per member, the cubic C11, C12, C44 and bulk
 * modulus, and the ensemble's mean and 95 % intervals.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../contract/errors.js'
import type { RunEngine } from '../engine/run-result.js'
import type { ParsedStructure } from '../io/types.js'
import { cellVolume, EV_PER_A3_IN_GPA } from '../io/units.js'
import { evaluateBatch, type ForceField } from './efs-batch.js'
import { elasticEnsemble, elasticStrainSet, strainTensor, type ElasticEnsemble, type ElasticResult, type StrainedStress } from './elastic.js'

export interface ElasticOptions {
  structure: ParsedStructure
  forceFields: readonly ForceField[]
  species: readonly string[]
  /** Strain magnitude δ (0.01 = 1 %). */
  delta: number
  /** Relax ions and cell of the unstrained structure with each member first (zero stress). */
  equilibrate: boolean
  /** Relax the ions in each strained cell (needed for lattices with internal degrees of freedom). */
  relaxIons: boolean
  threads?: number
  workDir?: string
  onProgress?: (done: number, total: number, label: string) => void
}

export interface ElasticMember {
  label: string
  result: ElasticResult
  /** Cell lengths |a|, |b|, |c| (Å) and volume per atom (Å³/atom) of the unstrained reference cell. */
  cellLengths: number[]
  volumePerAtom: number
  /** Stress of the unstrained reference cell, GPa, tension positive, xx yy zz yz xz xy. */
  residualStress: number[]
}

export interface ElasticWorkflowResult {
  delta: number
  equilibrate: boolean
  relaxIons: boolean
  members: ElasticMember[]
  ensemble: ElasticEnsemble
}

/** The structure deformed by F = I + ε (Voigt strain, engineering shears): rows r → r·F. */
export function strainStructure(s: ParsedStructure, voigt: readonly number[]): ParsedStructure {
  const eps = strainTensor(voigt)
  const map = (x: number, y: number, z: number, j: number) => [x, y, z][j] + x * eps[0][j] + y * eps[1][j] + z * eps[2][j]
  const cell = s.cell.map((row) => {
    if (!row) throw new AppError('invalid_input', 'elastic constants need a cell periodic in all three directions')
    return [0, 1, 2].map((j) => map(row[0], row[1], row[2], j))
  }) as ParsedStructure['cell']
  const positions = new Float64Array(s.positions.length)
  for (let i = 0; i < s.natoms; i++)
    for (let j = 0; j < 3; j++) positions[3 * i + j] = map(s.positions[3 * i], s.positions[3 * i + 1], s.positions[3 * i + 2], j)
  return { ...s, cell, positions, energy: null, forces: null, virial: null }
}

const norm = (v: readonly number[]) => Math.hypot(v[0], v[1], v[2])

export async function runElastic(run: RunEngine, o: ElasticOptions): Promise<ElasticWorkflowResult> {
  if (o.forceFields.length === 0) throw new AppError('invalid_input', 'elastic constants need at least one potential')
  const workDir = o.workDir ?? mkdtempSync(join(tmpdir(), 'mtp-studio-elastic-'))
  const members: Omit<ElasticMember, 'result'>[] = []
  const samplesPerMember: StrainedStress[][] = []
  try {
    for (const [k, ff] of o.forceFields.entries()) {
      o.onProgress?.(k, o.forceFields.length, ff.label)
      const common = { species: o.species, workDir, threads: o.threads }
      const [reference] = await evaluateBatch(run, ff, { ...common, structures: [o.structure], relax: o.equilibrate ? 'full' : 'none', stem: `elastic-${k}-ref` })
      const base = reference.structure
      const strained = elasticStrainSet(base.cell, o.delta)
      const values = await evaluateBatch(run, ff, {
        ...common,
        structures: strained.map((x) => strainStructure(base, x.strain)),
        relax: o.relaxIons ? 'ions' : 'none',
        stem: `elastic-${k}-strained`,
      })
      const samples: StrainedStress[] = strained.map((x, i) => ({
        component: x.component,
        sign: x.sign,
        delta: o.delta,
        virial: values[i].virial,
        volume: cellVolume(values[i].structure.cell),
      }))
      const volume = cellVolume(base.cell)
      samplesPerMember.push(samples)
      members.push({
        label: ff.label,
        cellLengths: base.cell.map((r) => norm(r!)),
        volumePerAtom: volume / base.natoms,
        residualStress: reference.virial.map((w) => (-w / volume) * EV_PER_A3_IN_GPA),
      })
    }
    o.onProgress?.(o.forceFields.length, o.forceFields.length, 'done')
  } finally {
    if (!o.workDir) rmSync(workDir, { recursive: true, force: true })
  }
  const ensemble = elasticEnsemble(samplesPerMember)
  return {
    delta: o.delta,
    equilibrate: o.equilibrate,
    relaxIons: o.relaxIons,
    members: members.map((m, k) => ({ ...m, result: ensemble.members[k] })),
    ensemble,
  }
}

