import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import { runCli } from '../../../src-main/cli/main'
import { hullColumnsResult, hullResult } from '../../../src-main/contract/analysis'
import { createDispatch, createHandlers } from '../../../src-main/handlers/index'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))
const AGAU = fileURLToPath(new URL('../../../../shared/data/pyclupan_CuAgAu/CuAgAu_pyclupan_DFT.extxyz', import.meta.url))
const AGPD = fileURLToPath(new URL('../../../../shared/data/icet_AgPd/AgPd_reference_data.extxyz', import.meta.url))

function mtpStudio(args: string[], home: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, MTP_STUDIO_HOME: home }, encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** In process (the spawned binary is exercised once below): same code path, no tsx start-up per call. */
async function inProcess(args: string[], home: string) {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), env: { ...process.env, MTP_STUDIO_HOME: home } })
  return { code, out, err }
}

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

describe('mtp-studio hull', () => {
  it('lists every entry with its source from a project, the same as from the file, and serves analysis/hull', async () => {
    const home = tempDir()
    const path = join(tempDir(), 'cuagau.mtpstudio')
    expect((await inProcess(['project', 'create', path], home)).code).toBe(0)
    const imp = await inProcess(['import', '--project', path, AGAU], home)
    expect(imp.code, imp.err).toBe(0)

    const fromProject = await inProcess(['hull', '--project', path, '--elements', 'Cu,Au', '--json'], home)
    expect(fromProject.code, fromProject.err).toBe(0)
    const p = hullResult.parse(JSON.parse(fromProject.out))
    const fromFile = hullResult.parse(JSON.parse((await inProcess(['hull', '--file', AGAU, '--elements', 'Cu,Au', '--json'], home)).out))
    expect(p.entries).toHaveLength(136)
    expect(p.skipped).toBe(1079 - 136)
    const key = (e: (typeof p.entries)[number]) => `${e.source.frame}`
    const fileByFrame = new Map(fromFile.entries.map((e) => [key(e), e]))
    for (const e of p.entries) {
      const f = fileByFrame.get(key(e))!
      expect(e.source.label).toBe(f.source.label)
      expect(e.source.file).toMatch(/CuAgAu_pyclupan_DFT\.extxyz$/)
      expect(e.formationEnergyMeV).toBeCloseTo(f.formationEnergyMeV, 9)
      expect(e.eAboveHullMeV).toBeCloseTo(f.eAboveHullMeV, 9)
      expect(e.stable).toBe(f.stable)
      expect(typeof e.id).toBe('number')
    }
    const cuau = p.entries.find((e) => e.source.label === '2-1-1')!
    expect(cuau.stable).toBe(true)
    expect(cuau.formationEnergyMeV).toBeCloseTo(-58.17, 2)
    expect(p.stable).toHaveLength(6)

    const human = await inProcess(['hull', '--project', path, '--elements', 'Cu,Au'], home)
    expect(human.out).toMatch(/stable \(6\): Cu1 \[1-0-0\] 0\.00, Cu3Au1 \[4-6-1\] -46\.14, Cu1Au1 \[2-1-1\] -58\.17/)

    studio = new Studio({ mode: 'cli', home, example: false })
    studio.setCurrent(Project.open(path))
    const dispatch = createDispatch(createHandlers(studio), () => {})
    const reply = await dispatch('analysis/hull', { elements: ['Cu', 'Ag', 'Au'] })
    expect(reply.ok).toBe(true)
    const t = hullColumnsResult.parse((reply as { result: unknown }).result)
    expect(t.rows).toBe(1079)
    expect(t.facets.every((f) => f.length === 3)).toBe(true)
    const bad = await dispatch('analysis/hull', { elements: ['Cu', 'Au'], references: { Cu: -3.7 }, tolerance: -1 })
    expect(bad.ok).toBe(false)
  }, 120_000)

  it('reads mixing energies per atom from a file (the installed binary); usage errors exit 2', async () => {
    const home = tempDir()
    const r = mtpStudio(['hull', '--file', AGPD, '--energy-key', 'mixing_energy', '--per-atom', '--json'], home)
    expect(r.code, r.err).toBe(0)
    const h = hullResult.parse(JSON.parse(r.out))
    const xs = h.entries.filter((e) => e.stable).map((e) => Number(e.composition[1].toFixed(3))).sort((a, b) => a - b)
    expect(xs).toEqual([0, 0.125, 0.25, 0.333, 0.375, 0.5, 1])
    expect(h.warnings).toEqual([])
    expect((await inProcess(['hull'], home)).code).toBe(2)
    expect((await inProcess(['hull', '--file', AGPD, '--reference', 'Ag:1'], home)).code).toBe(2)
    const noRef = await inProcess(['hull', '--file', AGAU, '--elements', 'Cu,Pt'], home)
    expect(noRef.code).toBe(1)
    expect(noRef.err).toMatch(/no pure Pt entry/)
  }, 120_000)
})
