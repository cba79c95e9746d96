import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { EngineJob } from '../../../src-main/engine/job'
import { EngineSupervisor, type SupervisorEvent } from '../../../src-main/engine/supervisor'
import { isTerminal } from '../../../src-main/contract/entities'
import { isAlive, tempDir, waitFor } from '../support/temp'

const fakeEngine = fileURLToPath(new URL('./fixtures/fake-engine.mjs', import.meta.url))

/** Waits until the job has printed a progress line (its signal handlers are installed by then). */
const progressed = (job: EngineJob) =>
  waitFor(() => {
    const s = job.view().state
    return s.status === 'running' && s.progress
  }, 15_000, 'first progress')

function setup(opts: { graceMs?: number; helloTimeoutMs?: number; engine?: string } = {}) {
  const logDir = tempDir()
  const supervisor = new EngineSupervisor({ enginePath: () => opts.engine ?? fakeEngine, logDir, graceMs: opts.graceMs ?? 500, helloTimeoutMs: opts.helloTimeoutMs })
  const events: SupervisorEvent[] = []
  supervisor.subscribe((e) => events.push(e))
  return { supervisor, events, logDir }
}

describe('EngineSupervisor', () => {
  it('runs a job to success, forwarding progress and logs, stderr to the job log', async () => {
    const { supervisor, events } = setup()
    const job = await supervisor.run({ command: 'ok', args: [] })
    expect(job.state).toMatchObject({ status: 'succeeded', result: { answer: 42, engine: '0.0.0-fake' } })
    const progress = events.filter((e) => e.type === 'progress')
    expect(progress.map((e) => e.type === 'progress' && e.progress.done)).toEqual([0, 1, 2, 3])
    expect(progress[1]).toMatchObject({ progress: { stage: 'work', total: 3, extra: { loss: 0.5 } } })
    expect(events.find((e) => e.type === 'log')).toMatchObject({ level: 'info', message: 'starting' })
    const statuses = events.filter((e) => e.type === 'state').map((e) => e.type === 'state' && e.job.state.status)
    // State events mark status changes only; progress travels as progress events.
    expect(statuses).toEqual(['running', 'succeeded'])
    expect(readFileSync(job.logPath, 'utf8')).toBe('human log line 1\nhuman log line 2\n')
  })

  it('reports a protocol version mismatch clearly', async () => {
    const { supervisor } = setup()
    const job = await supervisor.run({ command: 'mismatch' })
    expect(job.state.status).toBe('failed')
    if (job.state.status !== 'failed') return
    expect(job.state.error.code).toBe('engine_protocol')
    expect(job.state.error.message).toMatch(/protocol mismatch: .* speaks "mtp-engine" version 99, this app needs "mtp-engine" version 1; rebuild/)
  })

  it('reports another protocol name and a missing hello', async () => {
    const { supervisor } = setup()
    const wrong = await supervisor.run({ command: 'wrong-protocol' })
    expect(wrong.state.status === 'failed' && wrong.state.error.message).toMatch(/speaks "mlip"/)
    const none = await supervisor.run({ command: 'no-hello' })
    expect(none.state.status === 'failed' && none.state.error.message).toMatch(/did not start with a hello line/)
  })

  it('fails and kills the engine on an invalid protocol line', async () => {
    const { supervisor } = setup()
    const job = supervisor.start({ command: 'bad-line' })
    const done = await job.done()
    expect(done.state.status).toBe('failed')
    if (done.state.status !== 'failed') return
    expect(done.state.error.message).toMatch(/line 2: progress: done: done > total/)
    expect(isAlive(job.pid!)).toBe(false)
  })

  it('fails a job that prints nothing within the hello timeout', async () => {
    const { supervisor } = setup({ helloTimeoutMs: 300 })
    const job = await supervisor.run({ command: 'silent' })
    expect(job.state.status === 'failed' && job.state.error.message).toMatch(/no hello line within 300 ms/)
  })

  it('distinguishes a crash, an engine error, a result with a bad exit code and output after the result', async () => {
    const { supervisor } = setup()
    const crash = await supervisor.run({ command: 'crash' })
    expect(crash.state).toMatchObject({ status: 'failed', exitCode: 3, error: { code: 'engine_crashed' } })
    expect(readFileSync(crash.logPath, 'utf8')).toContain('segmentation fault (pretend)')
    const error = await supervisor.run({ command: 'error' })
    expect(error.state).toMatchObject({ status: 'failed', exitCode: 1, error: { code: 'parse', file: 'train.cfg', line: 12, field: 'Energy' } })
    const nonzero = await supervisor.run({ command: 'result-nonzero' })
    expect(nonzero.state).toMatchObject({ status: 'failed', exitCode: 2, error: { code: 'engine_protocol' } })
    const late = await supervisor.run({ command: 'after-result' })
    expect(late.state.status === 'failed' && late.state.error.message).toMatch(/output after the final result/)
  })

  it('reassembles lines written in pieces, split inside UTF-8 characters', async () => {
    const { supervisor, events } = setup()
    const job = await supervisor.run({ command: 'chunked' })
    expect(job.state.status).toBe('succeeded')
    expect(events.find((e) => e.type === 'log')).toMatchObject({ message: 'Å γ done' })
  })

  it('cancels with SIGTERM when the engine cooperates', async () => {
    const { supervisor } = setup({ graceMs: 5000 })
    const job = supervisor.start({ command: 'sleep' })
    await progressed(job)
    const t0 = Date.now()
    expect(supervisor.cancel(job.id).state.status).toBe('cancelling')
    const done = await job.done()
    expect(done.state.status).toBe('cancelled')
    expect(Date.now() - t0).toBeLessThan(4000)
    expect(readFileSync(done.logPath, 'utf8')).toContain('got SIGTERM')
  })

  it('escalates to SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const { supervisor } = setup({ graceMs: 400 })
    const job = supervisor.start({ command: 'stubborn' })
    await progressed(job)
    const t0 = Date.now()
    supervisor.cancel(job.id)
    const done = await job.done()
    expect(done.state.status).toBe('cancelled')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380)
    expect(isAlive(job.pid!)).toBe(false)
    expect(readFileSync(done.logPath, 'utf8')).toContain('ignoring SIGTERM')
  })

  it('kills every running job on shutdown and refuses new ones', async () => {
    const { supervisor } = setup({ graceMs: 300 })
    const jobs = [supervisor.start({ command: 'stubborn' }), supervisor.start({ command: 'sleep' })]
    for (const j of jobs) await progressed(j)
    await supervisor.shutdown()
    for (const j of jobs) {
      expect(isTerminal(j.view().state)).toBe(true)
      expect(isAlive(j.pid!)).toBe(false)
    }
    expect(() => supervisor.start({ command: 'ok' })).toThrow(/shutting down/)
  })

  it('reports a missing engine binary as a failed job, not a crash of the app', async () => {
    const dir = tempDir()
    const { supervisor } = setup({ engine: join(dir, 'no-such-engine') })
    const job = await supervisor.run({ command: 'version' })
    expect(job.state).toMatchObject({ status: 'failed', error: { code: 'engine_unavailable' } })
    expect(existsSync(job.logPath)).toBe(true)
  })

  it('lists jobs newest first, reads log tails and rejects unknown ids', async () => {
    const { supervisor } = setup()
    const a = await supervisor.run({ command: 'ok', label: 'first' })
    const b = await supervisor.run({ command: 'ok', label: 'second' })
    expect(supervisor.list().map((j) => j.id)).toEqual([b.id, a.id].sort().reverse())
    expect(supervisor.readLog(a.id, 10)).toEqual({ text: 'og line 2\n', truncated: true })
    expect(supervisor.readLog(a.id, 1000)).toEqual({ text: 'human log line 1\nhuman log line 2\n', truncated: false })
    expect(() => supervisor.cancel('nope')).toThrow(/no job nope/)
  })
})
