/**
 * The E–V workflow: isotropically scaled copies of one structure (`isotropicStrainCells`), ions
 * optionally relaxed at each volume, energies by every ensemble member through the engine, a
 * third-order Birch–Murnaghan fit per member (eos.ts), and the ensemble's mean and 95 % interval
 * of V0, E0, B0, B0′ and the cubic lattice constant. Everything per atom: volume Å³/atom, energy
 * eV/atom (so DFT points from supercells of the same lattice lie on the same curve); B0 in GPa.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunEngine } from '../engine/run-result.js'
import type { ParsedStructure } from '../io/types.js'
import { ensembleSummary, type EnsembleSummary } from './ensemble-stats.js'
import { birchMurnaghanEnergy, cubicLatticeConstant, fitBirchMurnaghan, isotropicStrainCells, type BirchMurnaghan } from './eos.js'
import { evaluateBatch, type ForceField } from './efs-batch.js'
import { cellVolume, EV_PER_A3_IN_GPA } from '../io/units.js'

export interface EvOptions {
  structure: ParsedStructure
  forceFields: readonly ForceField[]
  /** Element of each force-field species index (shared by the members). */
  species: readonly string[]
  /** Volume fraction either side of the structure's volume (0.1 = ±10 %). */
  range: number
  points: number
  /** Relax the ions at each volume (cell fixed). */
  relaxIons: boolean
  /** Atoms in the conventional cubic cell (sc 1, bcc 2, fcc 4, diamond 8) for the lattice constant; null: not cubic. */
  atomsPerCubicCell: number | null
  threads?: number
  workDir?: string
  onProgress?: (done: number, total: number, label: string) => void
}

export interface EvMember {
  label: string
  /** Per atom: Å³/atom, eV/atom. */
  points: { volume: number; energy: number }[]
  /** Fit per atom: v0 Å³/atom, e0 eV/atom, b0 GPa, rmse eV/atom. */
  fit: BirchMurnaghan
  /** Å, when the lattice is cubic. */
  latticeConstant: number | null
}

export interface EvSummary {
  v0: EnsembleSummary
  e0: EnsembleSummary
  b0: EnsembleSummary
  b0Prime: EnsembleSummary
  latticeConstant: EnsembleSummary | null
}

export interface EvCurve {
  /** Å³/atom. */
  volume: number[]
  /** eV/atom: ensemble mean of the fitted curves and the 95 % band (mean ± 1.96σ over members). */
  mean: number[]
  lo95: number[]
  hi95: number[]
}

export interface EvResult {
  natoms: number
  /** Volume per atom of the input structure, Å³/atom. */
  referenceVolume: number
  range: number
  relaxIons: boolean
  members: EvMember[]
  summary: EvSummary
  curve: EvCurve
}

/** A structure scaled by `scale` in every direction (cell and positions). */
export function scaledStructure(s: ParsedStructure, cell: ParsedStructure['cell'], scale: number): ParsedStructure {
  return { ...s, cell, positions: s.positions.map((x) => x * scale), forces: null, virial: null, energy: null }
}

export function summariseEv(members: readonly EvMember[]): EvSummary {
  const fits = members.map((m) => m.fit)
  const lattice = members.every((m) => m.latticeConstant !== null) ? ensembleSummary(members.map((m) => m.latticeConstant!)) : null
  return {
    v0: ensembleSummary(fits.map((f) => f.v0)),
    e0: ensembleSummary(fits.map((f) => f.e0)),
    b0: ensembleSummary(fits.map((f) => f.b0)),
    b0Prime: ensembleSummary(fits.map((f) => f.b0Prime)),
    latticeConstant: lattice,
  }
}

/** The members' fitted curves on `n` volumes spanning their points, with mean and 95 % band. */
export function ensembleCurve(members: readonly EvMember[], n = 61): EvCurve {
  const vs = members.flatMap((m) => m.points.map((p) => p.volume))
  const lo = Math.min(...vs)
  const hi = Math.max(...vs)
  const volume = Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1))
  const stats = volume.map((v) =>
    ensembleSummary(members.map((m) => birchMurnaghanEnergy(v, { e0: m.fit.e0, v0: m.fit.v0, b0: m.fit.b0 / EV_PER_A3_IN_GPA, b0Prime: m.fit.b0Prime }))),
  )
  return { volume, mean: stats.map((s) => s.mean), lo95: stats.map((s) => s.lo95), hi95: stats.map((s) => s.hi95) }
}

export async function runEv(run: RunEngine, o: EvOptions): Promise<EvResult> {
  if (o.forceFields.length === 0) throw new Error('E–V needs at least one potential')
  const s = o.structure
  const cells = isotropicStrainCells(s.cell, o.range, o.points)
  const structures = cells.map((c) => scaledStructure(s, c.cell, c.scale))
  const workDir = o.workDir ?? mkdtempSync(join(tmpdir(), 'mtp-studio-ev-'))
  const members: EvMember[] = []
  try {
    for (const [k, ff] of o.forceFields.entries()) {
      o.onProgress?.(k, o.forceFields.length, ff.label)
      const values = await evaluateBatch(run, ff, {
        structures,
        species: o.species,
        relax: o.relaxIons ? 'ions' : 'none',
        workDir,
        stem: `ev-${k}`,
        threads: o.threads,
      })
      const points = values.map((v, i) => ({ volume: cells[i].volume / s.natoms, energy: v.energy / s.natoms }))
      const fit = fitBirchMurnaghan(points)
      const latticeConstant = o.atomsPerCubicCell ? cubicLatticeConstant(fit.v0, 1, o.atomsPerCubicCell) : null
      members.push({ label: ff.label, points, fit, latticeConstant })
    }
    o.onProgress?.(o.forceFields.length, o.forceFields.length, 'done')
  } finally {
    if (!o.workDir) rmSync(workDir, { recursive: true, force: true })
  }
  return {
    natoms: s.natoms,
    referenceVolume: cellVolume(s.cell) / s.natoms,
    range: o.range,
    relaxIons: o.relaxIons,
    members,
    summary: summariseEv(members),
    curve: ensembleCurve(members),
  }
}
