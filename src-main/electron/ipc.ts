/**
 * The Electron adapter's wiring, free of any `electron` import so tests can drive it with fakes:
 * one ipcMain handler per contract request, and push events sent to the window.
 */
import type { Envelope } from '../contract/api.js'
import { requestNames, type RequestName } from '../contract/requests.js'
import { EVENT_CHANNEL, requestChannel, type EventMessage } from './channels.js'

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown> | unknown): void
  removeHandler(channel: string): void
}

export type Invoke = (name: RequestName, input: unknown) => Promise<Envelope>

/** Registers a handler for every request in the contract; returns the channels registered. */
export function registerRequestHandlers(ipcMain: IpcMainLike, invoke: Invoke): string[] {
  return requestNames.map((name) => {
    const channel = requestChannel(name)
    ipcMain.handle(channel, (_event, input) => invoke(name, input))
    return channel
  })
}

export function unregisterRequestHandlers(ipcMain: IpcMainLike): void {
  for (const name of requestNames) ipcMain.removeHandler(requestChannel(name))
}

/** The part of a WebContents used to push events. */
export interface EventSink {
  send(channel: string, message: EventMessage): void
  isDestroyed(): boolean
}

export function pushEvent(sink: EventSink, message: EventMessage): void {
  if (!sink.isDestroyed()) sink.send(EVENT_CHANNEL, message)
}
