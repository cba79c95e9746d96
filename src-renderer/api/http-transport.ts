/**
 * Browser-mode transport: requests as POST /api/<domain>/<action> with the launch token, push
 * events over one WebSocket (/ws) opened on first subscription and reopened after a drop.
 */
import type { Envelope, Transport } from '../../src-main/contract/api'
import type { EventName } from '../../src-main/contract/events'
import type { RequestName } from '../../src-main/contract/requests'

export interface HttpTransportOptions {
  /** Origin of the app server, e.g. "http://127.0.0.1:8765" (default: the page's origin). */
  baseUrl: string
  token: string
  fetch?: typeof fetch
  WebSocket?: typeof WebSocket
}

export function createHttpTransport(opts: HttpTransportOptions): Transport {
  const doFetch = opts.fetch ?? fetch.bind(globalThis)
  const WS = opts.WebSocket ?? globalThis.WebSocket
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let socket: WebSocket | null = null
  let retryMs = 500

  const connect = () => {
    const url = new URL('/ws', opts.baseUrl)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    url.searchParams.set('token', opts.token)
    const ws = new WS(url.toString())
    socket = ws
    ws.onopen = () => (retryMs = 500)
    // A failed connection is followed by 'close', which schedules the retry.
    ws.onerror = () => {}
    ws.onmessage = (m) => {
      let msg: { event: string; payload: unknown }
      try {
        msg = JSON.parse(String(m.data))
      } catch {
        return
      }
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload)
    }
    ws.onclose = () => {
      socket = null
      // Keep listening while anyone is subscribed (server restarts, laptop sleep).
      if ([...listeners.values()].some((s) => s.size)) {
        setTimeout(() => socket ?? connect(), retryMs)
        retryMs = Math.min(retryMs * 2, 10_000)
      }
    }
  }

  return {
    async invoke(name: RequestName, input: unknown): Promise<Envelope> {
      let res: Response
      try {
        res = await doFetch(new URL(`/api/${name}`, opts.baseUrl).toString(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
          body: JSON.stringify(input ?? {}),
        })
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: `cannot reach MTP Studio at ${opts.baseUrl}: ${(e as Error).message}` } }
      }
      try {
        return (await res.json()) as Envelope
      } catch {
        return { ok: false, error: { code: 'internal', message: `HTTP ${res.status} from ${name}` } }
      }
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      if (!socket) connect()
      return () => set.delete(listener)
    },
  }
}
