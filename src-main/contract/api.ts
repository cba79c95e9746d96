/**
 * The renderer-facing API, derived from the request and event maps: `api.projects.open({ path })`,
 * `api.data.createTrainingSet(…)` for 'data/create-training-set', `api.on('jobs:progress', fn)`. One factory builds it over any transport — the Electron preload
 * (ipcRenderer) and the browser client (HTTP + WebSocket) — so nothing is typed by hand twice.
 */
import type { ErrorBody, ErrorCode, ErrorIssue } from './errors.js'
import { isErrorBody } from './errors.js'
import type { EventName, EventPayload } from './events.js'
import type { RequestInput, RequestName, RequestOutput } from './requests.js'

/** What every adapter sends back for a request. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorBody }

/** A request failed in the core (bad input, no project, engine problem …). */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly issues?: ErrorIssue[]
  readonly request: string

  constructor(request: string, body: ErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.code = body.code
    this.issues = body.issues
    this.request = request
  }
}

export interface Transport {
  /** Sends one request and resolves with the adapter's envelope. */
  invoke(name: RequestName, input: unknown): Promise<Envelope>
  /** Subscribes to a push event; returns the unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

type DomainOf<K> = K extends `${infer D}/${string}` ? D : never
type ActionOf<K, D extends string> = K extends `${D}/${infer A}` ? A : never
/** 'create-training-set' → 'createTrainingSet' (the function name of a kebab-case action). */
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S

export const actionFunctionName = (action: string): string => action.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase())

type RequestFn<K extends RequestName> = {} extends RequestInput<K>
  ? (input?: RequestInput<K>) => Promise<RequestOutput<K>>
  : (input: RequestInput<K>) => Promise<RequestOutput<K>>

export type StudioApi = {
  [D in DomainOf<RequestName>]: { [A in ActionOf<RequestName, D> as Camel<A>]: RequestFn<Extract<`${D}/${A}`, RequestName>> }
} & {
  /** Calls a request by its key, e.g. `api.request('projects/open', { path })`. */
  request<K extends RequestName>(name: K, input?: RequestInput<K>): Promise<RequestOutput<K>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export function unwrapEnvelope(name: string, envelope: unknown): unknown {
  if (typeof envelope === 'object' && envelope !== null && 'ok' in envelope) {
    const e = envelope as Envelope
    if (e.ok) return e.result
    if (isErrorBody(e.error)) throw new ApiError(name, e.error)
  }
  throw new ApiError(name, { code: 'internal', message: `malformed reply to ${name}` })
}

/** Builds the nested API object for the given request names over a transport. */
export function createStudioApi(names: readonly RequestName[], transport: Transport): StudioApi {
  const call = async (name: RequestName, input: unknown) => unwrapEnvelope(name, await transport.invoke(name, input ?? {}))
  const api: Record<string, unknown> = {
    request: (name: RequestName, input?: unknown) => call(name, input),
    on: (event: EventName, listener: (payload: unknown) => void) => transport.subscribe(event, listener),
  }
  for (const name of names) {
    const [domain, action] = name.split('/')
    const group = (api[domain] ??= {}) as Record<string, unknown>
    group[actionFunctionName(action)] = (input?: unknown) => call(name, input)
  }
  return api as StudioApi
}
