// `npm test`: engine build + ctest, typecheck, vitest (main + renderer), app build, Playwright
// end-to-end in browser mode with the system Chromium, and an Electron smoke test where the
// Electron binary exists. Prints one summary ending in "N passed, N failed, N skipped"; exits
// non-zero on any failure.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from './build-app.mjs'
import { buildEngine } from './build-engine.mjs'
import { bin, capture, commandExists, electronBinary, hasDisplay, repoRoot, run } from './lib.mjs'
import { runElectronSmoke } from './electron-smoke.mjs'

const results = []
const resultsDir = join(repoRoot, 'test-results')
mkdirSync(resultsDir, { recursive: true })
// Nothing a test does may touch the user's own MTP Studio directory.
const home = process.env.MTP_STUDIO_HOME ?? mkdtempSync(join(tmpdir(), 'mtp-studio-test-home-'))
const env = { ...process.env, MTP_STUDIO_HOME: home, CI: process.env.CI ?? '' }

function record(step, counts, note = '') {
  results.push({ step, passed: 0, failed: 0, skipped: 0, ...counts, note })
  const r = results[results.length - 1]
  console.log(`\n=== ${step}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${note ? ` — ${note}` : ''}\n`)
}

const readJson = (p) => {
  try {
    return JSON.parse(readFileSync(p, 'utf8'))
  } catch {
    return null
  }
}

async function nativeStep() {
  const started = Date.now()
  const built = await buildEngine()
  record('native engine build', built === 0 ? { passed: 1 } : { failed: 1 }, `${((Date.now() - started) / 1000).toFixed(0)} s`)
  // After a partial build ctest still runs what was built (the rest shows as "Not Run" failures).
  if (!existsSync(join(repoRoot, 'native', 'build', 'CTestTestfile.cmake'))) return record('ctest', { failed: 1 }, 'not configured')
  const { code, out } = await capture('ctest', ['--output-on-failure', '-j', process.env.MTP_BUILD_JOBS || '2'], { cwd: join(repoRoot, 'native', 'build'), echo: true, env })
  const m = /(\d+)% tests passed, (\d+) tests? failed out of (\d+)/.exec(out)
  if (m) record('ctest', { passed: Number(m[3]) - Number(m[2]), failed: Number(m[2]) })
  else if (/No tests were found/.test(out) && code === 0) record('ctest', {}, 'no native tests yet')
  else record('ctest', { failed: 1 }, `ctest exited with ${code}`)
}

async function typecheckStep() {
  const main = await run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { env })
  record('typecheck src-main', main === 0 ? { passed: 1 } : { failed: 1 })
  const renderer = await run(bin('vue-tsc'), ['-p', 'tsconfig.renderer.json', '--noEmit'], { env })
  record('typecheck src-renderer', renderer === 0 ? { passed: 1 } : { failed: 1 })
}

async function vitestStep() {
  const out = join(resultsDir, 'vitest.json')
  rmSync(out, { force: true })
  const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { env })
  const r = readJson(out)
  if (!r) return record('vitest', { failed: 1 }, `vitest exited with ${code} and wrote no report`)
  const counts = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) }
  // A suite that fails to load has no failed test but must still fail the run.
  if (code !== 0 && counts.failed === 0) counts.failed = 1
  record('vitest (main + renderer)', counts, code !== 0 && r.numFailedTests === 0 ? 'a test file failed to load' : '')
}

async function e2eStep(appBuilt) {
  if (!existsSync(join(repoRoot, 'playwright.config.ts'))) return record('playwright e2e', { skipped: 1 }, 'no playwright.config.ts yet')
  if (!appBuilt) return record('playwright e2e', { failed: 1 }, 'the app did not build')
  if (!commandExists('chromium') && !process.env.MTP_CHROMIUM) return record('playwright e2e', { failed: 1 }, 'Chromium is not installed: sudo apt-get install chromium')
  const out = join(resultsDir, 'playwright.json')
  rmSync(out, { force: true })
  const code = await run(bin('playwright'), ['test', '--reporter=list,json'], { env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: out } })
  const r = readJson(out)
  if (!r?.stats) return record('playwright e2e', { failed: 1 }, `playwright exited with ${code} and wrote no report`)
  const s = r.stats
  const counts = { passed: s.expected + (s.flaky ?? 0), failed: s.unexpected, skipped: s.skipped }
  if (code !== 0 && counts.failed === 0) counts.failed = 1
  record('playwright e2e', counts, s.flaky ? `${s.flaky} flaky` : '')
}

async function electronStep(appBuilt) {
  const electron = electronBinary()
  if (!electron) {
    return record('electron smoke', { skipped: 1 }, 'skipped: the Electron binary is not installed (node_modules/electron/dist is missing; its download is not available on this machine)')
  }
  if (!appBuilt) return record('electron smoke', { failed: 1 }, 'the app did not build')
  if (!hasDisplay() && !commandExists('xvfb-run')) return record('electron smoke', { skipped: 1 }, 'skipped: no display and no xvfb-run (sudo apt-get install xvfb)')
  const result = await runElectronSmoke(electron, env)
  record('electron smoke', result.ok ? { passed: 1 } : { failed: 1 }, result.message)
}

await nativeStep()
await typecheckStep()
await vitestStep()
const electronPresent = electronBinary() !== null
const appBuilt = (await buildApp({ electron: electronPresent, force: true })) === 0
record(electronPresent ? 'app build (electron-vite)' : 'renderer build (vite)', appBuilt ? { passed: 1 } : { failed: 1 })
await e2eStep(appBuilt)
await electronStep(appBuilt)

const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 })
const width = Math.max(...results.map((r) => r.step.length))
console.log('\nSummary')
for (const r of results) {
  const status = r.failed ? 'FAIL' : r.passed ? 'ok  ' : 'skip'
  console.log(`  ${status}  ${r.step.padEnd(width)}  ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped${r.note ? `  ${r.note}` : ''}`)
}
if (!process.env.MTP_STUDIO_HOME) rmSync(home, { recursive: true, force: true })
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exitCode = total.failed > 0 ? 1 : 0
