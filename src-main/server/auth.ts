/**
 * Browser-mode access control: a random token per launch, accepted from the Authorization
 * header, the `token` query parameter (the printed URL) or the cookie set when the page is first
 * loaded with it; and loopback-only host names, so a DNS-rebinding page cannot reach the server.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import type { IncomingMessage } from 'node:http'

export const TOKEN_COOKIE = 'mtp_studio_token'

export const newToken = (): string => randomBytes(24).toString('hex')

/** Loopback addresses only: 127.0.0.0/8, ::1, and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost') return true
  if (isIP(h) === 4) return h.startsWith('127.')
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1'
  return false
}

/** The host part of a Host header ("127.0.0.1:8765", "[::1]:80", "localhost"). */
export function hostName(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim())
  return m ? m[1] : null
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return undefined
}

export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim()
  return url.searchParams.get('token') ?? cookieValue(req.headers.cookie, TOKEN_COOKIE)
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

export type AccessCheck = { ok: true } | { ok: false; status: 401 | 403; reason: string }

/** Host header on loopback, Origin (if any) on loopback, and the right token. */
export function checkAccess(req: IncomingMessage, url: URL, token: string): AccessCheck {
  const host = hostName(req.headers.host)
  if (!host || !isLoopbackHost(host)) return { ok: false, status: 403, reason: 'host not allowed' }
  const origin = req.headers.origin
  if (origin && origin !== 'null') {
    let originHost: string
    try {
      originHost = new URL(origin).hostname
    } catch {
      return { ok: false, status: 403, reason: 'bad origin' }
    }
    if (!isLoopbackHost(originHost)) return { ok: false, status: 403, reason: 'cross-origin request refused' }
  }
  if (!tokenMatches(token, presentedToken(req, url))) return { ok: false, status: 401, reason: 'missing or wrong token' }
  return { ok: true }
}
