/**
 * Hulls on real DFT data (issue 7, acceptance 2). The hull module reads the extxyz files; the
 * check here reads the CSV tables of the same data and finds the lower envelope by brute force
 * (every segment / triangle of points containing a composition), independently of the LP.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { computeHull, type HullResult } from '../../../src-main/analysis/hull'
import { hullEntriesFromFile } from '../../../src-main/analysis/hull-input'

const data = (p: string) => fileURLToPath(new URL(`../../../../shared/data/${p}`, import.meta.url))
const CUAGAU = data('pyclupan_CuAgAu/CuAgAu_pyclupan_DFT.extxyz')

interface Row {
  label: string
  counts: number[]
  energy: number
}

function csv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n')
  const keys = head.split(',')
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])))
}

/** Formation energy (eV/atom) per row, and the brute-force hull height at each row's composition. */
function bruteForce(rows: Row[]) {
  const n = rows[0].counts.length
  const natoms = (r: Row) => r.counts.reduce((a, b) => a + b, 0)
  const mu = Array.from({ length: n }, (_, s) => Math.min(...rows.filter((r) => r.counts[s] === natoms(r)).map((r) => r.energy / natoms(r))))
  const pts = rows.map((r) => {
    const N = natoms(r)
    return { label: r.label, x: r.counts.map((c) => c / N), ef: (r.energy - r.counts.reduce((s, c, k) => s + c * mu[k], 0)) / N }
  })
  // Lowest per composition (fractions compared to 1e-12).
  const lowest: typeof pts = []
  for (const p of pts) {
    const j = lowest.findIndex((q) => q.x.every((v, k) => Math.abs(v - p.x[k]) < 1e-12))
    if (j < 0) lowest.push(p)
    else if (p.ef < lowest[j].ef) lowest[j] = p
  }
  const height = (x: number[]): number => {
    let best = Infinity
    for (const p of lowest) if (p.x.every((v, k) => Math.abs(v - x[k]) < 1e-12)) best = Math.min(best, p.ef)
    // Segments a–b: x = (1−t)a + t b.
    for (let a = 0; a < lowest.length; a++)
      for (let b = a + 1; b < lowest.length; b++) {
        const A = lowest[a].x
        const B = lowest[b].x
        const k = A.findIndex((v, i) => Math.abs(B[i] - v) > 1e-12)
        const t = (x[k] - A[k]) / (B[k] - A[k])
        if (t < -1e-12 || t > 1 + 1e-12 || !x.every((v, i) => Math.abs((1 - t) * A[i] + t * B[i] - v) < 1e-12)) continue
        best = Math.min(best, (1 - t) * lowest[a].ef + t * lowest[b].ef)
      }
    if (n === 3)
      for (let a = 0; a < lowest.length; a++)
        for (let b = a + 1; b < lowest.length; b++)
          for (let c = b + 1; c < lowest.length; c++) {
            // Barycentric weights in the (x0, x1) plane.
            const [A, B, C] = [lowest[a].x, lowest[b].x, lowest[c].x]
            const det = (B[0] - A[0]) * (C[1] - A[1]) - (C[0] - A[0]) * (B[1] - A[1])
            if (Math.abs(det) < 1e-12) continue
            const wb = ((x[0] - A[0]) * (C[1] - A[1]) - (C[0] - A[0]) * (x[1] - A[1])) / det
            const wc = ((B[0] - A[0]) * (x[1] - A[1]) - (x[0] - A[0]) * (B[1] - A[1])) / det
            const wa = 1 - wb - wc
            if (wa < -1e-12 || wb < -1e-12 || wc < -1e-12) continue
            best = Math.min(best, wa * lowest[a].ef + wb * lowest[b].ef + wc * lowest[c].ef)
          }
    return best
  }
  const labelsOnHull = new Set(lowest.filter((p) => p.ef - height(p.x) <= 1e-9).map((p) => p.label))
  return { pts: pts.map((p) => ({ ...p, above: p.ef - height(p.x) })), stable: labelsOnHull }
}

function cuAgAuRows(elements: string[]): Row[] {
  const all = ['Cu', 'Ag', 'Au']
  return csv(data('pyclupan_CuAgAu/CuAgAu_pyclupan_DFT_energies.csv'))
    .map((r) => ({ label: r.label, counts: all.map((el) => Number(r[`n_${el}`])), energy: Number(r.e_fr_energy_eV) }))
    .filter((r) => r.counts.every((c, k) => c === 0 || elements.includes(all[k])))
    .map((r) => ({ ...r, counts: elements.map((el) => r.counts[all.indexOf(el)]) }))
}

