// The browser-mode client against the real server adapter: requests, errors and push events.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { EventBus } from '../../../src-main/app/event-bus'
import { ApiError, createStudioApi } from '../../../src-main/contract/api'
import { requestNames } from '../../../src-main/contract/requests'
import type { Dispatch } from '../../../src-main/handlers/index'
import { startServer, type RunningServer } from '../../../src-main/server/server'
import { createHttpTransport } from '../../../src-renderer/api/http-transport'

let server: RunningServer | null = null
const dir = mkdtempSync(join(tmpdir(), 'mtp-client-'))
afterEach(async () => {
  await server?.close()
  server = null
})
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))

const dispatch: Dispatch = async (name, input) =>
  name === 'projects/open' ? { ok: false, error: { code: 'not_found', message: `no project file at ${(input as { path: string }).path}` } } : { ok: true, result: { name } }

async function client(token: string) {
  const events = new EventBus()
  server = await startServer({ dispatch, events, token: 'right-token', staticDir: dir })
  const transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${server.port}`, token, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket })
  return { api: createStudioApi(requestNames, transport), events }
}

describe('browser-mode client', () => {
  it('calls requests and turns error envelopes into ApiError', async () => {
    const { api } = await client('right-token')
    await expect(api.app.info()).resolves.toEqual({ name: 'app/info' })
    const err = await api.projects.open({ path: '/x' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'not_found', message: 'no project file at /x' })
  })

  it('fails with "unauthorized" when the token is wrong', async () => {
    const { api } = await client('wrong-token')
    await expect(api.app.info()).rejects.toMatchObject({ code: 'unauthorized' })
  })

  it('receives push events over the WebSocket', async () => {
    const { api, events } = await client('right-token')
    const got = new Promise((resolve) => api.on('projects:current', (p) => resolve(p)))
    // The socket opens asynchronously; emit until the listener has it.
    const timer = setInterval(() => events.emit('projects:current', { project: null }), 50)
    await expect(got).resolves.toEqual({ project: null })
    clearInterval(timer)
  })
})
