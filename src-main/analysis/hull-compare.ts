/**
 * DFT vs MTP hull on columns. Every member m of an ensemble gives each entry i a cell energy
 * E_m,i (NaN: not evaluated); its formation energies are taken against ITS OWN references
 * (lowest pure entry by that member, or given μ), E_f,m,i = [E_m,i − Σ_s n_s μ_m,s] / N, and its
 * own hull gives e_m,i above it. Per entry:
 *   E_f (MTP) = mean_m E_f,m,i with the 95 % interval mean ± 1.96σ (σ: sample, n − 1),
 *   the MTP hull = the lower hull of the mean formation energies (references at 0),
 *   e above the MTP hull from that hull; its interval from the e_m,i (mean ± 1.96σ, ≥ 0).
 * Entries some member could not evaluate get NaN MTP values and stay out of the MTP hull. The DFT
 * side is 'analysis/hull' on the entries with a reference energy. See hull-columns.ts for the hull.
 */
import { computeHullColumns, type HullColumns, type HullOptions } from './hull-columns.js'
import { ensembleSummary } from './ensemble-stats.js'

export interface HullCompareColumnsInput {
  /** Distinct cells' atoms per element, all within `elements`. */
  groups: readonly Readonly<Record<string, number>>[]
  /** Per entry: index into `groups`. */
  group: Int32Array
  /** Per entry: configuration id. */
  ids: Int32Array
  /** Per entry: reference (DFT) cell energy, eV; NaN for candidates. */
  dftEnergy: Float64Array
  /** Per member, per entry: cell energy, eV; NaN where not evaluated. */
  memberEnergy: readonly Float64Array[]
}

export interface HullCompareOptions {
  elements: readonly string[]
  /** DFT μ, eV/atom. */
  references?: HullOptions['references']
  /** μ given to every member, eV/atom. */
  mtpReferences?: HullOptions['references']
  /** eV/atom. */
  tolerance?: number
}

export interface HullOutline {
  vertices: { composition: number[]; formationEnergyMeV: number; entryId: number | null }[]
  facets: number[][]
}

/** Per-entry values by one hull, scattered back to entry order (NaN / 0 for entries it left out). */
export interface EntryHull {
  formationMeV: Float64Array
  eAboveHullMeV: Float64Array
  stable: Uint8Array
  hull: HullColumns
}

export interface HullCompareColumns {
  rows: number
  natoms: Int32Array
  composition: Float64Array
  dft: EntryHull | null
  members: EntryHull[]
  mtpFormationMeV: Float64Array
  mtpFormationStdMeV: Float64Array
  mtpFormationLo95MeV: Float64Array
  mtpFormationHi95MeV: Float64Array
  mtpEAboveHullLo95MeV: Float64Array
  mtpEAboveHullHi95MeV: Float64Array
  mtpStableMembers: Uint8Array
  mean: EntryHull | null
  unevaluated: number
  warnings: string[]
}

function scatter(h: HullColumns, total: number): EntryHull {
  const formationMeV = new Float64Array(total).fill(NaN)
  const eAboveHullMeV = new Float64Array(total).fill(NaN)
  const stable = new Uint8Array(total)
  for (let r = 0; r < h.rows; r++) {
    const i = h.entry[r]
    formationMeV[i] = h.formationEnergyMeV[r]
    eAboveHullMeV[i] = h.eAboveHullMeV[r]
    stable[i] = h.stable[r]
  }
  return { formationMeV, eAboveHullMeV, stable, hull: h }
}

const hasFinite = (a: Float64Array) => a.some((v) => Number.isFinite(v))

