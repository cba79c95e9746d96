/**
 * 'analysis/hull-compare', its cancel and 'analysis/hull-send-to-dft' through the dispatcher, on the
 * icet Ag–Pd project (two thirds with DFT energies, a third as candidates) with the built-in EAM:
 * the entries sent are exactly those the threshold rule picks from the compare columns, the EAM job
 * folders hold them, a second send does not resend, the preview matches; cancelling leaves no jobs,
 * no work files and a cancelled engine job; bad input gets a clear error.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import { decodeColumn } from '../../../src-main/contract/columns'
import { hullCompareResult, hullSendResult, type HullCompareView } from '../../../src-main/contract/hull-compare'
import { createDispatch, createHandlers } from '../../../src-main/handlers/index'
import { icetProject } from '../analysis/icet-project'
import { tempDir } from '../support/temp'

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

async function setup() {
  const fx = await icetProject(tempDir(), (k) => k < 2 || k % 3 !== 1, (k) => k % 3 === 1)
  studio = new Studio({ mode: 'cli', home: tempDir(), example: false })
  studio.setCurrent(fx.project)
  const dispatch = createDispatch(createHandlers(studio), () => {})
  const call = async (name: string, input: unknown) => {
    const r = await dispatch(name, input)
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code })
    return r.result
  }
  return { fx, studio, dispatch, call }
}

const eam = { kind: 'eam', elements: ['Ag', 'Pd'] }

/** The near-hull rule applied to the compare columns here: no DFT energy, lower end ≤ T, lowest first. */
function expectedPick(view: HullCompareView, thresholdMeV: number, cap: number): number[] {
  const n = view.rows
  const id = decodeColumn(view.columns.id, 'i32', n)
  const hasDft = decodeColumn(view.columns.hasDft, 'u8', n)
  const lo = decodeColumn(view.columns.mtpEAboveHullLo95MeV, 'f64', n)
  const mean = decodeColumn(view.columns.mtpEAboveHullMeV, 'f64', n)
  const rows = [...Array(n).keys()].filter((r) => !hasDft[r] && lo[r] <= thresholdMeV)
  rows.sort((a, b) => lo[a] - lo[b] || mean[a] - mean[b] || id[a] - id[b])
  return rows.slice(0, cap).map((r) => id[r])
}

describe('analysis/hull-send-to-dft', () => {
  it('sends exactly the near-hull candidates as EAM jobs, once, and the preview says so first', async () => {
    const { fx, call } = await setup()
    const view = hullCompareResult.parse(await call('analysis/hull-compare', { computeId: 'c1', potentials: eam, candidates: { tag: 'candidates' } }))
    const candidateLo = decodeColumn(view.columns.mtpEAboveHullLo95MeV, 'f64', view.rows).filter((_, r) => !decodeColumn(view.columns.hasDft, 'u8', view.rows)[r])
    // A threshold that takes about a third of the candidates, and a cap below that count.
    const threshold = [...candidateLo].sort((a, b) => a - b)[Math.floor(candidateLo.length / 3)]
    const all = expectedPick(view, threshold, Infinity)
    expect(all.length).toBeGreaterThan(10)
    const cap = all.length - 5
    const expected = expectedPick(view, threshold, cap)

    const preview = hullSendResult.parse(await call('analysis/hull-send-to-dft', { computeId: 'c1', thresholdMeV: threshold, maxCount: cap, preview: true }))
    expect(preview.chosen.map((e) => e.id)).toEqual(expected)
    expect(preview.skipped.overCap).toBe(5)
    expect(preview.jobIds).toEqual([])
    expect(fx.project.db.prepare('SELECT count(*) FROM dft_jobs').pluck().get()).toBe(0)

    const out = tempDir()
    const sent = hullSendResult.parse(await call('analysis/hull-send-to-dft', { computeId: 'c1', thresholdMeV: threshold, maxCount: cap, export: { code: 'eam', out, batch: 'near-hull' } }))
    expect(sent.chosen.map((e) => e.id)).toEqual(expected)
    expect(sent.jobIds).toHaveLength(expected.length)
    expect(sent.folder).toBe(join(out, 'near-hull'))
    const jobs = readFileSync(join(sent.folder!, 'jobs.txt'), 'utf8').trim().split('\n')
    expect(jobs).toHaveLength(expected.length)
    const configurations = jobs.map((j) => {
      expect(readFileSync(join(sent.folder!, j, 'elements.txt'), 'utf8').trim()).toMatch(/^(Ag|Pd|Ag,Pd)$/)
      expect(existsSync(join(sent.folder!, j, 'in.cfg'))).toBe(true)
      return JSON.parse(readFileSync(join(sent.folder!, j, 'job.json'), 'utf8')).configuration as number
    })
    expect(configurations).toEqual(expected)

    // Idempotent: the same request again (and its preview) now finds them all in DFT jobs.
    const again = hullSendResult.parse(await call('analysis/hull-send-to-dft', { computeId: 'c1', thresholdMeV: threshold, maxCount: cap, export: { code: 'eam', out } }))
    expect(again.chosen.map((e) => e.id)).toEqual(all.slice(cap))
    expect(again.skipped.inDftJob).toBe(expected.length)
    const later = hullSendResult.parse(await call('analysis/hull-send-to-dft', { computeId: 'c1', thresholdMeV: threshold, preview: true }))
    expect(later.chosen).toEqual([])
    expect(later.skipped.inDftJob).toBe(all.length)
    expect(fx.project.db.prepare('SELECT count(*) FROM dft_jobs').pluck().get()).toBe(all.length)

    // A fresh compare sees the jobs; sending from one computed in the same request works too.
    const fresh = hullSendResult.parse(await call('analysis/hull-send-to-dft', { compare: { potentials: eam, candidates: { tag: 'candidates' } }, thresholdMeV: threshold, preview: true }))
    expect(fresh.chosen).toEqual([])
    await expect(call('analysis/hull-send-to-dft', { computeId: 'nope', thresholdMeV: 1, preview: true })).rejects.toThrow(/no finished hull comparison nope/)
    await expect(call('analysis/hull-send-to-dft', { computeId: 'c1', thresholdMeV: 1 })).rejects.toThrow(/export options/)
  }, 180_000)
})

