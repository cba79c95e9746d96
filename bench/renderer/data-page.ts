/**
 * Data page at scale, in headless Debian Chromium against the real browser-mode server:
 *   tsx bench/renderer/data-page.ts --project PATH   (an existing project, e.g. 10^6 configurations)
 *   tsx bench/renderer/data-page.ts --count N        (generates a synthetic Ag–Pd project first)
 * Prints one JSON object of timings in ms. Results are recorded by hand in bench/RESULTS.md; on a
 * shared machine they are indicative only.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumExecutable } from '../../test/e2e/support/chromium'
import { makeHome, removeHome, startServer } from '../../test/e2e/support/server'

const { values } = parseArgs({ options: { project: { type: 'string' }, count: { type: 'string' }, formula: { type: 'string' } } })

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
  let t = Date.now()
  await page.getByTestId('project-dialog-submit').click()
  await page.getByTestId('summary-name').waitFor()
  timings.openProject = Date.now() - t
  timings.configurations = await page.getByTestId('project-summary').locator('.stat .numeric').first().innerText()

  // Opening the data page: navigation until the first rows and the total are on screen.
  t = Date.now()
  await page.getByTestId('browse-data').click()
  await page.locator('.vtable__row [role=gridcell]').first().waitFor()
  await page.getByTestId('configuration-total').filter({ hasText: 'configurations' }).waitFor()
  timings.dataPageFirstRows = Date.now() - t

  // Long tasks (> 50 ms on the main thread) during the scrolling below.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] }
    w.longTasks = []
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false })
  })

  const table = page.getByTestId('vtable-viewport')
  await table.focus()
  t = Date.now()
  await page.keyboard.press('End')
  await page.locator('.vtable__row--focus [role=gridcell]').first().waitFor()
  timings.endToLastRow = Date.now() - t

  // A scrollbar sweep from top to bottom in 60 animation frames, then until every row is filled.
  t = Date.now()
  // Passed as source text: tsx names functions with a helper that does not exist in the page.
  const frames = (await page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector('[data-testid=vtable-viewport]')
    const times = []
    let step = 0
    const tick = (now) => {
      times.push(now)
      el.scrollTop = (el.scrollHeight - el.clientHeight) * (step / 59)
      if (++step < 60) requestAnimationFrame(tick)
      else resolve(times)
    }
    requestAnimationFrame(tick)
  })`)) as number[]
  await page.locator('.vtable__row .vtable__skeleton').first().waitFor({ state: 'detached' })
  timings.sweep60Frames = Date.now() - t
  const gaps = frames.slice(1).map((f, i) => f - frames[i])
  timings.sweepMeanFrameMs = Number((gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(1))
  timings.sweepMaxFrameMs = Number(Math.max(...gaps).toFixed(1))
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)
  timings.longTasks = longTasks.length
  timings.longestTaskMs = longTasks.length ? Math.round(Math.max(...longTasks)) : 0

  const formula = values.formula ?? (await page.locator('.vtable__row').first().locator('[role=gridcell]').nth(1).innerText())
  const totalBefore = await page.getByTestId('configuration-total').innerText()
  t = Date.now()
  await page.getByTestId('formula-filter').locator('input').fill(formula)
  await page.getByTestId('formula-filter').locator('input').press('Enter')
  await page.getByTestId('configuration-total').filter({ hasNotText: totalBefore }).waitFor()
  await page.locator('.vtable__row [role=gridcell]').first().waitFor()
  timings.filterByFormula = Date.now() - t
  timings.filteredTotal = await page.getByTestId('configuration-total').innerText()
  timings.formula = formula
} finally {
  await browser.close()
  await server.stop()
  removeHome(home)
}
process.stdout.write(`${JSON.stringify(timings, null, 2)}\n`)
