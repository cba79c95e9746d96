/**
 * `mtp-studio hull --project P` with a force field (the built-in EAM here): DFT and MTP side by side
 * per entry with its source, the stable sets, the near-hull list and DFT jobs written for it (once);
 * without a force field the output keeps its old form; usage errors exit 2.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src-main/cli/main'
import { hullResult, hullSendResult } from '../../../src-main/contract'
import { icetFrames, icetProject } from '../analysis/icet-project'
import { tempDir } from '../support/temp'

async function cli(args: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), env: { ...process.env, MTP_STUDIO_HOME: tempDir() } })
  return { code, out, err }
}

interface CliEntry {
  id: number
  source: { file: string | null; frame: number | null; label: string | null } | null
  formula: string
  composition: number[]
  dft: { formationEnergyMeV: number | null; eAboveHullMeV: number | null; stable: boolean } | null
  mtp: { formationEnergyMeV: number | null; formationLo95MeV: number | null; eAboveHullMeV: number | null; eAboveHullLo95MeV: number | null; stable: boolean }
}

describe('mtp-studio hull with a force field', () => {
  it('lists DFT and EAM side by side for the whole icet set; DFT stable set as in the manifest', async () => {
    const fx = await icetProject(tempDir(), () => true)
    const path = fx.project.path
    fx.project.close()
    const r = await cli(['hull', '--project', path, '--eam', 'Ag,Pd', '--json'])
    expect(r.code, r.err).toBe(0)
    const j = JSON.parse(r.out) as { entries: CliEntry[]; summary: { dftStable: number[]; mtpStable: number[]; compared: number; rmseMeV: number }; members: unknown[] }
    expect(j.entries).toHaveLength(625)
    expect(j.members).toHaveLength(1)
    const frames = await icetFrames()
    for (const e of j.entries) {
      const frame = frames[e.source!.frame!]
      expect(e.source!.file).toMatch(/dft\.cfg$/)
      expect(e.dft!.formationEnergyMeV).toBeCloseTo((frame.energy! / frame.natoms) * 1000, 9)
      expect(e.mtp.formationEnergyMeV).toBe(e.mtp.formationLo95MeV)
    }
    const x = (ids: number[]) => ids.map((id) => Number(j.entries.find((e) => e.id === id)!.composition[1].toFixed(3))).sort((a, b) => a - b)
    expect(x(j.summary.dftStable)).toEqual([0, 0.125, 0.25, 0.333, 0.375, 0.5, 1])
    expect(j.entries.filter((e) => e.mtp.stable).map((e) => e.id).sort()).toEqual([...j.summary.mtpStable].sort())
    expect(j.summary.compared).toBe(625)
    const d = j.entries.map((e) => e.mtp.formationEnergyMeV! - e.dft!.formationEnergyMeV!)
    expect(j.summary.rmseMeV).toBeCloseTo(Math.sqrt(d.reduce((a, v) => a + v * v, 0) / d.length), 6)

    const human = await cli(['hull', '--project', path, '--eam', 'Ag,Pd'])
    expect(human.out).toMatch(/MTP vs DFT formation energy over 625 entries: RMSE \d+\.\d\d/)
    const given = JSON.parse((await cli(['hull', '--project', path, '--eam', 'Ag,Pd', '--mtp-reference', 'Ag=-2.5,Pd=-3.5', '--json'])).out)
    expect(given.members[0].references).toEqual([{ element: 'Ag', mu: -2.5, entryId: null }, { element: 'Pd', mu: -3.5, entryId: null }])
    // Without a force field: the plain hull as before.
    expect(hullResult.parse(JSON.parse((await cli(['hull', '--project', path, '--json'])).out)).entries).toHaveLength(625)
  }, 120_000)

  it('sends the near-hull candidates to DFT once; usage errors exit 2', async () => {
    const fx = await icetProject(tempDir(), (k) => k < 2 || k % 3 !== 1, (k) => k % 3 === 1)
    const path = fx.project.path
    fx.project.close()
    const out = tempDir()
    const args = ['hull', '--project', path, '--eam', 'Ag,Pd', '--candidates-tag', 'candidates', '--near', '60', '--max', '12', '--json']
    const preview = await cli(args)
    expect(preview.code, preview.err).toBe(0)
    const p = JSON.parse(preview.out) as { entries: CliEntry[]; near: unknown }
    const near = hullSendResult.parse(p.near)
    const candidates = p.entries.filter((e) => e.dft === null && e.mtp.eAboveHullLo95MeV! <= 60)
    expect(near.qualifying).toBe(p.entries.filter((e) => e.mtp.eAboveHullLo95MeV! <= 60).length)
    expect(near.chosen.map((e) => e.id)).toEqual(candidates.sort((a, b) => a.mtp.eAboveHullLo95MeV! - b.mtp.eAboveHullLo95MeV! || a.mtp.eAboveHullMeV! - b.mtp.eAboveHullMeV! || a.id - b.id).slice(0, 12).map((e) => e.id))
    expect(near.chosen).toHaveLength(12)
    expect(near.jobIds).toEqual([])

    const sent = hullSendResult.parse(JSON.parse((await cli([...args, '--send-to-dft', 'eam', '--out', out, '--batch', 'b1'])).out).near)
    expect(sent.chosen.map((e) => e.id)).toEqual(near.chosen.map((e) => e.id))
    expect(sent.jobIds).toHaveLength(12)
    expect(existsSync(join(out, 'b1', 'submit.slurm'))).toBe(true)
    const again = hullSendResult.parse(JSON.parse((await cli([...args, '--send-to-dft', 'eam', '--out', out, '--batch', 'b2'])).out).near)
    expect(again.chosen.map((e) => e.id).some((id) => sent.chosen.some((e) => e.id === id))).toBe(false)
    expect(again.skipped.inDftJob).toBe(12)

    expect((await cli(['hull', '--project', path, '--near', '5'])).code).toBe(2)
    expect((await cli(['hull', '--project', path, '--eam', 'Ag,Pd', '--near', '5', '--send-to-dft', 'eam'])).code).toBe(2)
    expect((await cli(['hull', '--project', path, '--eam', 'Ag,Pd', '--relax', 'some'])).code).toBe(2)
    expect((await cli(['hull', '--project', path, '--eam', 'Ag,Pd', '--ensemble', 'x'])).code).toBe(2)
    const missing = await cli(['hull', '--project', path, '--ensemble', 'none'])
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/no potentials in ensemble "none"/)
  }, 120_000)
})
