/**
 * Hull page at scale (issue 8, acceptance 2: 10^5 points in ≤ 1 s), in headless Debian Chromium
 * against the real browser-mode server:
 *   tsx bench/renderer/hull-page.ts --project PATH   (an existing project)
 *   tsx bench/renderer/hull-page.ts --count N        (generates a synthetic Ag–Pd project first, default 10^5)
 * Times, in ms: opening the hull page until the core's reply is on screen, and until ECharts has
 * finished drawing every point (its `finished` event, exposed as data-drawn on the chart). Prints one JSON object; results are recorded by hand in
 * bench/RESULTS.md and are indicative only on a shared machine.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumExecutable } from '../../test/e2e/support/chromium'
import { makeHome, removeHome, startServer } from '../../test/e2e/support/server'

const { values } = parseArgs({ options: { project: { type: 'string' }, count: { type: 'string' } } })

const home = makeHome()
let project = values.project
if (!project) {
  const count = Number(values.count ?? '100000')
  project = join(home, 'synthetic.mtpstudio')
  execFileSync(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'test/e2e/support/make-large-project.ts', project, String(count)], { stdio: 'inherit' })
}

const server = await startServer(home)
const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs, headless: true })
const timings: Record<string, number | string> = { project }
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(server.url)
  await page.getByTestId('open-project').click()
  await page.getByTestId('project-path').locator('input').fill(project)
  await page.getByTestId('project-dialog-submit').click()
  await page.getByTestId('summary-name').waitFor()
  timings.configurations = await page.getByTestId('project-summary').locator('.stat .numeric').first().innerText()

  // In-page clock: when the reply's summary first exists and when the chart reports it has drawn.
  // Passed as source text: tsx names functions with a helper that does not exist in the page.
  await page.evaluate(`(() => {
    const marks = (window.hullMarks = {})
    new MutationObserver(() => {
      if (!marks.reply && document.querySelector('[data-testid=hull-summary]')) marks.reply = performance.now()
      if (!marks.drawn && document.querySelector('[data-testid=hull-chart][data-drawn=true]')) marks.drawn = performance.now()
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] })
  })()`)
  let t = Date.now()
  await page.getByRole('link', { name: 'Convex hull' }).click()
  await page.getByTestId('hull-summary').waitFor({ timeout: 120_000 })
  timings.hullReplyOnScreen = Date.now() - t
  await page.locator('[data-testid=hull-chart][data-drawn=true]').waitFor({ timeout: 120_000 })
  timings.hullPageDrawn = Date.now() - t
  const marks = (await page.evaluate('window.hullMarks')) as { reply: number; drawn: number }
  timings.drawAfterReplyInPage = Math.round(marks.drawn - marks.reply)
  timings.entries = await page.locator('.hull-table').getByText('entries').innerText()
} finally {
  await browser.close()
  await server.stop()
  removeHome(home)
}
process.stdout.write(`${JSON.stringify(timings, null, 2)}\n`)
