import { resolve } from 'node:path'
import { expect, test } from './support/fixtures'

const exampleName = 'Example: Mo (mlearn)'

test.describe('browser mode: data page', () => {
  test('lists the example configurations, filters by formula and shows one in 3-D', async ({ page, shot, studio }) => {
    await studio.start()
    await studio.openExample(exampleName)
    const count = Number(await page.getByTestId('project-summary').locator('.stat .numeric').first().innerText())

    await page.getByTestId('browse-data').click()
    await expect(page.getByTestId('configuration-total')).toHaveText(`${count} configuration${count === 1 ? '' : 's'}`)
    const rows = page.locator('.vtable__row')
    await expect(rows).toHaveCount(count)
    await shot(page, 'data-01-table')

    // Keyboard: focus the table, move down one row and select it with Enter.
    await page.getByTestId('vtable-viewport').focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const detail = page.getByTestId('configuration-detail')
    await expect(detail).toBeVisible()
    const formula = (await rows.nth(1).locator('[role=gridcell]').nth(1).innerText()).trim()
    await expect(detail).toContainText(formula)
    await expect(detail).toContainText('eV/atom')
    const canvas = page.getByTestId('structure-canvas').locator('canvas')
    await expect(canvas).toBeVisible()
    // Let NGL draw a few frames before the screenshot.
    await page.waitForTimeout(1500)
    await shot(page, 'data-02-detail-3d')

    // Dark theme: the 3-D view follows (background and cell colour) and the table stays readable.
    await page.getByTestId('theme-toggle').click()
    await expect(page.locator('.v-application')).toHaveClass(/v-theme--studioDark/)
    await page.getByRole('button', { name: '2×2×2' }).click()
    await page.waitForTimeout(1500)
    await shot(page, 'data-03-detail-dark-images')

    // An exact-formula filter keeps only matching rows.
    await page.getByTestId('formula-filter').locator('input').fill(formula)
    await page.getByTestId('formula-filter').locator('input').press('Enter')
    await expect(rows.first()).toContainText(formula)
    const filtered = await rows.count()
    for (let i = 0; i < filtered; i++) await expect(rows.nth(i).locator('[role=gridcell]').nth(1)).toHaveText(formula)
    await shot(page, 'data-04-filtered')
  })

  test('imports the icet Ag–Pd extxyz set into a new project and shows a structure', async ({ page, shot, studio }) => {
    const file = resolve(process.cwd(), '..', 'shared', 'data', 'icet_AgPd', 'AgPd_reference_data.extxyz')
    await studio.start()
    await studio.createProject('Ag–Pd import')
    await page.getByTestId('browse-data').click()

    await page.getByTestId('open-import').click()
    const dialog = page.getByTestId('import-dialog')
    await dialog.getByTestId('import-paths').locator('textarea').first().fill(file)
    await shot(page, 'import-01-dialog')
    await page.getByTestId('import-run').click()
    const result = page.getByTestId('import-result')
    await expect(result).toBeVisible({ timeout: 60_000 })
    const stored = Number(await result.locator('tbody tr').first().locator('td').nth(2).innerText())
    expect(stored).toBeGreaterThan(0)
    await shot(page, 'import-02-result')
    await dialog.getByRole('button', { name: 'Close' }).click()

    await expect(page.getByTestId('configuration-total')).toHaveText(new RegExp(`^${stored.toLocaleString('en').replace(/,/g, '\u2009')} configurations?$`))
    await page.locator('.vtable__row').nth(3).click()
    const detail = page.getByTestId('configuration-detail')
    await expect(detail).toBeVisible()
    await expect(detail.locator('.v-chip', { hasText: 'Ag' }).or(detail.locator('.v-chip', { hasText: 'Pd' })).first()).toBeVisible()
    await page.waitForTimeout(1500)
    await shot(page, 'import-03-agpd-structure')
  })
})
