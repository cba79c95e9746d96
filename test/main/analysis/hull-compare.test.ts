/**
 * The DFT-vs-MTP hull on constructed numbers: per-member references, the 95 % intervals
 * (mean ± 1.96σ with σ over n − 1, written out here by hand), the hull of the mean, the
 * members' own hulls, NaN for an entry a member could not evaluate, and the near-hull pick rule.
 */
import { describe, expect, it } from 'vitest'
import { encodeColumn } from '../../../src-main/analysis/encode-columns'
import { compareHullColumns, compareSummary } from '../../../src-main/analysis/hull-compare'
import { pickNearHull } from '../../../src-main/analysis/hull-send-to-dft'
import type { HullCompareView } from '../../../src-main/contract/hull-compare'

// Binary A–B: A, B, AB (2 atoms), A3B (4 atoms), AB3 (4 atoms); entry 5 is a second AB cell.
const groups: Record<string, number>[] = [{ A: 1 }, { B: 1 }, { A: 1, B: 1 }, { A: 3, B: 1 }, { A: 1, B: 3 }]
const group = Int32Array.from([0, 1, 2, 3, 4, 2])
const ids = Int32Array.from([10, 11, 12, 13, 14, 15])
const natoms = [1, 1, 2, 4, 4, 2]
const xB = [0, 1, 0.5, 0.25, 0.75, 0.5]
// Cell energies: μ_A = −1, μ_B = −2 for DFT; members have their own μ (−3/−4, −3.1/−4.1, −2.9/−3.9).
const cell = (muA: number, muB: number, efPerAtom: number[]) => Float64Array.from(efPerAtom, (ef, i) => natoms[i] * ((1 - xB[i]) * muA + xB[i] * muB + ef))
const dftEf = [0, 0, -0.1, -0.03, -0.02, NaN]
const memberEf = [
  [0, 0, -0.08, -0.05, -0.01, -0.07],
  [0, 0, -0.1, -0.04, 0.0, -0.09],
  [0, 0, -0.12, -0.03, -0.03, -0.08],
]
const mus = [
  [-3, -4],
  [-3.1, -4.1],
  [-2.9, -3.9],
]

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length
const sample = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1))

describe('compareHullColumns', () => {
  const dftEnergy = cell(-1, -2, dftEf.map((v) => (Number.isNaN(v) ? 0 : v)))
  dftEnergy[5] = NaN
  const memberEnergy = memberEf.map((ef, m) => cell(mus[m][0], mus[m][1], ef))
  const c = compareHullColumns({ groups, group, ids, dftEnergy, memberEnergy }, { elements: ['A', 'B'] })

  it('gives each member its own references and the interval mean ± 1.96σ', () => {
    c.members.forEach((m, k) => expect(m.hull.references.map((r) => r.mu)).toEqual(mus[k]))
    for (let i = 0; i < 6; i++) {
      const v = memberEf.map((e) => e[i] * 1000)
      expect(c.mtpFormationMeV[i]).toBeCloseTo(mean(v), 9)
      expect(c.mtpFormationStdMeV[i]).toBeCloseTo(sample(v), 9)
      expect(c.mtpFormationLo95MeV[i]).toBeCloseTo(mean(v) - 1.96 * sample(v), 9)
      expect(c.mtpFormationHi95MeV[i]).toBeCloseTo(mean(v) + 1.96 * sample(v), 9)
    }
    // Entry 12 (AB, mean −100) is on the mean hull; 15 (AB, mean −80) is 20 above it.
    expect(c.mean!.eAboveHullMeV[5]).toBeCloseTo(20, 9)
    // A3B: mean −40; hull at x = 0.25 between A (0) and AB (−100) is −50 → 10 above.
    expect(c.mean!.eAboveHullMeV[3]).toBeCloseTo(10, 9)
    // Member 1 has A3B at −50, exactly on its hull (tie → stable); members 2, 3: 10 and 30 above.
    const own = [0, 10, 30]
    expect(Array.from(c.members, (m) => m.eAboveHullMeV[3])).toEqual(own.map((v) => expect.closeTo(v, 9)))
    expect(c.mtpEAboveHullLo95MeV[3]).toBeCloseTo(Math.max(0, mean(own) - 1.96 * sample(own)), 9)
    expect(c.mtpEAboveHullHi95MeV[3]).toBeCloseTo(mean(own) + 1.96 * sample(own), 9)
    expect(c.mtpStableMembers[3]).toBe(1)
    expect(c.mtpStableMembers[2]).toBe(3)
  })

  it('compares with DFT: RMSE over entries with both, stable sets and their differences', () => {
    const s = compareSummary(c, ids)
    const d = [0, 1, 2, 3, 4].map((i) => mean(memberEf.map((e) => e[i])) * 1000 - dftEf[i] * 1000)
    expect(s.compared).toBe(5)
    expect(s.rmseMeV).toBeCloseTo(Math.sqrt(mean(d.map((x) => x * x))), 9)
    expect(s.maeMeV).toBeCloseTo(mean(d.map(Math.abs)), 9)
    expect(s.biasMeV).toBeCloseTo(mean(d), 9)
    // DFT: A3B at −30 vs the A–AB line at −50 → not stable; AB3 at −20 vs the AB–B line at −50 → not stable.
    expect(s.dftStable).toEqual([10, 12, 11])
    // Mean: A3B −40 (10 above), AB3 −13.3 (above the AB–B line −50): only A, AB, B.
    expect(s.mtpStable).toEqual([10, 12, 11])
    expect(s.missedByMtp).toEqual([])
    expect(s.extraInMtp).toEqual([])
    expect(s.memberRmseMeV[1]).toBeCloseTo(Math.sqrt(mean([0, 0, 0, -10, 20].map((x) => x * x))), 9)
  })

  it('takes given μ for every member and for DFT instead of the lowest pure entries', () => {
    const g = compareHullColumns({ groups, group, ids, dftEnergy, memberEnergy }, { elements: ['A', 'B'], references: { A: -1.01 }, mtpReferences: { A: -3, B: -4 } })
    expect(g.dft!.hull.references.map((r) => [r.mu, r.origin])).toEqual([[-1.01, 'given'], [-2, 'lowest-pure']])
    // Member 2 (μ −3.1/−4.1) against μ −3/−4: its pure A cell sits at −100 meV/atom, pure B at −100.
    expect(g.members[1].formationMeV[0]).toBeCloseTo(-100, 9)
    expect(g.members[1].formationMeV[2]).toBeCloseTo(-200, 9)
    expect(g.dft!.formationMeV[0]).toBeCloseTo(10, 9)
  })

  it('leaves an entry a member could not evaluate without MTP values', () => {
    const broken = memberEnergy.map((e) => e.slice())
    broken[1][4] = NaN
    const b = compareHullColumns({ groups, group, ids, dftEnergy, memberEnergy: broken }, { elements: ['A', 'B'] })
    expect(b.unevaluated).toBe(1)
    expect(b.mtpFormationMeV[4]).toBeNaN()
    expect(b.mean!.eAboveHullMeV[4]).toBeNaN()
    expect(b.mtpFormationMeV[3]).toBeCloseTo(c.mtpFormationMeV[3], 12)
    expect(b.warnings.join()).toMatch(/1 entries could not be evaluated/)
  })
})

