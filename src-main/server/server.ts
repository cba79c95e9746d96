/**
 * Browser mode: the contract over HTTP (POST /api/<domain>/<action>, JSON envelope) and push
 * events over a WebSocket (/ws), plus the built renderer, on a loopback address only, every
 * request guarded by the per-launch token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { EventBus } from '../app/event-bus.js'
import type { Envelope } from '../contract/api.js'
import type { ErrorCode } from '../contract/errors.js'
import { requestNames } from '../contract/requests.js'
import type { Dispatch } from '../handlers/index.js'
import { checkAccess, isLoopbackHost, TOKEN_COOKIE } from './auth.js'
import { resolveStatic, sendFile } from './static-files.js'

export interface ServerOptions {
  dispatch: Dispatch
  events: EventBus
  token: string
  host?: string
  port?: number
  /** Directory of the built renderer; requests outside /api and /ws are served from it. */
  staticDir: string
}

export interface RunningServer {
  url: string
  host: string
  port: number
  close(): Promise<void>
}

const MAX_BODY_BYTES = 16 * 1024 * 1024

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unknown_request: 404,
  not_found: 404,
  no_project: 409,
  project_exists: 409,
  not_a_project: 422,
  project_too_new: 422,
  engine_unavailable: 503,
  engine_protocol: 502,
  // A computation the user cancelled ended as asked: the exchange itself succeeded. Any other status
  // would make the browser log a failed resource load for a normal outcome.
  cancelled: 200,
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' })
  res.end(text)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** Refuses anything but a loopback address: browser mode is reached from elsewhere by SSH tunnel only. */
export function assertLoopback(host: string): void {
  if (!isLoopbackHost(host)) {
    throw new Error(
      `refusing to listen on ${host}: browser mode listens on loopback only (127.0.0.1 or ::1). ` +
        'To use it from another machine, forward the port over SSH (ssh -L 8765:127.0.0.1:PORT host).',
    )
  }
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, dispatch: Dispatch): Promise<void> {
  const name = url.pathname.slice('/api/'.length)
  if (req.method === 'GET' && name === 'requests') return sendJson(res, 200, { requests: requestNames })
  if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'use POST' } })
  let input: unknown
  try {
    const text = await readBody(req)
    input = text.trim() ? JSON.parse(text) : {}
  } catch (e) {
    return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `bad JSON body: ${(e as Error).message}` } })
  }
  const envelope: Envelope = await dispatch(name, input)
  sendJson(res, envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 500), envelope)
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  assertLoopback(host)
  const sockets = new Set<WebSocket>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const access = checkAccess(req, url, opts.token)
    if (!access.ok) return sendJson(res, access.status, { ok: false, error: { code: 'unauthorized', message: access.reason } })
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, url, opts.dispatch).catch((e) => sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(e) } }))
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'method not allowed' } })
    if (url.searchParams.has('token')) {
      // The page's own asset requests then carry the token as a same-site cookie.
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${opts.token}; Path=/; HttpOnly; SameSite=Strict`)
    }
    // Unknown paths fall back to index.html (client-side routes).
    const file = resolveStatic(opts.staticDir, url.pathname) ?? resolveStatic(opts.staticDir, '/index.html')
    if (!file) {
      return sendJson(res, 404, {
        ok: false,
        error: { code: 'not_found', message: `the renderer is not built (no ${opts.staticDir}/index.html); run npm run build:renderer` },
      })
    }
    sendFile(res, file)
  })

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const access = url.pathname === '/ws' ? checkAccess(req, url, opts.token) : ({ ok: false, status: 403, reason: 'not found' } as const)
    if (!access.ok) {
      socket.end(`HTTP/1.1 ${access.status} ${access.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('error', () => sockets.delete(ws))
    })
  })

  const unsubscribe = opts.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload })
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${urlHost}:${address.port}/?token=${opts.token}`,
    host: address.address,
    port: address.port,
    close: async () => {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