function compare(hull: HullResult, rows: Row[]) {
  const ref = bruteForce(rows)
  expect(hull.entries).toHaveLength(rows.length)
  const byLabel = new Map(ref.pts.map((p) => [p.label, p]))
  for (const e of hull.entries) {
    const p = byLabel.get(e.source.label!)!
    expect(e.formationEnergyMeV).toBeCloseTo(p.ef * 1000, 5)
    expect(e.eAboveHullMeV).toBeCloseTo(Math.max(0, p.above) * 1000, 5)
  }
  const stableLabels = hull.entries.filter((e) => e.stable).map((e) => e.source.label)
  expect(new Set(stableLabels)).toEqual(ref.stable)
  expect(hull.stable).toHaveLength(ref.stable.size)
  return hull
}

describe('convex hull on the pyclupan Cu–Ag–Au VASP data', async () => {
  const { entries } = await hullEntriesFromFile(CUAGAU)

  it('Cu–Au: CuAu (2-1-1) lowest at −58.2 meV/atom, matches brute force', () => {
    const h = compare(computeHull(entries, { elements: ['Cu', 'Au'] }), cuAgAuRows(['Cu', 'Au']))
    const min = h.entries.reduce((a, b) => (b.formationEnergyMeV < a.formationEnergyMeV ? b : a))
    expect(min.source.label).toBe('2-1-1')
    expect(min.composition).toEqual([0.5, 0.5])
    expect(min.formationEnergyMeV).toBeCloseTo(-58.17, 2)
    expect(h.entries.filter((e) => e.stable).map((e) => e.composition[1]).sort()).toEqual([0, 0.25, 0.5, 0.6, 2 / 3, 1])
    expect(h.facets).toHaveLength(5)
    expect(h.references.map((r) => r.origin)).toEqual(['lowest-pure', 'lowest-pure'])
    expect(min.source.file).toBe(CUAGAU)
    expect(typeof min.source.frame).toBe('number')
  })

  it('Ag–Au: lowest at x = 0.5 (−61.7 meV/atom), seven intermediate hull points', () => {
    const h = compare(computeHull(entries, { elements: ['Ag', 'Au'] }), cuAgAuRows(['Ag', 'Au']))
    const min = h.entries.reduce((a, b) => (b.formationEnergyMeV < a.formationEnergyMeV ? b : a))
    expect(min.composition[1]).toBe(0.5)
    expect(min.formationEnergyMeV).toBeCloseTo(-61.68, 2)
    expect(h.stable).toHaveLength(9)
  })

  it('Cu–Ag: nothing below zero, the hull is the two elements', () => {
    const h = compare(computeHull(entries, { elements: ['Cu', 'Ag'] }), cuAgAuRows(['Cu', 'Ag']))
    expect(Math.min(...h.entries.map((e) => e.formationEnergyMeV))).toBe(0)
    expect(h.entries.filter((e) => e.formationEnergyMeV < 0)).toHaveLength(0)
    expect(h.entries.filter((e) => e.stable).map((e) => e.formula).sort()).toEqual(['Ag1', 'Cu1'])
    expect(h.facets).toEqual([[0, 1]])
  })

  it('Cu–Ag–Au ternary: matches the brute-force triangle envelope; facets triangulate the hull', () => {
    const h = compare(computeHull(entries, { elements: ['Cu', 'Ag', 'Au'] }), cuAgAuRows(['Cu', 'Ag', 'Au']))
    expect(h.entries).toHaveLength(1079)
    // Planar triangulation of V points with h on the boundary has 2V − h − 2 triangles.
    const boundary = h.vertices.filter((v) => v.composition.some((c) => c === 0)).length
    expect(h.facets).toHaveLength(2 * h.vertices.length - boundary - 2)
    expect(h.stable.length).toBeGreaterThan(9 + 6 - 2)
  })
})

