// Every request in the contract is handled by the core and reachable through both adapters:
// browser mode (HTTP) and Electron (ipcMain handlers + preload API), with the real dispatch.
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import { actionFunctionName, type Envelope } from '../../../src-main/contract/api'
import { requestNames, requests, type RequestName } from '../../../src-main/contract/requests'
import { requestChannel } from '../../../src-main/electron/channels'
import { registerRequestHandlers, type IpcMainLike } from '../../../src-main/electron/ipc'
import { buildPreloadApi } from '../../../src-main/electron/preload-api'
import { createDispatch, createHandlers } from '../../../src-main/handlers/index'
import { startServer, type RunningServer } from '../../../src-main/server/server'
import { tempDir } from '../support/temp'

const quiet = () => {}
let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup) await c()
  cleanup = []
})

function core() {
  const studio = new Studio({ mode: 'browser', home: tempDir(), example: false, env: { MTP_ENGINE_BIN: '/nonexistent/mtp-engine' } })
  cleanup.push(() => studio.dispose())
  return { studio, dispatch: createDispatch(createHandlers(studio), quiet) }
}

/** Every reply must come from a handler: anything but "unknown request". */
const handled = (e: Envelope) => e.ok || e.error.code !== 'unknown_request'

describe('contract coverage', () => {
  it('has a handler for every request and nothing else', () => {
    const { studio } = core()
    expect(Object.keys(createHandlers(studio)).sort()).toEqual([...requestNames].sort())
  })

  it('every request has a one-line doc and domain/action key', () => {
    for (const name of requestNames) {
      expect(name).toMatch(/^[a-z]+\/[a-z][A-Za-z0-9]*(-[a-z0-9]+)*$/)
      expect(requests[name].doc, name).toMatch(/^[^\n]{10,200}$/)
    }
  })

  it('browser mode: every request reaches its handler over HTTP', async () => {
    const { studio, dispatch } = core()
    const server: RunningServer = await startServer({ dispatch, events: studio.events, token: 't0ken', staticDir: tempDir() })
    cleanup.push(() => server.close())
    const base = `http://127.0.0.1:${server.port}`
    const listed = (await (await fetch(`${base}/api/requests`, { headers: { authorization: 'Bearer t0ken' } })).json()) as { requests: string[] }
    expect(listed.requests.sort()).toEqual([...requestNames].sort())
    for (const name of requestNames) {
      const res = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { authorization: 'Bearer t0ken' }, body: '{}' })
      const body = (await res.json()) as Envelope
      expect(handled(body), `${name}: ${JSON.stringify(body)}`).toBe(true)
    }
    const unknown = await fetch(`${base}/api/nope/nothing`, { method: 'POST', headers: { authorization: 'Bearer t0ken' }, body: '{}' })
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as Envelope).ok).toBe(false)
  })

  it('Electron: one ipcMain handler per request, and the preload API reaches each of them', async () => {
    const { dispatch } = core()
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => {
        expect(handlers.has(channel), `registered twice: ${channel}`).toBe(false)
        handlers.set(channel, listener)
      },
      removeHandler: (channel) => handlers.delete(channel),
    }
    const channels = registerRequestHandlers(ipcMain, (name, input) => dispatch(name, input))
    expect(channels.sort()).toEqual(requestNames.map(requestChannel).sort())

    const invoked: string[] = []
    const api = buildPreloadApi({
      invoke: async (channel, input) => {
        invoked.push(channel)
        const h = handlers.get(channel)
        if (!h) throw new Error(`No handler registered for '${channel}'`)
        return h({}, input)
      },
      on: () => {},
    }) as unknown as Record<string, Record<string, (i?: unknown) => Promise<unknown>>>
    for (const name of requestNames) {
      const [domain, action] = name.split('/')
      await api[domain][actionFunctionName(action)]({}).catch((e: { code?: string }) => {
        expect(e.code, name).not.toBe('unknown_request')
      })
    }
    expect(invoked).toEqual(requestNames.map((n: RequestName) => requestChannel(n)))
  })
})
