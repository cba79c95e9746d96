// Builds what the app front ends load: with the Electron binary present, main + preload +
// renderer (electron-vite); otherwise only the renderer for browser mode. Skips the work when the
// output is newer than every input, unless --force.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bin, electronBinary, repoRoot, run } from './lib.mjs'

function newestMtime(paths) {
  let newest = 0
  const visit = (p) => {
    if (!existsSync(p)) return
    const st = statSync(p)
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e))
    else newest = Math.max(newest, st.mtimeMs)
  }
  paths.forEach((p) => visit(join(repoRoot, p)))
  return newest
}

const mtime = (p) => (existsSync(join(repoRoot, p)) ? statSync(join(repoRoot, p)).mtimeMs : 0)

const RENDERER_INPUTS = ['src-renderer', 'src-main/contract', 'vite.renderer.config.ts', 'package-lock.json']
const ELECTRON_INPUTS = [...RENDERER_INPUTS, 'src-main', 'electron.vite.config.ts']

export async function buildApp({ electron = electronBinary() !== null, force = false } = {}) {
  if (electron) {
    const fresh = mtime('out/main/index.js') > newestMtime(ELECTRON_INPUTS) && mtime('out/renderer/index.html') > newestMtime(RENDERER_INPUTS)
    if (fresh && !force) return 0
    return run(bin('electron-vite'), ['build'])
  }
  if (mtime('out/renderer/index.html') > newestMtime(RENDERER_INPUTS) && !force) return 0
  return run(bin('vite'), ['build', '-c', 'vite.renderer.config.ts', '--logLevel', 'warn'])
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2)
  process.exitCode = await buildApp({ force: argv.includes('--force'), ...(argv.includes('--electron') ? { electron: true } : {}) })
}
