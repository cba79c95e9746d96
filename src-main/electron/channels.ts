/** IPC channel names of the Electron adapter, derived from the contract's keys. */
import type { EventName } from '../contract/events.js'
import type { RequestName } from '../contract/requests.js'

export const requestChannel = (name: RequestName): string => `mtp:request:${name}`
export const EVENT_CHANNEL = 'mtp:event'

export interface EventMessage {
  event: EventName
  payload: unknown
}

/** Messages between the Electron main process and the core host (a plain Node child). */
export type HostRequest = { kind: 'request'; id: number; name: string; input: unknown } | { kind: 'shutdown' }
export type HostMessage =
  | { kind: 'ready' }
  | { kind: 'reply'; id: number; envelope: import('../contract/api.js').Envelope }
  | { kind: 'event'; event: EventName; payload: unknown }
