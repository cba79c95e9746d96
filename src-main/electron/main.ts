/**
 * The Electron shell: one window (sandboxed, context-isolated, no Node integration, local content
 * only, window.open denied), the preload's contract API wired to the core host.
 * MTP_STUDIO_SMOKE=1 runs the smoke test: load the page, call app/info through the preload, print
 * the result as one JSON line and quit.
 */
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../server/static-files.js'
import { CoreHost } from './host-client.js'
import { pushEvent, registerRequestHandlers } from './ipc.js'
import { API_KEY } from './preload-api.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const outDir = join(here, '..')
const smoke = process.env.MTP_STUDIO_SMOKE === '1'

/** Node for the core host: MTP_STUDIO_NODE, npm's node when started by npm, else `node` on PATH. */
const nodePath = () => process.env.MTP_STUDIO_NODE || process.env.npm_node_execpath || 'node'

let window: BrowserWindow | null = null
let quitting = false

const host = new CoreHost({
  script: join(here, 'core-host.js'),
  nodePath: nodePath(),
  onEvent: (message) => {
    if (window) pushEvent(window.webContents, message)
  },
  onExit: (code, signal) => {
    if (!quitting) {
      console.error(`mtp-studio: the core process stopped unexpectedly (code ${code}, signal ${signal})`)
      app.exit(1)
    }
  },
})

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: !smoke,
    title: 'MTP Studio',
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  // Only our own files: no navigation away, no remote pages.
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith('file://')) event.preventDefault()
  })
  const index = join(outDir, 'renderer', 'index.html')
  if (!existsSync(index)) throw new Error(`the renderer is not built (${index}); run npm run build`)
  void win.loadFile(index)
  return win
}

async function runSmoke(win: BrowserWindow): Promise<void> {
  await new Promise<void>((resolve) => win.webContents.once('did-finish-load', () => resolve()))
  const info = await win.webContents.executeJavaScript(`window.${API_KEY}.app.info()`)
  const recent = await win.webContents.executeJavaScript(`window.${API_KEY}.projects.recent()`)
  const nodeVisible = await win.webContents.executeJavaScript('typeof require !== "undefined" || typeof process !== "undefined"')
  process.stdout.write(`MTP_STUDIO_SMOKE ${JSON.stringify({ info, recent, nodeVisible })}\n`)
}

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  // Deny every permission request (camera, notifications, …); the app needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false))
  registerRequestHandlers(ipcMain, (name, input) => host.invoke(name, input))
  await host.ready
  window = createWindow()
  window.on('closed', () => (window = null))
  if (smoke) {
    await runSmoke(window)
    app.quit()
  }
}).catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e)
  console.error(`mtp-studio: cannot start: ${message}`)
  if (!smoke) dialog.showErrorBox('MTP Studio cannot start', `${message}\n\nThe core runs under Node.js (${nodePath()}); set MTP_STUDIO_NODE to its path if it is elsewhere.`)
  app.exit(1)
})

app.on('window-all-closed', () => app.quit())

app.on('before-quit', (event) => {
  if (quitting) return
  quitting = true
  event.preventDefault()
  void host.stop().finally(() => app.quit())
})
