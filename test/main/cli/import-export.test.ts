import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))
const MLEARN = fileURLToPath(new URL('../../../../shared/data/mlearn/', import.meta.url))

function mtpStudio(args: string[], home: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, MTP_STUDIO_HOME: home }, encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('mtp-studio import / export / jobs', () => {
  it('imports files, reports malformed ones with file:line: field, exports with filters, exports DFT jobs, counts in project info', () => {
    const home = tempDir()
    const dir = tempDir()
    const p = join(dir, 'mo.mtpstudio')
    expect(mtpStudio(['project', 'create', p], home).code).toBe(0)
    const bad = join(dir, 'bad.cfg')
    writeFileSync(bad, 'BEGIN_CFG\n Size\n    two\nEND_CFG\n')
    const imp = mtpStudio(['import', '--project', p, '--species', 'Mo', '--tag', 'mlearn', '--json', join(MLEARN, 'Mo/cfg/test.cfg'), bad], home)
    expect(imp.code, imp.err).toBe(1)
    const r = JSON.parse(imp.out)
    expect(r.imported).toHaveLength(1)
    expect(r.imported[0]).toMatchObject({ format: 'cfg', stored: 23, quarantined: 0, firstId: 1, lastId: 23 })
    expect(r.failed).toEqual([{ file: bad, line: 3, field: 'Size', message: expect.stringContaining(`${bad}:3: Size: `) }])
    const human = mtpStudio(['import', '--project', p, join(MLEARN, 'Mo/test.json'), bad], home)
    expect(human.out).toMatch(/test\.json: 23 configurations \(mlearn-json\), 0 quarantined, 23 duplicates/)
    expect(human.err).toContain(`not imported: ${bad}:3: Size:`)

    const out = join(dir, 'elastic.cfg')
    const exp = mtpStudio(['export', '--project', p, '--format', 'cfg', '--filter', 'tag=mlearn', '--filter', 'duplicate=no', '--json', out], home)
    expect(exp.code, exp.err).toBe(0)
    expect(JSON.parse(exp.out)).toMatchObject({ count: 23, format: 'cfg' })
    expect(readFileSync(out, 'utf8').match(/BEGIN_CFG/g)).toHaveLength(23)
    expect(mtpStudio(['export', '--project', p, '--format', 'xyz', out], home).code).toBe(2)
    expect(mtpStudio(['export', '--project', p, '--format', 'cfg', '--filter', 'colour=red', out], home).err).toMatch(/unknown filter key/)

    const jobs = mtpStudio(['jobs', 'export', '--project', p, '--code', 'vasp', '--encut', '520', '--kspacing', '0.25', '--filter', 'ids=1,2', '--batch', 'mo-vasp', dir], home)
    expect(jobs.code, jobs.err).toBe(0)
    expect(readdirSync(join(dir, 'mo-vasp')).sort()).toEqual(['job-000001', 'job-000002', 'jobs.txt', 'submit.pbs', 'submit.slurm'])
    expect(readdirSync(join(dir, 'mo-vasp', 'job-000001')).sort()).toEqual(['INCAR', 'KPOINTS', 'POSCAR', 'POTCAR.spec', 'job.json'])
    expect(mtpStudio(['jobs', 'list', '--project', p], home).out).toMatch(/^\s+1  mo-vasp\s+vasp\s+exported\s+configuration 1$/m)

    const info = JSON.parse(mtpStudio(['project', 'info', '--project', p, '--json'], home).out)
    expect(info.counts).toEqual({ configurations: 46, species: 1, engineRuns: 0, quarantined: 0, trainingSets: 0, potentials: 0, dftJobs: 2 })
  })
})
