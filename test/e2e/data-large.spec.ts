import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, test } from './support/fixtures'
import { makeHome, removeHome, startServer, type StudioServer } from './support/server'

/** Issue 8, acceptance 1(d): the data page with 10^5 configurations scrolls and filters. */
const count = 100_000

test.describe('browser mode: data page at 10^5 configurations', () => {
  let home: string
  let projectPath: string
  let formulaCounts: Record<string, number>
  /** The formula of the 2 Ag + 2 Pd cells, as the project writes it. */
  let equiatomic: string
  let server: StudioServer | undefined

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

  test.afterAll(async () => {
    await server?.stop()
    removeHome(home)
  })

  test('scrolls to the end by keyboard and filters by formula', async ({ page, shot }) => {
    server = await startServer(home)
    await page.goto(server.url)
    await page.getByTestId('open-project').click()
    await page.getByTestId('project-path').locator('input').fill(projectPath)
    await page.getByTestId('project-dialog-submit').click()
    await expect(page.getByTestId('summary-name')).toContainText('Synthetic Ag–Pd')

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

    test.info().annotations.push({ type: 'timing', description: `first page ${firstPageMs} ms, End → last row ${endMs} ms (indicative: shared 2-core machine)` })
  })
})
