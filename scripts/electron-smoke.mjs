// Electron smoke test: start the built app with MTP_STUDIO_SMOKE=1 (under xvfb-run when there is
// no display); the main process loads the window, calls the contract through the preload and
// prints one JSON line. Checks that the core answered, the mode is 'electron' and the page sees
// no Node globals (sandbox + context isolation).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { capture, hasDisplay } from './lib.mjs'

export async function runElectronSmoke(electron, env) {
  const home = mkdtempSync(join(tmpdir(), 'mtp-studio-smoke-'))
  // Chromium refuses to start as root without --no-sandbox (CI containers run as root).
  const args = process.getuid?.() === 0 ? ['.', '--no-sandbox'] : ['.']
  const [cmd, cmdArgs] = hasDisplay() ? [electron, args] : ['xvfb-run', ['-a', electron, ...args]]
  const { code, out } = await capture(cmd, cmdArgs, {
    env: { ...env, MTP_STUDIO_SMOKE: '1', MTP_STUDIO_HOME: home, ELECTRON_ENABLE_LOGGING: '1' },
    timeout: 120_000,
  })
  const line = out.split('\n').find((l) => l.startsWith('MTP_STUDIO_SMOKE '))
  if (!line) return { ok: false, message: `no smoke line (exit ${code}); output:\n${out.slice(-2000)}` }
  const r = JSON.parse(line.slice('MTP_STUDIO_SMOKE '.length))
  if (r.info?.mode !== 'electron') return { ok: false, message: `unexpected app/info: ${JSON.stringify(r.info)}` }
  if (r.nodeVisible !== false) return { ok: false, message: 'the page can see require/process: sandbox or context isolation is off' }
  if (!Array.isArray(r.recent) || !r.recent.some((p) => p.example)) return { ok: false, message: 'the example project is not in the recent list' }
  return { ok: true, message: `app/info and projects/recent answered through the preload (exit ${code})` }
}
