/**
 * Hull page at scale (issue 8, acceptance 2: 10^5 points in ≤ 1 s), in headless Debian Chromium
 * against the real browser-mode server:
 *   tsx bench/renderer/hull-page.ts --project PATH   (an existing project)
 *   tsx bench/renderer/hull-page.ts --count N        (generates a synthetic Ag–Pd project first, default 10^5)
 *   … --screenshot PATH                               (also saves the drawn page as a PNG)
 *   … --profile PATH                                  (a V8 CPU profile of the page, click → drawn, for DevTools)
 * Times, in ms: opening the hull page until the core's reply is on screen, and until ECharts has
 * finished drawing every point (its `finished` event, exposed as data-drawn on the chart); and by
 * the page's own clock (user-timing marks of HullPage.vue): click → page set up → request sent →
 * reply parsed → columns decoded → option built → drawn. Prints one JSON object; results are
 * recorded by hand in bench/RESULTS.md and are indicative only on a shared machine.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumExecutable } from '../../test/e2e/support/chromium'
import { makeHome, removeHome, startServer } from '../../test/e2e/support/server'

const { values } = parseArgs({ options: { project: { type: 'string' }, count: { type: 'string' }, screenshot: { type: 'string' }, profile: { type: 'string' } } })

const home = makeHome()
let project = values.project
if (!project) {
  const count = Number(values.count ?? '100000')
  project = join(home, 'synthetic.mtpstudio')
  execFileSync(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'test/e2e/support/make-large-project.ts', project, String(count)], { stdio: 'inherit' })
}

const server = await startServer(home)
const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs, headless: true })
const timings: Record<string, number | string | Record<string, number>> = { project }
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
  // The click mark is set by the click event itself (capture phase), not before Playwright's click:
  // Playwright's actionability checks before it dispatches the click are not the page's time.
  await page.evaluate(`document.addEventListener('click', () => { if (!performance.getEntriesByName('hull:click').length) performance.mark('hull:click') }, { capture: true })`)
  const cdp = values.profile ? await page.context().newCDPSession(page) : null
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
  }
  let t = Date.now()
  await page.getByRole('link', { name: 'Convex hull' }).click()
  await page.getByTestId('hull-summary').waitFor({ timeout: 120_000 })
  timings.hullReplyOnScreen = Date.now() - t
  await page.locator('[data-testid=hull-chart][data-drawn=true]').waitFor({ timeout: 120_000 })
  timings.hullPageDrawn = Date.now() - t
  if (cdp && values.profile) {
    const { profile } = await cdp.send('Profiler.stop')
    writeFileSync(values.profile, JSON.stringify(profile))
  }
  const marks = (await page.evaluate('window.hullMarks')) as { reply: number; drawn: number }
  timings.drawAfterReplyInPage = Math.round(marks.drawn - marks.reply)
  // The page's own marks (HullPage.vue): request sent, reply parsed, columns decoded, option built.
  const pageMarks = (await page.evaluate(`Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('hull:')).map((m) => [m.name, m.startTime]))`)) as Record<string, number>
  const since = (name: string) => Math.round(pageMarks[name] - pageMarks['hull:request'])
  timings.inPage = { clickToSetup: Math.round(pageMarks['hull:setup'] - pageMarks['hull:click']), setupToRequest: Math.round(pageMarks['hull:request'] - pageMarks['hull:setup']), reply: since('hull:reply'), decoded: since('hull:decoded'), optionBuilt: since('hull:option'), drawn: Math.round(marks.drawn - pageMarks['hull:request']), clickToDrawn: Math.round(marks.drawn - pageMarks['hull:click']) }
  // The table is set up after the first draw; time until its first page (with sources) is on screen.
  await page.locator('.hull-table .vtable__row').first().waitFor({ timeout: 120_000 })
  timings.tableRowsAfterClick = Date.now() - t
  timings.entries = await page.locator('.hull-table').getByText('entries').innerText()
  // --screenshot PATH: the drawn page, to look at the 10^5-point plot.
  if (values.screenshot) await page.screenshot({ path: values.screenshot, fullPage: true })
} finally {
  await browser.close()
  await server.stop()
  removeHome(home)
}
process.stdout.write(`${JSON.stringify(timings, null, 2)}\n`)
