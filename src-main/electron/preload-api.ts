/**
 * What the preload exposes as `window.mtpStudio`: the StudioApi object built from the contract
 * (named functions `projects.open`, `jobs.cancel`, …, plus `request` and `on`), over ipcRenderer.
 * No `electron` import here so tests can check it with fakes.
 */
import { createStudioApi, type Envelope, type StudioApi } from '../contract/api.js'
import { requestNames } from '../contract/requests.js'
import { EVENT_CHANNEL, requestChannel, type EventMessage } from './channels.js'

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, message: EventMessage) => void): void
}

export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void
}

export const API_KEY = 'mtpStudio'

export function buildPreloadApi(ipcRenderer: IpcRendererLike): StudioApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  // One IPC listener for all events; the renderer never sees the IPC event object.
  ipcRenderer.on(EVENT_CHANNEL, (_e, message) => {
    for (const l of listeners.get(message.event) ?? []) l(message.payload)
  })
  return createStudioApi(requestNames, {
    invoke: (name, input) => ipcRenderer.invoke(requestChannel(name), input) as Promise<Envelope>,
    subscribe: (event, listener) => {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
  })
}

export function exposeApi(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(API_KEY, buildPreloadApi(ipcRenderer))
}
