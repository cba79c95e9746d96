import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, screenshotDir, test } from './support/fixtures'

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

/** Chooses an export menu entry and returns the downloaded file's name and bytes. */
async function downloaded(page: import('@playwright/test').Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download')
  await page.getByTestId('hull-export').click()
  await page.getByTestId(item).click()
  const d = await download
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) }
}

async function stableAuFractions(page: import('@playwright/test').Page): Promise<number[]> {
  const csv = await downloaded(page, 'hull-export-csv')
  const rows = parseCsv(csv.bytes.toString('utf8'))
  return rows
    .filter((r) => r.stable === 'true')
    .map((r) => Number(r.x_Au))
    .sort((a, b) => a - b)
}

test.describe('browser mode: convex hull page', () => {
  test('imports the Cu–Ag–Au DFT set, shows the ternary and binary hulls and their stable sets', async ({ page, shot, studio }) => {
    test.setTimeout(180_000)
    await studio.start()
    await studio.createProject('Cu–Ag–Au hull')
    expect(await studio.importFiles([dataFile])).toBeGreaterThan(0)

    await page.getByRole('link', { name: 'Convex hull' }).click()
    // Three species: the ternary triangle first.
    const chart = page.getByTestId('hull-chart')
    await expect(chart).toHaveAttribute('aria-label', /Ternary convex hull/)
    await expect(page.getByTestId('hull-stable').first()).toBeVisible()
    await page.waitForTimeout(500)
    await shot(page, 'hull-01-ternary')

    // Figure export: a vector SVG with the corner labels, and a PNG.
    const svg = await downloaded(page, 'hull-export-svg')
    expect(svg.name).toBe('hull-Cu–Ag–Au.svg')
    const svgText = svg.bytes.toString('utf8')
    expect(svgText).toMatch(/^<svg[\s\S]*<\/svg>$/)
    for (const el of ['Cu', 'Ag', 'Au']) expect(svgText).toContain(`>${el}</text>`)
    const png = await downloaded(page, 'hull-export-png')
    expect(png.name).toBe('hull-Cu–Ag–Au.png')
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    // Kept beside the screenshots, to be looked at like them.
    writeFileSync(join(screenshotDir, 'hull-export-ternary.png'), png.bytes)

    // Ag–Au: drop Cu.
    await page.getByTestId('hull-elements').getByText('Cu', { exact: true }).click()
    await expect(chart).toHaveAttribute('aria-label', /Binary convex hull of Ag–Au: formation energy in meV\/atom, 9 stable entries/)
    await expect(page.getByTestId('hull-stable')).toHaveCount(agAuHullAu.length)
    const agAu = await stableAuFractions(page)
    expect(agAu).toHaveLength(agAuHullAu.length)
    agAu.forEach((x, i) => expect(x).toBeCloseTo(agAuHullAu[i], 5))
    await page.waitForTimeout(500)
    await shot(page, 'hull-02-binary-AgAu')

    // Hover and click the Ag1Au1 vertex (x = 0.5, −61.68 meV/atom) on the canvas. Its pixel follows
    // from the builder's grid insets (left 72, right 24, top 40, bottom 56) and the y range −70…10.
    const box = (await chart.boundingBox())!
    const px = box.x + 72 + 0.5 * (box.width - 96)
    const py = box.y + 40 + ((10 + 61.68) / 80) * (box.height - 96)
    await page.mouse.move(px, py)
    await expect(page.getByText(/above hull 0\.0 meV\/atom/)).toBeVisible()
    await shot(page, 'hull-03-tooltip')
    await page.mouse.click(px, py)
    const detail = page.getByTestId('configuration-detail')
    await expect(detail).toContainText(/Ag1Au1|Au1Ag1/)
    await expect(page.getByTestId('structure-canvas').locator('canvas')).toBeVisible()
    await page.waitForTimeout(1500)
    await shot(page, 'hull-04-clicked-structure')

    // The table sorts stable entries first; a row click shows that structure too.
    const firstRow = page.locator('.vtable__row').first()
    await expect(firstRow.locator('[role=gridcell]').nth(5)).toHaveText('0.00')
    const rowFormula = (await firstRow.locator('[role=gridcell]').nth(1).innerText()).trim()
    await firstRow.click()
    await expect(detail).toContainText(rowFormula)
    await page.waitForTimeout(1000)
    await shot(page, 'hull-05-row-structure')

    // Cu–Au: swap Ag for Cu.
    await page.getByTestId('hull-elements').getByText('Ag', { exact: true }).click()
    await page.getByTestId('hull-elements').getByText('Cu', { exact: true }).click()
    // Axes in the project's species order whatever order the chips were clicked in.
    await expect(chart).toHaveAttribute('aria-label', /Binary convex hull of Cu–Au/)
    const cuAu = await stableAuFractions(page)
    expect(cuAu).toHaveLength(cuAuHullAu.length)
    cuAu.forEach((x, i) => expect(x).toBeCloseTo(cuAuHullAu[i], 5))
    await page.getByTestId('theme-toggle').click()
    // Back to the top and the pointer off the toolbar, so the full-page shot shows the summary line.
    await page.mouse.move(700, 800)
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0))
    await page.waitForTimeout(500)
    await shot(page, 'hull-06-binary-CuAu-dark')
  })
})