export function compareHullColumns(input: HullCompareColumnsInput, opts: HullCompareOptions): HullCompareColumns {
  const total = input.group.length
  const n = opts.elements.length
  const base = { elements: opts.elements, tolerance: opts.tolerance }
  const warnings: string[] = []
  // Per group first: 10^5 entries share a few hundred cells.
  const groupCounts = input.groups.map((g) => opts.elements.map((el) => g[el] ?? 0))
  const groupAtoms = groupCounts.map((c) => c.reduce((a, b) => a + b, 0))
  const natoms = new Int32Array(total)
  const composition = new Float64Array(total * n)
  for (let i = 0; i < total; i++) {
    const g = input.group[i]
    natoms[i] = groupAtoms[g]
    for (let s = 0; s < n; s++) composition[i * n + s] = groupCounts[g][s] / groupAtoms[g]
  }
  const columnsOf = (energy: Float64Array) => ({ groups: input.groups, group: input.group, energy })

  const hullOf = (what: string, energy: Float64Array, references: HullOptions['references']) => {
    try {
      return scatter(computeHullColumns(columnsOf(energy), { ...base, references }), total)
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`)
    }
  }
  let dft: EntryHull | null = null
  if (hasFinite(input.dftEnergy)) dft = hullOf('DFT hull', input.dftEnergy, opts.references)
  else warnings.push('no entry has a reference (DFT) energy: only the MTP hull is shown')
  const members = input.memberEnergy.map((e, m) => {
    if (!hasFinite(e)) throw new Error(`member ${m + 1} evaluated no entry`)
    return hullOf(`member ${m + 1}`, e, opts.mtpReferences)
  })

  const nan = () => new Float64Array(total).fill(NaN)
  const mtpFormationMeV = nan()
  const mtpFormationStdMeV = nan()
  const mtpFormationLo95MeV = nan()
  const mtpFormationHi95MeV = nan()
  const mtpEAboveHullLo95MeV = nan()
  const mtpEAboveHullHi95MeV = nan()
  const mtpStableMembers = new Uint8Array(total)
  const meanEnergy = nan()
  let unevaluated = 0
  const ef = new Array<number>(members.length)
  const above = new Array<number>(members.length)
  for (let i = 0; i < total; i++) {
    let finite = true
    members.forEach((m, k) => {
      ef[k] = m.formationMeV[i]
      above[k] = m.eAboveHullMeV[i]
      mtpStableMembers[i] += m.stable[i]
      finite &&= Number.isFinite(ef[k])
    })
    if (!finite) {
      unevaluated++
      continue
    }
    const f = ensembleSummary(ef)
    const e = ensembleSummary(above)
    mtpFormationMeV[i] = f.mean
    mtpFormationStdMeV[i] = f.std
    mtpFormationLo95MeV[i] = f.lo95
    mtpFormationHi95MeV[i] = f.hi95
    mtpEAboveHullLo95MeV[i] = Math.max(0, e.lo95)
    mtpEAboveHullHi95MeV[i] = e.hi95
    meanEnergy[i] = (f.mean / 1000) * natoms[i]
  }
  if (unevaluated) warnings.push(`${unevaluated} entries could not be evaluated by every member (relaxation did not converge): no MTP values`)
  // Mean formation energies are already relative to each member's references: the hull's μ are 0.
  const zero = Object.fromEntries(opts.elements.map((el) => [el, 0]))
  const mean = hasFinite(meanEnergy) ? scatter(computeHullColumns(columnsOf(meanEnergy), { ...base, references: zero }), total) : null
  return {
    rows: total,
    natoms,
    composition,
    dft,
    members,
    mtpFormationMeV,
    mtpFormationStdMeV,
    mtpFormationLo95MeV,
    mtpFormationHi95MeV,
    mtpEAboveHullLo95MeV,
    mtpEAboveHullHi95MeV,
    mtpStableMembers,
    mean,
    unevaluated,
    warnings,
  }
}

/** Vertices and facets of a hull, with entry ids in place of rows. */
export function hullOutline(h: EntryHull | null, ids: Int32Array): HullOutline {
  if (!h) return { vertices: [], facets: [] }
  return {
    vertices: h.hull.vertices.map((v) => ({ composition: v.composition, formationEnergyMeV: v.formationEnergyMeV, entryId: v.row === null ? null : ids[h.hull.entry[v.row]] })),
    facets: h.hull.facets,
  }
}

export interface CompareSummary {
  compared: number
  /** meV/atom; null when no entry has both. */
  rmseMeV: number | null
  maeMeV: number | null
  maxAbsMeV: number | null
  biasMeV: number | null
  memberRmseMeV: (number | null)[]
  dftStable: number[]
  mtpStable: number[]
  missedByMtp: number[]
  extraInMtp: number[]
  candidatesOnMtpHull: number[]
  unevaluated: number
}

const stableIds = (h: EntryHull | null, ids: Int32Array) => (h ? Array.from(h.hull.stableRows, (r) => ids[h.hull.entry[r]]) : [])

/** RMSE / MAE of the MTP mean (and of each member) against DFT, and how the stable sets agree. */
export function compareSummary(c: HullCompareColumns, ids: Int32Array): CompareSummary {
  const both: number[] = []
  for (let i = 0; i < c.rows; i++) if (c.dft && Number.isFinite(c.dft.formationMeV[i]) && Number.isFinite(c.mtpFormationMeV[i])) both.push(i)
  const rmse = (values: Float64Array) => Math.sqrt(both.reduce((a, i) => a + (values[i] - c.dft!.formationMeV[i]) ** 2, 0) / both.length)
  const diff = both.map((i) => c.mtpFormationMeV[i] - c.dft!.formationMeV[i])
  const dftStable = stableIds(c.dft, ids)
  const mtpStable = stableIds(c.mean, ids)
  const dftSet = new Set(dftStable)
  const mtpSet = new Set(mtpStable)
  const withDft = new Set<number>()
  if (c.dft) for (let i = 0; i < c.rows; i++) if (Number.isFinite(c.dft.formationMeV[i])) withDft.add(ids[i])
  return {
    compared: both.length,
    rmseMeV: both.length ? rmse(c.mtpFormationMeV) : null,
    maeMeV: both.length ? diff.reduce((a, d) => a + Math.abs(d), 0) / both.length : null,
    maxAbsMeV: both.length ? diff.reduce((a, d) => Math.max(a, Math.abs(d)), 0) : null,
    biasMeV: both.length ? diff.reduce((a, d) => a + d, 0) / both.length : null,
    memberRmseMeV: c.members.map((m) => (both.length ? rmse(m.formationMeV) : null)),
    dftStable,
    mtpStable,
    missedByMtp: dftStable.filter((id) => !mtpSet.has(id)),
    extraInMtp: mtpStable.filter((id) => withDft.has(id) && !dftSet.has(id)),
    candidatesOnMtpHull: mtpStable.filter((id) => !withDft.has(id)),
    unevaluated: c.unevaluated,
  }
}
