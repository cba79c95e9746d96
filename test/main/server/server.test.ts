import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { EventBus } from '../../../src-main/app/event-bus'
import type { ErrorCode } from '../../../src-main/contract/errors'
import type { Dispatch } from '../../../src-main/handlers/index'
import { assertLoopback, startServer, type RunningServer } from '../../../src-main/server/server'
import { isLoopbackHost } from '../../../src-main/server/auth'
import { tempDir } from '../support/temp'

const TOKEN = 'a'.repeat(48)
/** Echoes the request; 'test/fail' fails with the error code given as input.code. */
const echo: Dispatch = async (name, input) =>
  name === 'test/fail' ? { ok: false, error: { code: (input as { code: ErrorCode }).code, message: 'failed as asked' } } : { ok: true, result: { name, input } }
let server: RunningServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function start(events = new EventBus()) {
  const staticDir = tempDir()
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>MTP Studio</title>')
  mkdirSync(join(staticDir, 'assets'))
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  server = await startServer({ dispatch: echo, events, token: TOKEN, staticDir })
  return { base: `http://127.0.0.1:${server.port}`, events, staticDir }
}

/** A raw GET with a chosen Host header (fetch does not allow setting it). */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', async () => {
    await start()
    expect(server!.host).toBe('127.0.0.1')
    expect(server!.url).toBe(`http://127.0.0.1:${server!.port}/?token=${TOKEN}`)
  })

  it('refuses non-loopback addresses', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org']) {
      expect(() => assertLoopback(host)).toThrow(/loopback only/)
      await expect(startServer({ dispatch: echo, events: new EventBus(), token: TOKEN, host, staticDir: '/' })).rejects.toThrow(/refusing to listen/)
    }
    expect(['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost'].every(isLoopbackHost)).toBe(true)
  })

  it('answers 401 to requests without the right token, for the API and the page alike', async () => {
    const { base } = await start()
    expect((await fetch(`${base}/api/app/info`, { method: 'POST', body: '{}' })).status).toBe(401)
    expect((await fetch(`${base}/api/app/info`, { method: 'POST', body: '{}', headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await fetch(`${base}/`)).status).toBe(401)
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401)
    expect((await fetch(`${base}/?token=${'b'.repeat(48)}`)).status).toBe(401)
  })

  it('serves the page with the token, then its assets by the cookie it set', async () => {
    const { base } = await start()
    const page = await fetch(`${base}/?token=${TOKEN}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    const cookie = page.headers.get('set-cookie')!.split(';')[0]
    expect(await page.text()).toContain('<title>MTP Studio</title>')
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie } })
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    // Unknown paths fall back to the page (client-side routes); traversal stays inside.
    expect(await (await fetch(`${base}/data/configurations`, { headers: { cookie } })).text()).toContain('MTP Studio')
    expect(await (await fetch(`${base}/..%2f..%2fetc%2fpasswd`, { headers: { cookie } })).text()).toContain('MTP Studio')
  })

  it('runs requests with the token and validates JSON bodies', async () => {
    const { base } = await start()
    const ok = await fetch(`${base}/api/projects/open`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{"path":"/p"}' })
    expect(await ok.json()).toEqual({ ok: true, result: { name: 'projects/open', input: { path: '/p' } } })
    const bad = await fetch(`${base}/api/projects/open`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{oops' })
    expect(bad.status).toBe(400)
    expect((await fetch(`${base}/api/app/info?token=${TOKEN}`)).status).toBe(405)
  })

  it('maps error codes to HTTP statuses, with a cancel the user asked for answered as 200', async () => {
    const { base } = await start()
    const fail = (code: ErrorCode) => fetch(`${base}/api/test/fail`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ code }) })
    expect((await fail('not_found')).status).toBe(404)
    expect((await fail('engine_unavailable')).status).toBe(503)
    expect((await fail('internal')).status).toBe(500)
    const cancelled = await fail('cancelled')
    expect(cancelled.status).toBe(200)
    expect(await cancelled.json()).toEqual({ ok: false, error: { code: 'cancelled', message: 'failed as asked' } })
  })

  it('refuses foreign Host and Origin headers (DNS rebinding, cross-site pages)', async () => {
    const { base } = await start()
    const port = server!.port
    expect(await rawGet(port, `/?token=${TOKEN}`, { host: `evil.example:${port}` })).toBe(403)
    expect(await rawGet(port, `/?token=${TOKEN}`, { host: `localhost:${port}` })).toBe(200)
    const cross = await fetch(`${base}/api/app/info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' }, body: '{}' })
    expect(cross.status).toBe(403)
  })

  it('requires the token on the WebSocket and pushes events over it', async () => {
    const { events } = await start()
    const port = server!.port
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`)
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('open', () => resolve(101))
      ws.on('error', () => {})
    })
    expect(refused).toBe(401)

    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${TOKEN}`)
    await new Promise((r) => ws.once('open', r))
    const message = new Promise<string>((r) => ws.once('message', (d) => r(String(d))))
    events.emit('jobs:log', { jobId: 'j1', level: 'warn', message: 'careful' })
    expect(JSON.parse(await message)).toEqual({ event: 'jobs:log', payload: { jobId: 'j1', level: 'warn', message: 'careful' } })
    ws.close()
  })
})
