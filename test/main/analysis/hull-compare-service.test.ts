/**
 * The DFT-vs-MTP hull on the icet Ag–Pd DFT set (two thirds with energies, the rest as candidates
 * without), through the real engine: (a) the built-in EAM as a single member and (b) an ensemble of
 * three level-6 MTPs trained here by the training service. Every MTP number is recomputed in the
 * test from energies the engine gives when called directly (reference eam / calc-efs on the same
 * structures), with the hull checked by brute force over all pairs of compositions.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventBus } from '../../../src-main/app/event-bus'
import { runHullCompare } from '../../../src-main/analysis/hull-compare-service'
import { projectHullColumns } from '../../../src-main/analysis/hull-reply'
import { decodeColumn } from '../../../src-main/contract/columns'
import { hullCompareRequest, hullCompareResult, type HullCompareInput, type HullCompareView } from '../../../src-main/contract/hull-compare'
import { readStructure } from '../../../src-main/db/repositories/configuration-store'
import { getPotential } from '../../../src-main/db/repositories/potentials'
import { createTrainingSetVersion } from '../../../src-main/db/repositories/training-sets'
import { EngineSupervisor } from '../../../src-main/engine/supervisor'
import { formatCfgFile } from '../../../src-main/io/cfg-writer'
import { parseCfgText } from '../../../src-main/io/cfg-reader'
import { importFile } from '../../../src-main/data/import-file'
import { runTraining } from '../../../src-main/training/service'
import { engine, icetFrames, icetProject, type IcetProject } from './icet-project'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'

const dir = mkdtempSync(join(tmpdir(), 'mtp-hull-compare-'))
let fx: IcetProject
let supervisor: EngineSupervisor
let ids: number[]
let xPd: number[]
let natoms: number[]
let mixingMeV: Map<number, number>

beforeAll(async () => {
  fx = await icetProject(dir, (k) => k < 2 || k % 3 !== 1, (k) => k % 3 === 1)
  supervisor = new EngineSupervisor({ enginePath: () => engine, logDir: join(dir, 'logs') })
  ids = [...fx.dftIds, ...fx.candidateIds].sort((a, b) => a - b)
  const structures = ids.map((id) => readStructure(fx.project.db, id)!)
  natoms = structures.map((s) => s.natoms)
  xPd = structures.map((s) => s.species!.filter((e) => e === 'Pd').length / s.natoms)
  // DFT formation energies straight from the file: with μ = 0 for the pure cells, E_f = E_mix.
  const frames = await icetFrames()
  const kept = frames.filter((_, k) => k < 2 || k % 3 !== 1)
  mixingMeV = new Map(fx.dftIds.map((id, k) => [id, (kept[k].energy! / kept[k].natoms) * 1000]))
}, 60_000)

afterAll(async () => {
  await supervisor.shutdown()
  fx.project.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Cell energies (eV) of the entries by one engine call: ['reference','eam','--elements','Ag,Pd'] or ['calc-efs', pot]. */
function engineEnergies(command: string[], tag: string): number[] {
  const input = join(dir, `${tag}.in.cfg`)
  const output = join(dir, `${tag}.out.cfg`)
  writeFileSync(input, formatCfgFile(ids.map((id) => readStructure(fx.project.db, id)!), { lossless: true, species: ['Ag', 'Pd'] }))
  const r = spawnSync(engine, [...command, input, output, '--lossless', '--threads', '1'], { encoding: 'utf8' })
  expect(r.status, r.stderr).toBe(0)
  return parseCfgText(readFileSync(output, 'utf8')).map((s) => s.energy!)
}

/** Formation energies (meV/atom) against the lowest pure entry of each element. */
function formation(energy: number[]): number[] {
  const perAtom = energy.map((e, i) => e / natoms[i])
  const mu = (x: number) => Math.min(...perAtom.filter((_, i) => xPd[i] === x))
  return perAtom.map((e, i) => (e - (1 - xPd[i]) * mu(0) - xPd[i] * mu(1)) * 1000)
}

/** Brute force: the lower hull at x is the lowest chord between two entries (or references at 0) around x. */
function aboveHull(ef: number[]): number[] {
  const pts = [{ x: 0, e: 0 }, { x: 1, e: 0 }, ...ef.map((e, i) => ({ x: xPd[i], e })).filter((p) => Number.isFinite(p.e))]
  const hull = (x: number) => {
    let best = Infinity
    for (const a of pts)
      for (const b of pts) {
        if (a.x > x || b.x < x) continue
        best = Math.min(best, a.x === b.x ? Math.min(a.e, b.e) : a.e + ((b.e - a.e) * (x - a.x)) / (b.x - a.x))
      }
    return best
  }
  return ef.map((e, i) => Math.max(0, e - hull(xPd[i])))
}

