// The Electron adapter's core half for real: the core host forked under Node (here through tsx,
// in the app from the electron-vite bundle), driven over the IPC channel as main.ts does.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { EventMessage } from '../../../src-main/electron/channels'
import { CoreHost } from '../../../src-main/electron/host-client'
import { tempDir } from '../support/temp'

const script = fileURLToPath(new URL('../../../src-main/electron/core-host.ts', import.meta.url))

describe('Electron core host', () => {
  it('answers contract requests, forwards events and stops on request', async () => {
    const events: EventMessage[] = []
    let exit: [number | null, string | null] | null = null
    const host = new CoreHost({
      script,
      nodePath: process.execPath,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, MTP_STUDIO_HOME: tempDir() },
      onEvent: (m) => events.push(m),
      onExit: (code, signal) => (exit = [code, signal]),
    })
    await host.ready
    const info = await host.invoke('app/info', {})
    expect(info).toMatchObject({ ok: true, result: { mode: 'electron' } })
    const recent = await host.invoke('projects/recent', {})
    expect(recent.ok).toBe(true)
    if (!recent.ok) return
    const [example] = recent.result as { path: string }[]
    expect(await host.invoke('projects/open', { path: example.path })).toMatchObject({ ok: true, result: { counts: { configurations: 8 } } })
    expect(events.map((e) => e.event)).toEqual(['projects:recent', 'projects:current'])
    expect(await host.invoke('projects/open', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    await host.stop()
    expect(exit).toEqual([0, null])
    expect(await host.invoke('app/info', {})).toMatchObject({ ok: false, error: { message: 'the core process has stopped' } })
  })
})
