/**
 * The one API object the renderer uses, typed from the contract: `window.mtpStudio` under
 * Electron (built by the preload), otherwise the browser-mode client over HTTP + WebSocket with
 * the token from the URL the server printed.
 */
import { createStudioApi, type StudioApi } from '../../src-main/contract/api'
import { requestNames } from '../../src-main/contract/requests'
import { createHttpTransport } from './http-transport'

export type { StudioApi } from '../../src-main/contract/api'
export { ApiError } from '../../src-main/contract/api'

declare global {
  interface Window {
    mtpStudio?: StudioApi
  }
}

const TOKEN_KEY = 'mtp-studio-token'

/**
 * The launch token: from `?token=` (then removed from the address bar so it does not end up in
 * screenshots or history) or from this tab's session storage after a reload.
 */
export function takeTokenFromLocation(loc: Location = window.location, storage: Storage = window.sessionStorage): string {
  const url = new URL(loc.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(window.history.state, '', url.toString())
    return fromUrl
  }
  return storage.getItem(TOKEN_KEY) ?? ''
}

let api: StudioApi | null = null

export function useStudioApi(): StudioApi {
  if (api) return api
  if (window.mtpStudio) return (api = window.mtpStudio)
  api = createStudioApi(requestNames, createHttpTransport({ baseUrl: window.location.origin, token: takeTokenFromLocation() }))
  return api
}
