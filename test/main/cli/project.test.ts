import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../../src-main/db/migrations/index'
import { tempDir } from '../support/temp'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))

function mtpStudio(args: string[], home: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, MTP_STUDIO_HOME: home }, encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('mtp-studio project', () => {
  it('creates a project, lists it as recent, and prints its info as JSON', () => {
    const home = tempDir()
    const dir = tempDir()
    const created = mtpStudio(['project', 'create', join(dir, 'alloy'), '--name', 'Ag–Pd alloy', '--json'], home)
    expect(created.code, created.err).toBe(0)
    const summary = JSON.parse(created.out)
    expect(summary).toMatchObject({ path: join(dir, 'alloy.mtpstudio'), name: 'Ag–Pd alloy', schemaVersion: LATEST_SCHEMA_VERSION, counts: { configurations: 0 } })

    const info = mtpStudio(['project', 'info', '--project', join(dir, 'alloy.mtpstudio'), '--json'], home)
    expect(info.code, info.err).toBe(0)
    expect(JSON.parse(info.out)).toEqual(summary)
    const human = mtpStudio(['project', 'info', join(dir, 'alloy.mtpstudio')], home)
    expect(human.out).toMatch(/^project\s+Ag–Pd alloy$/m)
  })

  it('exits 2 with usage on bad arguments and 1 on runtime errors', () => {
    const home = tempDir()
    const usage = mtpStudio(['project', 'info', '--bogus'], home)
    expect(usage.code).toBe(2)
    expect(usage.err).toMatch(/Unknown option '--bogus'[\s\S]*usage:/)
    expect(mtpStudio(['project'], home).code).toBe(2)
    expect(mtpStudio(['frobnicate'], home).code).toBe(2)
    const missing = mtpStudio(['project', 'info', '--project', join(tempDir(), 'none.mtpstudio')], home)
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/no project file at/)
  })

  it('lists its commands', () => {
    const help = mtpStudio(['help'], tempDir())
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/^\s+project\s/m)
    expect(help.out).toMatch(/^\s+serve\s/m)
  })
})