/** A compare reply with just the columns the pick reads. */
function viewOf(rows: { id: number; hasDft: number; lo: number; mean: number }[]): HullCompareView {
  const n = rows.length
  const f = (k: 'lo' | 'mean') => encodeColumn(Float64Array.from(rows, (r) => r[k]))
  const columns = {
    id: encodeColumn(Int32Array.from(rows, (r) => r.id)),
    formula: encodeColumn(new Int32Array(n)),
    composition: encodeColumn(Float64Array.from(rows.flatMap(() => [0.5, 0.5]))),
    hasDft: encodeColumn(Uint8Array.from(rows, (r) => r.hasDft)),
    mtpFormationMeV: f('mean'),
    mtpEAboveHullMeV: f('mean'),
    mtpEAboveHullLo95MeV: f('lo'),
    mtpEAboveHullHi95MeV: f('mean'),
  }
  return { rows: n, elements: ['A', 'B'], formulas: ['A1B1'], columns } as unknown as HullCompareView
}

describe('pickNearHull', () => {
  const view = viewOf([
    { id: 1, hasDft: 0, lo: 0, mean: 4 },
    { id: 2, hasDft: 0, lo: 5, mean: 9 }, // exactly at the threshold: qualifies
    { id: 3, hasDft: 0, lo: 5.0001, mean: 6 }, // mean within, lower end not → out
    { id: 4, hasDft: 1, lo: 0, mean: 0 }, // has DFT
    { id: 5, hasDft: 0, lo: 1, mean: 2 }, // already in a DFT job
    { id: 6, hasDft: 0, lo: 0, mean: 1 },
    { id: 7, hasDft: 0, lo: NaN, mean: NaN }, // not evaluated
  ])

  it('takes the entries whose interval reaches the threshold, lowest first, skipping DFT and jobs', () => {
    const p = pickNearHull(view, { thresholdMeV: 5, includeWithDft: false, includeInDftJobs: false }, new Set([5]))
    expect(p.chosen.map((e) => e.id)).toEqual([6, 1, 2])
    expect(p.qualifying).toBe(5)
    expect(p.skipped).toEqual({ withDft: 1, inDftJob: 1, overCap: 0 })
    expect(p.chosen[2].reason).toMatch(/interval 5\.00…9\.00: lower end ≤ 5 meV\/atom/)
  })

  it('caps at N and can include entries with DFT or jobs', () => {
    const p = pickNearHull(view, { thresholdMeV: 5, includeWithDft: true, includeInDftJobs: true, maxCount: 3 }, new Set([5]))
    expect(p.chosen.map((e) => e.id)).toEqual([4, 6, 1])
    expect(p.skipped).toEqual({ withDft: 0, inDftJob: 0, overCap: 2 })
  })
})
