// The supervisor against the real native binary (built with CMake if it is not there yet).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { ENGINE_PROTOCOL_VERSION, checkEngineStream } from '../../../src-main/contract/engine-protocol'
import { probeEngine } from '../../../src-main/engine/engine-info'
import { defaultEnginePath } from '../../../src-main/engine/locate'
import { EngineSupervisor } from '../../../src-main/engine/supervisor'
import { tempDir } from '../support/temp'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
const engine = process.env.MTP_ENGINE_BIN ?? defaultEnginePath()

describe('real mtp-engine', () => {
  beforeAll(() => {
    if (existsSync(engine)) return
    const build = spawnSync(process.execPath, ['scripts/build-engine.mjs'], { cwd: repo, stdio: 'inherit' })
    expect(build.status, 'npm run engine:build failed').toBe(0)
  }, 900_000)

  it('speaks the protocol: `version --jsonl` is a valid stream with our protocol version', () => {
    const r = spawnSync(engine, ['version', '--jsonl'], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(checkEngineStream(lines)).toEqual({ ok: true })
    expect(JSON.parse(lines[0])).toMatchObject({ type: 'hello', protocol: 'mtp-engine', version: ENGINE_PROTOCOL_VERSION, command: 'version' })
  })

  it('exits by itself when its supervisor goes away (--parent-watch: stdin closed)', async () => {
    // A long evaluation (many repeats of the Mo training set); closing our end of its stdin must
    // end it, as happens when the app is killed with SIGKILL.
    const shared = fileURLToPath(new URL('../../../../shared/data/', import.meta.url))
    const child = spawn(engine, ['bench-efs', `${shared}mlearn/Mo/mtp.2020.01/fitted.mtp`, `${shared}mlearn/Mo/cfg/train.cfg`,
      '--repeat', '100000', '--threads', '1', '--jsonl', '--parent-watch'], { stdio: ['pipe', 'pipe', 'ignore'] })
    const firstLine = await new Promise<string>((resolve) => child.stdout!.once('data', (b: Buffer) => resolve(b.toString())))
    expect(JSON.parse(firstLine.split('\n')[0])).toMatchObject({ type: 'hello', command: 'bench-efs' })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.stdin!.end()
    expect(await exited).toBe(129)
  }, 120_000)

  it('runs `version` as a supervised job and reports the engine version', async () => {
    const supervisor = new EngineSupervisor({ enginePath: () => engine, logDir: tempDir() })
    const info = await probeEngine(supervisor, engine)
    expect(info).toMatchObject({ found: true, problem: null, protocolVersion: ENGINE_PROTOCOL_VERSION })
    expect(info.engineVersion).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('reports an engine usage error as a failed job with the engine’s message', async () => {
    const supervisor = new EngineSupervisor({ enginePath: () => engine, logDir: tempDir() })
    const job = await supervisor.run({ command: 'version', args: ['unexpected-argument'] })
    expect(job.state.status).toBe('failed')
    if (job.state.status !== 'failed') return
    expect(job.state.exitCode).toBe(2)
    expect(job.state.error.message).toMatch(/no arguments/)
  })
})
