import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from './support/fixtures'
import { makeHome, removeHome, startServer, type StudioServer } from './support/server'

const dataFile = resolve(process.cwd(), '..', 'shared', 'data', 'pyclupan_CuAgAu', 'CuAgAu_pyclupan_DFT.extxyz')

/**
 * Au fractions of the Ag–Au and Cu–Au hull vertices listed in the data set's MANIFEST.md, which
 * were computed independently of this code base (Python, e_fr_energy, pure-element references).
 */
const agAuHullAu = [0, 1 / 6, 0.2, 0.25, 1 / 3, 0.4, 0.5, 0.75, 1]
const cuAuHullAu = [0, 0.25, 0.5, 0.6, 2 / 3, 1]

/** Rows of the exported CSV as records keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\r\n')
  const keys = header.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])))
}

async function stableAuFractions(page: import('@playwright/test').Page): Promise<number[]> {
  const download = page.waitForEvent('download')
  await page.getByTestId('hull-export').click()
  await page.getByTestId('hull-export-csv').click()
  const file = await (await download).path()
  const rows = parseCsv(readFileSync(file, 'utf8'))
  return rows
    .filter((r) => r.stable === 'true')
    .map((r) => Number(r.x_Au))
    .sort((a, b) => a - b)
}

test.describe('browser mode: convex hull page', () => {
  let home: string
  let server: StudioServer | undefined

  test.beforeEach(() => {
    home = makeHome()
  })

  test.afterEach(async () => {
    await server?.stop()
    server = undefined
    removeHome(home)
  })

  test('imports the Cu–Ag–Au DFT set, shows the ternary and binary hulls and their stable sets', async ({ page, shot }) => {
    test.setTimeout(180_000)
    server = await startServer(home)
    await page.goto(server.url)
    await page.getByTestId('new-project').click()
    await page.getByTestId('project-dialog').getByLabel('Name').fill('Cu–Ag–Au hull')
    await page.getByTestId('project-dialog-submit').click()
    await expect(page.getByTestId('summary-name')).toHaveText('Cu–Ag–Au hull')
    await page.getByTestId('browse-data').click()
    await page.getByTestId('open-import').click()
    await page.getByTestId('import-dialog').getByTestId('import-paths').locator('textarea').first().fill(dataFile)
    await page.getByTestId('import-run').click()
    await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 90_000 })
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Close' }).click()

    await page.getByRole('link', { name: 'Convex hull' }).click()
    // Three species: the ternary triangle first.
    const chart = page.getByTestId('hull-chart')
    await expect(chart).toHaveAttribute('aria-label', /Ternary convex hull/)
    await expect(page.getByTestId('hull-stable').first()).toBeVisible()
    await page.waitForTimeout(500)
    await shot(page, 'hull-01-ternary')

    // Ag–Au: drop Cu.
    await page.getByTestId('hull-elements').getByText('Cu', { exact: true }).click()
    await expect(chart).toHaveAttribute('aria-label', /Binary convex hull of (Ag–Au|Au–Ag): formation energy in meV\/atom, 9 stable entries/)
    await expect(page.getByTestId('hull-stable')).toHaveCount(agAuHullAu.length)
    const agAu = await stableAuFractions(page)
    expect(agAu).toHaveLength(agAuHullAu.length)
    agAu.forEach((x, i) => expect(x).toBeCloseTo(agAuHullAu[i], 5))
    await page.waitForTimeout(500)
    await shot(page, 'hull-02-binary-AgAu')

    // Click a stable point → its structure in the 3-D view; the table sorts stable entries first.
    const firstRow = page.locator('.vtable__row').first()
    await expect(firstRow.locator('[role=gridcell]').nth(5)).toHaveText('0.00')
    await firstRow.click()
    const detail = page.getByTestId('configuration-detail')
    await expect(detail).toBeVisible()
    await expect(page.getByTestId('structure-canvas').locator('canvas')).toBeVisible()
    await page.waitForTimeout(1500)
    await shot(page, 'hull-03-structure')

    // Cu–Au: swap Ag for Cu.
    await page.getByTestId('hull-elements').getByText('Ag', { exact: true }).click()
    await page.getByTestId('hull-elements').getByText('Cu', { exact: true }).click()
    await expect(chart).toHaveAttribute('aria-label', /Binary convex hull of (Cu–Au|Au–Cu)/)
    const cuAu = await stableAuFractions(page)
    expect(cuAu).toHaveLength(cuAuHullAu.length)
    cuAu.forEach((x, i) => expect(x).toBeCloseTo(cuAuHullAu[i], 5))
    await page.getByTestId('theme-toggle').click()
    await page.waitForTimeout(500)
    await shot(page, 'hull-04-binary-CuAu-dark')
  })
})
