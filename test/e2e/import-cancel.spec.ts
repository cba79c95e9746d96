import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './support/fixtures'

const frame = (x: number) => `1\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3 energy=-1 pbc="T T T"\nMo ${x} 0 0\n`

test('stops a running import: the file being read is rolled back, the earlier file stays', async ({ page, studio, shot }) => {
  const dir = mkdtempSync(join(tmpdir(), 'mtp-import-cancel-'))
  try {
    const small = join(dir, 'a-small.xyz')
    writeFileSync(small, frame(0) + frame(0.5) + frame(1))
    // ~5 MB in several reader chunks; the test hook holds the import for 2 s after 100 frames of it,
    // so the Stop click lands while that file's transaction is open.
    const big = join(dir, 'b-big.xyz')
    writeFileSync(big, Array.from({ length: 64_000 }, (_, k) => frame(k * 1e-5)).join(''))
    await studio.start({ MTP_STUDIO_TEST_IMPORT_PAUSE: '100:2000' })
    await studio.createProject('Import cancel')

    await page.getByTestId('browse-data').click()
    await page.getByTestId('open-import').click()
    const dialog = page.getByTestId('import-dialog')
    await dialog.getByTestId('import-paths').locator('textarea').first().fill([small, big].join('\n'))
    await page.getByTestId('import-run').click()
    await expect(dialog).toContainText('File 2 of 2', { timeout: 30_000 })
    await shot(page, 'import-cancel-01-running')
    await page.getByTestId('import-cancel').click()

    const cancelled = page.getByTestId('import-cancelled')
    await expect(cancelled).toBeVisible({ timeout: 60_000 })
    await expect(cancelled).toContainText(`nothing of ${big} was stored`)
    const rows = page.getByTestId('import-result').locator('tbody tr')
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText('a-small.xyz')
    await shot(page, 'import-cancel-02-cancelled')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(page.getByTestId('configuration-total')).toHaveText('3 configurations')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
