// `npm start`: install what npm can, build the engine and the app, then open the Electron window
// when its binary is present (and a display is available), otherwise start browser mode and print
// its URL. Options: --browser (force browser mode), --port N, --host 127.0.0.1, --rebuild.
import { existsSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildApp } from './build-app.mjs'
import { buildEngine } from './build-engine.mjs'
import { electronBinary, hasDisplay, repoRoot, run } from './lib.mjs'

const { values } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string' },
    host: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
  },
  strict: true,
})

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0)

async function ensureDependencies() {
  const marker = join(repoRoot, 'node_modules', '.package-lock.json')
  const lock = join(repoRoot, 'package-lock.json')
  const pkg = join(repoRoot, 'package.json')
  if (existsSync(marker) && mtime(marker) >= Math.max(mtime(lock), mtime(pkg))) return
  console.log('Installing npm dependencies …')
  const code = await run('npm', [existsSync(marker) ? 'install' : existsSync(lock) ? 'ci' : 'install'])
  if (code !== 0) {
    console.error('npm could not install the dependencies (see above).')
    process.exit(code)
  }
  // npm leaves the marker untouched when nothing changed; mark this state as installed.
  if (existsSync(marker)) utimesSync(marker, new Date(), new Date())
}

await ensureDependencies()

console.log('Building the native engine …')
const engine = await buildEngine({ target: 'mtp-engine' })
if (engine !== 0) console.error('Starting without the engine: browsing projects works, computing does not until it builds.\n')

const electron = values.browser ? null : electronBinary()
let useElectron = electron !== null
if (useElectron && !hasDisplay()) {
  console.log('Electron is installed but there is no display (DISPLAY/WAYLAND_DISPLAY unset); using browser mode.')
  useElectron = false
}
if (!values.browser && electron === null) {
  console.log('The Electron binary is not installed (its download is not available here); using browser mode.')
}

console.log('Building the app …')
const built = await buildApp({ electron: useElectron, force: values.rebuild })
if (built !== 0) {
  console.error('The app did not build (see above).')
  process.exit(built)
}

if (useElectron) {
  process.exitCode = await run(electron, ['.'])
} else {
  const args = ['bin/mtp-studio.mjs', 'serve']
  if (values.port) args.push('--port', values.port)
  if (values.host) args.push('--host', values.host)
  process.exitCode = await run(process.execPath, args)
}
