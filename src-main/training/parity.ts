/**
 * Parity data of a trained potential: the predictions of `mtp-engine calc-efs` on train.cfg and
 * valid.cfg matched to the reference values kept by work-files.ts, and the error statistics
 * (paper eqs. 8–10: RMSE, MAE and max of the energy per atom, the force components and the stress
 * components) per split and per configuration group, computed like the engine's error report.
 * Units: eV/atom, eV/Å, GPa.
 */
import { readCfg } from '../io/cfg-reader.js'
import { EV_PER_A3_IN_GPA } from '../io/units.js'
import type { ErrorSummaryView, ParityDataView, PotentialErrorsView } from '../contract/training.js'
import type { ParityArrays } from '../db/repositories/training-parity.js'
import type { PreparedSet } from './work-files.js'

/** Offsets of each configuration's first force component in the flat force arrays. */
export function forceOffsets(forceAtoms: ArrayLike<number>): Int32Array {
  const off = new Int32Array(forceAtoms.length + 1)
  for (let k = 0; k < forceAtoms.length; k++) off[k + 1] = off[k] + 3 * forceAtoms[k]
  return off
}

export function emptyPredictions(p: PreparedSet): ParityArrays {
  return {
    configurationIds: p.configurationIds,
    split: p.split,
    natoms: p.natoms,
    forceAtoms: p.forceAtoms,
    energyRef: p.energyRef,
    energyPred: new Float64Array(p.energyRef.length).fill(NaN),
    forceRef: p.forceRef,
    forcePred: new Float64Array(p.forceRef.length).fill(NaN),
    stressRef: p.stressRef,
    stressPred: new Float64Array(p.stressRef.length).fill(NaN),
  }
}

/** Fills the predictions of one split (0 train, 1 validation) from calc-efs output, in file order. */
export async function readPredictions(p: PreparedSet, into: ParityArrays, split: 0 | 1, outCfg: string): Promise<void> {
  const off = forceOffsets(p.forceAtoms)
  const members: number[] = []
  for (let k = 0; k < p.split.length; k++) if (p.split[k] === split) members.push(k)
  let j = 0
  for await (const s of readCfg(outCfg)) {
    const k = members[j++]
    if (k === undefined) throw new Error(`${outCfg}: more configurations than the ${members.length} evaluated`)
    if (s.natoms !== p.natoms[k]) throw new Error(`${outCfg}: configuration ${j} has ${s.natoms} atoms, expected ${p.natoms[k]}`)
    if (s.energy === null) throw new Error(`${outCfg}: configuration ${j} has no predicted energy`)
    into.energyPred[k] = s.energy / s.natoms
    if (p.forceAtoms[k] > 0 && s.forces) into.forcePred.set(s.forces, off[k])
    if (s.virial && p.volumes[k] > 0 && !Number.isNaN(p.stressRef[6 * k])) {
      for (let c = 0; c < 6; c++) into.stressPred[6 * k + c] = (s.virial[c] / p.volumes[k]) * EV_PER_A3_IN_GPA
    }
  }
  if (j !== members.length) throw new Error(`${outCfg}: ${j} configurations, expected ${members.length}`)
}

class Stats {
  count = 0
  sumSq = 0
  sumAbs = 0
  max = 0
  add(e: number): void {
    this.count++
    this.sumSq += e * e
    this.sumAbs += Math.abs(e)
    this.max = Math.max(this.max, Math.abs(e))
  }
  view() {
    return { rmse: this.count ? Math.sqrt(this.sumSq / this.count) : 0, mae: this.count ? this.sumAbs / this.count : 0, max: this.max, count: this.count }
  }
}

class Summary {
  energy = new Stats()
  force = new Stats()
  stress = new Stats()
  view(): ErrorSummaryView {
    return { energy: this.energy.view(), force: this.force.view(), stress: this.stress.view() }
  }
}

/** Errors of one potential per split, for the whole split and per group (groups[k] of configuration k). */
export function parityErrors(a: ParityArrays, groups: readonly string[]): PotentialErrorsView {
  const off = forceOffsets(a.forceAtoms)
  const splits = [0, 1].map(() => ({ all: new Summary(), groups: new Map<string, Summary>() }))
  for (let k = 0; k < a.configurationIds.length; k++) {
    const s = splits[a.split[k]]
    let g = s.groups.get(groups[k])
    if (!g) s.groups.set(groups[k], (g = new Summary()))
    for (const t of [s.all, g]) {
      t.energy.add(a.energyPred[k] - a.energyRef[k])
      for (let i = off[k]; i < off[k + 1]; i++) t.force.add(a.forcePred[i] - a.forceRef[i])
      for (let c = 0; c < 6; c++) {
        const ref = a.stressRef[6 * k + c]
        const pred = a.stressPred[6 * k + c]
        if (!Number.isNaN(ref) && !Number.isNaN(pred)) t.stress.add(pred - ref)
      }
    }
  }
  const view = (s: (typeof splits)[number]) => ({ all: s.all.view(), groups: Object.fromEntries([...s.groups].sort(([x], [y]) => x.localeCompare(y)).map(([n, g]) => [n, g.view()])) })
  const hasValid = a.split.some((v) => v === 1)
  return { train: view(splits[0]), valid: hasValid ? view(splits[1]) : null }
}

const stressRows = (a: Float64Array, n: number): (number[] | null)[] =>
  Array.from({ length: n }, (_, k) => (Number.isNaN(a[6 * k]) ? null : Array.from(a.subarray(6 * k, 6 * k + 6))))

/** The stored arrays as the contract's parity view. */
export function parityView(potentialId: number, a: ParityArrays, groups: readonly string[]): ParityDataView {
  const n = a.configurationIds.length
  const off = forceOffsets(a.forceAtoms)
  const forceConfig = new Array<number>(off[n])
  for (let k = 0; k < n; k++) forceConfig.fill(k, off[k], off[k + 1])
  return {
    potentialId,
    configurationIds: Array.from(a.configurationIds),
    split: Array.from(a.split, (v) => (v === 1 ? 'valid' : 'train')),
    natoms: Array.from(a.natoms),
    groups: [...groups],
    energyRef: Array.from(a.energyRef),
    energyPred: Array.from(a.energyPred),
    forceRef: Array.from(a.forceRef),
    forcePred: Array.from(a.forcePred),
    forceConfig,
    stressRef: stressRows(a.stressRef, n),
    stressPred: stressRows(a.stressPred, n),
  }
}
