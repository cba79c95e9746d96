// `mtp-studio ev` and `mtp-studio elastic`: the JSON matches the contract's views, the human output
// names units and intervals, and usage errors exit with 2. EAM Cu and the mlearn Mo MTP through the engine.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src-main/cli/main'
import { elasticResultView, evResult } from '../../../src-main/contract/ev-elastic'
import { tempDir } from '../support/temp'

const MO_MTP = fileURLToPath(new URL('../../../../shared/data/mlearn/Mo/mtp.2020.01/fitted.mtp', import.meta.url))

async function cli(args: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t), env: { ...process.env, MTP_STUDIO_HOME: tempDir() } })
  return { code, out, err }
}

describe('mtp-studio ev / elastic', () => {
  it('ev --json: an ensemble of two .mtp files gives per-member fits and the summary', async () => {
    const r = await cli(['ev', '--lattice', 'bcc', '--element', 'Mo', '--a', '3.16', '--mtp', MO_MTP, '--mtp', MO_MTP, '--range', '0.05', '--points', '7', '--json'])
    expect(r.code, r.err).toBe(0)
    const v = evResult.parse(JSON.parse(r.out))
    expect(v.members.map((m) => m.points.length)).toEqual([7, 7])
    expect(v.summary.latticeConstant!.n).toBe(2)
    // The published mlearn Mo MTP: a ≈ 3.168 Å (mlearn DFT 3.1698 Å), B0 ≈ 265 GPa.
    expect(v.summary.latticeConstant!.mean).toBeCloseTo(3.168, 2)
    expect(v.summary.b0.mean).toBeGreaterThan(230)
    expect(v.summary.b0.mean).toBeLessThan(300)
    expect(v.structureLabel).toBe('bcc Mo, a = 3.16 Å')
  }, 60_000)

  it('elastic: EAM Cu in words, with units and the 6×6; --json parses as the contract view', async () => {
    const human = await cli(['elastic', '--lattice', 'fcc', '--element', 'Cu', '--a', '3.6', '--eam', 'Cu', '--delta', '0.005'])
    expect(human.code, human.err).toBe(0)
    expect(human.out).toContain('C11\tC12\tC44')
    expect(human.out).toContain('mean ± 95 % (GPa)')
    expect(human.out).toMatch(/EAM \(Zhou 2004\) Cu\t3\.61\d+,3\.61\d+,3\.61\d+\t169\.\d\t122\.\d\t75\.\d/)
    const json = await cli(['elastic', '--lattice', 'fcc', '--element', 'Cu', '--a', '3.6', '--eam', 'Cu', '--fixed-cell', '--json'])
    const v = elasticResultView.parse(JSON.parse(json.out))
    expect(v.equilibrate).toBe(false)
    // At a = 3.6 Å (below the EAM's 3.615) the cell is compressed: a residual compressive stress.
    expect(v.members[0].residualStress[0]).toBeLessThan(-1)
  }, 60_000)

  it('rejects unclear input with a usage error', async () => {
    expect((await cli(['ev', '--eam', 'Cu'])).code).toBe(2)
    expect((await cli(['ev', '--lattice', 'fcc', '--element', 'Cu', '--a', '3.6'])).code).toBe(2)
    expect((await cli(['elastic', '--lattice', 'hcp', '--element', 'Cu', '--a', '3.6', '--eam', 'Cu'])).code).toBe(2)
    const err = await cli(['ev', '--lattice', 'fcc', '--element', 'Cu', '--a', '3.6', '--eam', 'Cu', '--points', '3'])
    expect(err.code).toBe(2)
    expect(err.err).toContain('--points')
  })
})