function stableIds(ef: number[], above: number[]): number[] {
  return ids.filter((_, i) => Number.isFinite(ef[i]) && above[i] <= 1e-6 && !ids.some((__, j) => j < i && xPd[j] === xPd[i] && ef[j] <= ef[i]))
}

async function compare(input: HullCompareInput): Promise<HullCompareView> {
  return hullCompareResult.parse(await runHullCompare((o) => supervisor.start(o), fx.project.db, hullCompareRequest.parse(input)))
}

function column(view: HullCompareView, name: keyof HullCompareView['columns']): number[] {
  const type = ['id', 'natoms', 'formula'].includes(name) ? 'i32' : ['hasDft', 'inDftJob', 'dftStable', 'mtpStable', 'mtpStableMembers'].includes(name) ? 'u8' : 'f64'
  return Array.from(decodeColumn(view.columns[name], type as 'f64', name === 'composition' ? view.rows * 2 : view.rows))
}

const sorted = (a: number[]) => [...a].sort((x, y) => x - y)

describe('hull-compare with the built-in EAM (one member)', () => {
  it('matches formation energies, energies above hull and the stable set recomputed from the engine', async () => {
    const view = await compare({ potentials: { kind: 'eam', elements: ['Ag', 'Pd'] }, candidates: { tag: 'candidates' } })
    expect(view.rows).toBe(625)
    expect(column(view, 'id')).toEqual(ids)
    expect(column(view, 'hasDft').reduce((a, b) => a + b, 0)).toBe(fx.dftIds.length)
    const ef = formation(engineEnergies(['reference', 'eam', '--elements', 'Ag,Pd'], 'eam'))
    const above = aboveHull(ef)
    const mtp = column(view, 'mtpFormationMeV')
    ef.forEach((v, i) => expect(mtp[i]).toBeCloseTo(v, 6))
    column(view, 'mtpEAboveHullMeV').forEach((v, i) => expect(v).toBeCloseTo(above[i], 6))
    // One member: no spread, the interval collapses onto the value.
    expect(column(view, 'mtpFormationStdMeV').every((s) => s === 0)).toBe(true)
    expect(column(view, 'mtpEAboveHullLo95MeV')).toEqual(column(view, 'mtpEAboveHullHi95MeV'))
    expect(view.summary.mtpStable).toEqual(expect.arrayContaining(stableIds(ef, above)))
    expect(view.summary.mtpStable).toHaveLength(stableIds(ef, above).length)

    // The DFT side is 'analysis/hull' of the entries with energies; RMSE against the file's mixing energies.
    const hull = projectHullColumns(fx.project.db, { elements: ['Ag', 'Pd'] })
    const dft = column(view, 'dftFormationMeV')
    const hullEf = new Map(Array.from(decodeColumn(hull.columns.id, 'i32', hull.rows), (id, r) => [id, decodeColumn(hull.columns.formationEnergyMeV, 'f64', hull.rows)[r]]))
    ids.forEach((id, i) => (hullEf.has(id) ? expect(dft[i]).toBe(hullEf.get(id)) : expect(dft[i]).toBeNaN()))
    expect(view.summary.dftStable).toEqual(hull.stable)
    const diffs = ids.flatMap((id, i) => (mixingMeV.has(id) ? [ef[i] - mixingMeV.get(id)!] : []))
    expect(view.summary.compared).toBe(fx.dftIds.length)
    expect(view.summary.rmseMeV).toBeCloseTo(Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / diffs.length), 6)
    expect(view.summary.missedByMtp).toEqual(hull.stable.filter((id) => !view.summary.mtpStable.includes(id)))
  }, 120_000)
})

