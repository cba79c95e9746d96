import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, test } from './support/fixtures'
import { makeHome, removeHome } from './support/server'

/** Issue 8, acceptance 1(d): the data page with 10^5 configurations scrolls and filters. */
const count = 100_000

test.describe('browser mode: data page at 10^5 configurations', () => {
  let home: string
  let projectPath: string
  let formulaCounts: Record<string, number>
  /** The formula of the 2 Ag + 2 Pd cells, as the project writes it. */
  let equiatomic: string

  test.beforeAll(() => {
    test.setTimeout(240_000)
    home = makeHome()
    projectPath = join(home, 'synthetic-agpd.mtpstudio')
    const tsx = join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs')
    const out = execFileSync(process.execPath, [tsx, 'test/e2e/support/make-large-project.ts', projectPath, String(count)], { encoding: 'utf8' })
    const made = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { formulaCounts: Record<string, number>; equiatomic: string }
    formulaCounts = made.formulaCounts
    equiatomic = made.equiatomic
  })

  test.afterAll(() => removeHome(home))

  test('scrolls to the end by keyboard and filters by formula', async ({ page, shot, studio }) => {
    await studio.start()
    await studio.openProject(projectPath, 'Synthetic Ag–Pd')

    const opened = Date.now()
    await page.getByTestId('browse-data').click()
    const total = page.getByTestId('configuration-total')
    await expect(total).toHaveText('100\u2009000 configurations')
    const rows = page.locator('.vtable__row')
    await expect(rows.first()).toContainText('Ag')
    const firstPageMs = Date.now() - opened
    await shot(page, 'large-01-top')

    // End jumps to the last row: its page is fetched on demand and the last id is shown.
    const table = page.getByTestId('vtable-viewport')
    await table.focus()
    const jumped = Date.now()
    await page.keyboard.press('End')
    await expect(page.locator('.vtable__row', { hasText: '100000' }).first()).toBeVisible()
    const endMs = Date.now() - jumped
    await expect(page.getByTestId('configuration-detail')).toContainText('#100000')
    await shot(page, 'large-02-end')

    // Dragging the scrollbar to the middle shows rows from the middle, not placeholders, soon after.
    await table.evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
    await expect(page.locator('.vtable__row .vtable__skeleton')).toHaveCount(0)
    const middleId = Number(await rows.nth(10).locator('[role=gridcell]').first().innerText())
    expect(middleId).toBeGreaterThan(40_000)
    expect(middleId).toBeLessThan(60_000)
    await shot(page, 'large-03-middle')

    // An exact formula filter: the total equals the generator's count for that formula.
    await page.getByTestId('formula-filter').locator('input').fill(equiatomic)
    await page.getByTestId('formula-filter').locator('input').press('Enter')
    const expected = formulaCounts[equiatomic]
    await expect(total).toHaveText(`${expected.toLocaleString('en').replace(/,/g, '\u2009')} configurations`)
    for (let i = 0; i < 5; i++) await expect(rows.nth(i).locator('[role=gridcell]').nth(1)).toHaveText(equiatomic)
    await shot(page, 'large-04-filtered')

    // Energy per atom ≤ −3.5 eV/atom: only cells with 3 or 4 Pd (−3.625 and −3.9 eV/atom, noise ±0.02).
    const thousands = (n: number) => n.toLocaleString('en').replace(/,/g, '\u2009')
    const pdCount = (formula: string) => Number(/Pd(\d)/.exec(formula)?.[1] ?? 0)
    const pdRich = Object.entries(formulaCounts).filter(([f]) => pdCount(f) >= 3).reduce((sum, [, n]) => sum + n, 0)
    await page.getByRole('button', { name: 'Reset' }).click()
    await expect(total).toHaveText('100\u2009000 configurations')
    await page.getByLabel('E/atom max').fill('-3.5')
    await page.getByTestId('apply-filter').click()
    await expect(total).toHaveText(`${thousands(pdRich)} configurations`)
    for (let i = 0; i < 5; i++) expect(pdCount(await rows.nth(i).locator('[role=gridcell]').nth(1).innerText())).toBeGreaterThanOrEqual(3)
    await shot(page, 'large-05-energy-filter')

    // Only Ag: the pure Ag cells, scrolled to the end of the filtered list.
    await page.getByRole('button', { name: 'Reset' }).click()
    await page.getByTestId('elements-filter').click()
    await page.getByRole('option', { name: 'Ag' }).click()
    await page.keyboard.press('Escape')
    await page.getByLabel('only these').check()
    await page.getByTestId('apply-filter').click()
    const pureAg = Object.keys(formulaCounts).find((f) => pdCount(f) === 0)!
    await expect(total).toHaveText(`${thousands(formulaCounts[pureAg])} configurations`)
    await table.focus()
    await page.keyboard.press('End')
    await expect(page.locator('.vtable__row .vtable__skeleton')).toHaveCount(0)
    await expect(rows.last().locator('[role=gridcell]').nth(1)).toHaveText(pureAg)
    await shot(page, 'large-06-only-ag-end')

    test.info().annotations.push({ type: 'timing', description: `first page ${firstPageMs} ms, End → last row ${endMs} ms (indicative: shared 2-core machine)` })
  })
})
