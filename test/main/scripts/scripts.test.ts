// The npm scripts that are not exercised elsewhere: engine:path and build-engine's messages for
// missing system tools.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
const node = (script: string, env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [join(repo, 'scripts', script)], { cwd: repo, env, encoding: 'utf8' })

describe('npm run engine:path', () => {
  it('prints the absolute engine path, exit 0 when it is executable', () => {
    const fake = fileURLToPath(new URL('../engine/fixtures/fake-engine.mjs', import.meta.url))
    const r = node('engine-path.mjs', { ...process.env, MTP_ENGINE_BIN: fake })
    expect(r.stdout).toBe(`${fake}\n`)
    expect(r.status).toBe(0)
  })

  it('prints where the engine would be and exits 1 with a hint when it is missing', () => {
    const missing = join(tempDir(), 'mtp-engine')
    const r = node('engine-path.mjs', { ...process.env, MTP_ENGINE_BIN: missing })
    expect(r.stdout).toBe(`${missing}\n`)
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/npm run engine:build/)
  })

  it('defaults to native/build/mtp-engine in this repository', () => {
    const env = { ...process.env }
    delete env.MTP_ENGINE_BIN
    expect(node('engine-path.mjs', env).stdout).toBe(`${join(repo, 'native', 'build', 'mtp-engine')}\n`)
  })
})

describe('engine build', () => {
  it('names the Debian packages for a missing cmake and C++ compiler', () => {
    const r = node('build-engine.mjs', { ...process.env, PATH: tempDir(), CXX: '' })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(/cmake is not installed — install it with: sudo apt-get install cmake/)
    expect(r.stderr).toMatch(/no C\+\+ compiler found — install one with: sudo apt-get install g\+\+/)
  })
})
