// All engine children are killed when the app quits: a browser-mode server runs an engine job
// that ignores SIGTERM; stopping the server must still leave no engine process behind.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isAlive, tempDir, waitFor } from '../support/temp'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))
const fakeEngine = fileURLToPath(new URL('./fixtures/fake-engine.mjs', import.meta.url))

describe('quitting the app', () => {
  it('stops every engine job, escalating to SIGKILL', async () => {
    const dir = tempDir()
    const pidFile = join(dir, 'engine.pid')
    const server = spawn(process.execPath, [cli, 'serve'], {
      env: { ...process.env, MTP_STUDIO_HOME: dir, MTP_ENGINE_BIN: fakeEngine, FAKE_ENGINE_VERSION: 'stubborn', FAKE_ENGINE_PID_FILE: pidFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    server.stdout.on('data', (d) => (out += d))
    server.stderr.on('data', (d) => (out += d))
    const exited = new Promise<number | null>((r) => server.on('exit', (code) => r(code)))
    const url = await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(out)?.[0], 60_000, 'the server URL')
    const { origin, searchParams } = new URL(url)
    // engine/info runs `version`, which this fake engine never finishes.
    void fetch(`${origin}/api/engine/info`, { method: 'POST', headers: { authorization: `Bearer ${searchParams.get('token')}` }, body: '{}' }).catch(() => {})
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').length > 0, 30_000, 'the engine to start')
    const enginePid = Number(readFileSync(pidFile, 'utf8'))
    await waitFor(() => existsSync(join(dir, 'logs', 'jobs')), 5_000, 'the job log')
    expect(isAlive(enginePid)).toBe(true)
    server.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(isAlive(enginePid)).toBe(false)
  })
})