describe('analysis/hull-compare', () => {
  it('is cancelled mid-run without leaving anything behind', async () => {
    const { fx, studio: s, dispatch, call } = await setup()
    const tmp = mkdtempSync(join(tempDir(), 'tmp-'))
    const saved = process.env.TMPDIR
    process.env.TMPDIR = tmp
    try {
      let cancelled: Promise<unknown> | null = null
      let during: string[] = []
      s.events.subscribe((event, payload) => {
        const p = payload as { computeId?: string; jobId?: string | null }
        if (event !== 'analysis:hull-compare-progress' || !p.jobId || cancelled) return
        during = readdirSync(tmp)
        cancelled = call('analysis/hull-compare-cancel', { computeId: 'slow' })
      })
      // Relaxing every cell takes seconds: the cancel arrives while the engine job runs.
      const r = await dispatch('analysis/hull-compare', { computeId: 'slow', potentials: eam, relax: 'full', candidates: { tag: 'candidates' } })
      expect(await cancelled).toEqual({ cancelled: true })
      expect(r.ok).toBe(false)
      expect(!r.ok && r.error).toMatchObject({ code: 'cancelled', message: expect.stringMatching(/^cancelled/) })
      expect(s.supervisor.list().map((j) => j.state.status)).toEqual(['cancelled'])
      // The work folder existed while the engine ran and is gone.
      expect(during).toEqual([expect.stringMatching(/^mtp-studio-hull-/)])
      expect(readdirSync(tmp)).toEqual([])
      expect(fx.project.db.prepare('SELECT count(*) FROM dft_jobs').pluck().get()).toBe(0)
      expect(await call('analysis/hull-compare-cancel', { computeId: 'slow' })).toEqual({ cancelled: false })
    } finally {
      if (saved === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = saved
    }
  }, 120_000)

  it('names what is wrong with bad input', async () => {
    const { call } = await setup()
    await expect(call('analysis/hull-compare', { potentials: { kind: 'ensemble', name: 'missing' } })).rejects.toThrow(/no potentials in ensemble "missing"/)
    await expect(call('analysis/hull-compare', { potentials: { kind: 'eam', elements: ['Cu', 'Au'] } })).rejects.toThrow(/no configurations in Cu–Au/)
    await expect(call('analysis/hull-compare', { elements: ['Ag', 'Cu'], potentials: eam })).rejects.toThrow(/knows \[Ag, Pd\], not Cu/)
    await expect(call('analysis/hull-compare', { potentials: eam, relax: 'some' })).rejects.toThrow(/relax/)
    await expect(call('analysis/hull-send-to-dft', { thresholdMeV: 1, preview: true })).rejects.toThrow(/exactly one of computeId or compare/)
  }, 60_000)
})