describe('hull-compare with an ensemble of three level-6 MTPs', () => {
  it('gives the intervals and RMSE the members’ own energies give', async () => {
    const set = createTrainingSetVersion(fx.project.db, { name: 'agpd', filter: { ids: fx.dftIds.filter((_, k) => k % 3 === 0) } })
    const host = { requireProject: () => fx.project, supervisor, events: new EventBus() }
    const run = await runTraining(host, { trainingSetId: set.id, level: 6, ensemble: 3, maxIterations: 40, threads: 1, validationFraction: 0, seed: 1 })
    expect(run.status, run.error ?? '').toBe('succeeded')
    const view = await compare({ potentials: { kind: 'ensemble', name: `training run ${run.id}` }, candidates: { tag: 'candidates' } })
    expect(view.members).toHaveLength(3)

    const members = run.potentials.map((p, m) => {
      const path = join(dir, `member-${m}.mtp`)
      writeFileSync(path, getPotential(fx.project.db, p.id)!.mtpText)
      return formation(engineEnergies(['calc-efs', path], `member-${m}`))
    })
    const above = members.map(aboveHull)
    const [mean, std, lo, hi, eah, eahLo, eahHi] = ['mtpFormationMeV', 'mtpFormationStdMeV', 'mtpFormationLo95MeV', 'mtpFormationHi95MeV', 'mtpEAboveHullMeV', 'mtpEAboveHullLo95MeV', 'mtpEAboveHullHi95MeV'].map((c) => column(view, c as 'id'))
    const stableMembers = column(view, 'mtpStableMembers')
    const meanEf: number[] = []
    for (let i = 0; i < view.rows; i++) {
      const v = members.map((m) => m[i])
      const m = (v[0] + v[1] + v[2]) / 3
      const s = Math.sqrt(((v[0] - m) ** 2 + (v[1] - m) ** 2 + (v[2] - m) ** 2) / 2)
      meanEf.push(m)
      expect(mean[i]).toBeCloseTo(m, 6)
      expect(std[i]).toBeCloseTo(s, 6)
      expect(lo[i]).toBeCloseTo(m - 1.96 * s, 6)
      expect(hi[i]).toBeCloseTo(m + 1.96 * s, 6)
      const a = above.map((x) => x[i])
      const am = (a[0] + a[1] + a[2]) / 3
      const as = Math.sqrt(((a[0] - am) ** 2 + (a[1] - am) ** 2 + (a[2] - am) ** 2) / 2)
      expect(eahLo[i]).toBeCloseTo(Math.max(0, am - 1.96 * as), 6)
      expect(eahHi[i]).toBeCloseTo(am + 1.96 * as, 6)
      // Cells of one structure in different supercells tie to round-off; which one counts as on the hull is then arbitrary.
      const tied = members.some((ef) => ids.some((_, j) => j !== i && xPd[j] === xPd[i] && Math.abs(ef[j] - ef[i]) < 1e-6))
      if (!tied) expect(stableMembers[i]).toBe(a.filter((x, k) => x <= 1e-6 && stableIds(members[k], above[k]).includes(ids[i])).length)
    }
    const meanAbove = aboveHull(meanEf)
    eah.forEach((v, i) => expect(v).toBeCloseTo(meanAbove[i], 6))
    // Stable compositions (which of two tied cells of one structure is listed is arbitrary).
    const xOf = (list: number[]) => sorted([...new Set(list.map((id) => xPd[ids.indexOf(id)]))])
    expect(xOf(view.summary.mtpStable)).toEqual(xOf(stableIds(meanEf, meanAbove)))
    expect(view.summary.mtpStable).toHaveLength(xOf(view.summary.mtpStable).length)
    const rmse = (ef: number[]) => {
      const d = ids.flatMap((id, i) => (mixingMeV.has(id) ? [ef[i] - mixingMeV.get(id)!] : []))
      return Math.sqrt(d.reduce((a, x) => a + x * x, 0) / d.length)
    }
    expect(view.summary.rmseMeV).toBeCloseTo(rmse(meanEf), 6)
    view.summary.memberRmseMeV.forEach((r, m) => expect(r).toBeCloseTo(rmse(members[m]), 6))
    // Trained on a third of the DFT entries at level 6: tens of meV/atom at most, not a broken fit.
    expect(view.summary.rmseMeV).toBeLessThan(30)
    expect(view.summary.candidatesOnMtpHull.every((id) => fx.candidateIds.includes(id))).toBe(true)
  }, 300_000)
})

describe('hull-compare with relaxation', () => {
  it('relaxes with each member and leaves a structure that cannot relax without MTP values', async () => {
    // A candidate whose first two atoms sit 0.5 Å apart: below the relaxation's smallest allowed distance.
    const base = readStructure(fx.project.db, fx.candidateIds[0])!
    const broken = { ...base, energy: null, positions: Float64Array.from(base.positions) }
    broken.positions.set([broken.positions[0] + 0.5, broken.positions[1], broken.positions[2]], 3)
    const file = join(dir, 'broken.cfg')
    writeFileSync(file, formatCfgFile([broken], { lossless: true, species: ['Ag', 'Pd'] }))
    expect(broken.natoms).toBeGreaterThan(1)
    const [brokenId] = (await importFile(fx.project.db, file, { species: ['Ag', 'Pd'], detectDuplicates: false, tags: ['broken'] })).ids
    const view = await compare({ potentials: { kind: 'eam', elements: ['Ag', 'Pd'] }, relax: 'ions', candidates: { tag: 'broken' } })
    expect(view.rows).toBe(fx.dftIds.length + 1)
    expect(view.summary.unevaluated).toBe(1)
    const row = column(view, 'id').indexOf(brokenId)
    expect(column(view, 'mtpFormationMeV')[row]).toBeNaN()
    expect(column(view, 'mtpEAboveHullLo95MeV')[row]).toBeNaN()
    expect(view.warnings.join()).toMatch(/1 entries could not be evaluated/)
    // Every other entry relaxed and has its value.
    expect(column(view, 'mtpFormationMeV').filter((v) => !Number.isFinite(v))).toHaveLength(1)
  }, 120_000)
})