describe('convex hull on the icet Ag–Pd mixing energies', () => {
  it('gives the stable set x_Pd = 0, 0.125, 0.25, 0.333, 0.375, 0.5, 1', async () => {
    // The file stores mixing energies (eV/atom, pure Ag and Pd = 0), not total energies: read them
    // per atom, so the default references are 0 and E_f = E_mix.
    const { entries, missing } = await hullEntriesFromFile(data('icet_AgPd/AgPd_reference_data.extxyz'), { energyKey: 'mixing_energy', energyPerAtom: true })
    expect(missing).toBe(0)
    const h = computeHull(entries)
    expect(h.elements).toEqual(['Ag', 'Pd'])
    expect(h.references.map((r) => r.mu)).toEqual([0, 0])
    const xs = h.entries.filter((e) => e.stable).map((e) => e.composition[1]).sort((a, b) => a - b)
    expect(xs.map((x) => Number(x.toFixed(3)))).toEqual([0, 0.125, 0.25, 0.333, 0.375, 0.5, 1])
    const half = h.entries.find((e) => e.stable && e.composition[1] === 0.5)!
    expect(half.source.label).toBe('AgPd_0001')
    expect(half.formationEnergyMeV).toBeCloseTo(-62.949, 3)
    const rows = csv(data('icet_AgPd/AgPd_mixing_energies.csv')).map((r) => ({
      label: r.tag,
      counts: [Number(r.n_Ag), Number(r.n_Pd)],
      energy: Number(r.mixing_energy_eV_per_atom) * Number(r.natoms),
    }))
    compare(h, rows)
  })
})

describe('computeHull rules', () => {
  const src = { file: null, frame: null, label: null }
  const entry = (id: string, counts: Record<string, number>, energy: number) => ({ id, counts, energy, source: src })

  it('puts only the lowest structure per composition on the hull, and counts points within the tolerance as on it', () => {
    const h = computeHull([
      entry('A', { A: 1 }, -1),
      entry('B', { B: 2 }, -4),
      entry('AB', { A: 1, B: 1 }, -3.5),
      entry('AB-twin', { A: 2, B: 2 }, -7),
      // On the A–AB tie line (E_f = −125 meV/atom) plus 0.5e-9 eV/atom: within the tolerance.
      entry('A3B', { A: 3, B: 1 }, 4 * (-0.125 + 5e-10) + 3 * -1 + 1 * -2),
      // Above the AB–B tie line by 2e-9 eV/atom: outside it.
      entry('AB3', { A: 1, B: 3 }, 4 * (-0.125 + 2e-9) + 1 * -1 + 3 * -2),
    ])
    const byId = Object.fromEntries(h.entries.map((e) => [e.id, e]))
    expect(byId.AB.formationEnergyMeV).toBeCloseTo(-250, 9)
    expect(byId['AB-twin'].eAboveHullMeV).toBeCloseTo(0, 9)
    expect(byId.AB.stable !== byId['AB-twin'].stable).toBe(true)
    expect(byId['AB-twin'].lowestAtComposition).toBe(false)
    expect(byId.A3B.stable).toBe(true)
    expect(byId.A3B.eAboveHullMeV).toBeCloseTo(5e-7, 9)
    expect(byId.AB3.stable).toBe(false)
    expect(byId.AB3.eAboveHullMeV).toBeCloseTo(2e-6, 9)
    expect(h.tolerance).toBe(1e-9)
  })

  it('uses given references, adds reference vertices with no pure entry, and refuses a missing one', () => {
    const h = computeHull([entry('AB', { A: 1, B: 1 }, -3)], { references: { A: -1, B: -1 } })
    expect(h.entries[0].formationEnergyMeV).toBeCloseTo(-500, 9)
    expect(h.vertices.map((v) => v.entryId)).toEqual([null, 'AB', null])
    expect(h.facets).toEqual([
      [0, 1],
      [1, 2],
    ])
    expect(() => computeHull([entry('AB', { A: 1, B: 1 }, -3)])).toThrow(/no pure A entry/)
    expect(h.warnings).toEqual([])
    const mixed = computeHull([
      { ...entry('A', { A: 1 }, -1), energyKind: 'free' },
      { ...entry('B', { B: 1 }, -1), energyKind: 'sigma0' },
    ])
    expect(mixed.warnings[0]).toMatch(/different kinds.*free, sigma0/)
  })

  it('handles a quaternary by LP (energy above hull of an interior point)', () => {
    const pure = ['A', 'B', 'C', 'D'].map((el) => entry(el, { [el]: 1 }, 0))
    const h = computeHull([...pure, entry('ABCD', { A: 1, B: 1, C: 1, D: 1 }, -0.4), entry('AB', { A: 1, B: 1 }, -0.1), entry('AABCD', { A: 2, B: 1, C: 1, D: 1 }, 0)])
    const byId = Object.fromEntries(h.entries.map((e) => [e.id, e]))
    expect(byId.ABCD.stable).toBe(true)
    expect(byId.AB.stable).toBe(true)
    // A2BCD = 4/5 ABCD + 1/5 A: hull height 0.8 × (−0.1) = −0.08 eV/atom.
    expect(byId.AABCD.eAboveHullMeV).toBeCloseTo(80, 9)
  })
})
