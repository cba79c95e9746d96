import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from './support/fixtures'

const mlearnMo = resolve(process.cwd(), '..', 'shared', 'data', 'mlearn', 'Mo')

/**
 * Three members from the published mlearn Mo MTP: the moment coefficients scaled by 1 + 0.001·u with
 * a fixed pseudo-random u ∈ [−1, 1] per coefficient and member, so the ensemble has a visible spread.
 */
function perturbedEnsemble(dir: string): string[] {
  const text = readFileSync(join(mlearnMo, 'mtp.2020.01', 'fitted.mtp'), 'utf8')
  return [1, 2, 3].map((member) => {
    let seed = member * 7919
    const u = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1
    const out = text.replace(/^moment_coeffs = \{(.*)\}$/m, (_m, list: string) => `moment_coeffs = {${list.split(',').map((x) => String(Number(x) * (1 + 0.001 * u()))).join(', ')}}`)
    const path = join(dir, `mo-member-${member}.mtp`)
    writeFileSync(path, out)
    return path
  })
}

test.describe('browser mode: E–V and elastic constants', () => {
  test('adds an Mo ensemble, computes the E–V curve with the DFT point and the elastic constants', async ({ page, studio, shot }) => {
    test.setTimeout(240_000)
    const dir = mkdtempSync(join(tmpdir(), 'mtp-e2e-ev-'))
    try {
      const members = perturbedEnsemble(dir)
      await studio.start()
      await studio.createProject('Mo E–V')
      expect(await studio.importFiles([join(mlearnMo, 'training.json')])).toBe(194)

      await page.getByRole('link', { name: 'E–V and elastic' }).click()
      await expect(page.getByTestId('ev-form')).toBeVisible()
      await page.getByTestId('ev-add-potentials').click()
      const dialog = page.getByTestId('import-potentials-dialog')
      await dialog.getByTestId('import-potentials-paths').locator('textarea').first().fill(members.join('\n'))
      await dialog.getByTestId('import-potentials-ensemble').locator('input').fill('Mo perturbed')
      await dialog.getByTestId('import-potentials-run').click()
      await expect(dialog).toBeHidden()
      await expect(page.getByTestId('ev-potentials')).toContainText('Ensemble “Mo perturbed”')

      await page.getByTestId('ev-a').locator('input').fill('3.16')
      await page.getByTestId('ev-range').locator('input').fill('6')
      await page.getByTestId('ev-run').click()
      const result = page.getByTestId('ev-result')
      await expect(result).toBeVisible({ timeout: 60_000 })
      await expect(page.getByTestId('ev-chart')).toHaveAttribute('aria-label', /3 members and 1 DFT points/)
      await expect(page.getByTestId('ev-chart')).toHaveAttribute('data-drawn', 'true')
      // The lattice constant with its interval (Å) and B0 in GPa, members listed.
      await expect(result).toContainText(/a = 3\.1[5-8]\d{3} ± 0\.\d{5} Å/)
      await expect(page.getByTestId('ev-fit-table')).toContainText('GPa')
      await expect(page.getByTestId('ev-member-table').locator('tbody tr')).toHaveCount(3)
      await page.waitForTimeout(500)
      await shot(page, 'ev-01-curve')

      await page.getByTestId('elastic-run').click()
      const elastic = page.getByTestId('elastic-result')
      await expect(elastic).toBeVisible({ timeout: 60_000 })
      const c11 = page.getByTestId('elastic-cubic-table').locator('tbody tr').first()
      await expect(c11).toContainText(/C₁₁ \(GPa\)\s*[3-6]\d\d\.\d ± \d+\.\d/)
      await expect(page.getByTestId('elastic-matrix').locator('tbody tr')).toHaveCount(6)
      await shot(page, 'ev-02-elastic')

      await page.getByTestId('theme-toggle').click()
      await page.mouse.move(700, 850)
      await page.waitForTimeout(500)
      await shot(page, 'ev-03-dark')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('shows members × structures progress, cancels a running E–V computation, and computes it again', async ({ page, studio, shot }) => {
    test.setTimeout(180_000)
    const dir = mkdtempSync(join(tmpdir(), 'mtp-e2e-ev-cancel-'))
    try {
      // The engine behind a shell that waits 10 s (less than the engine hello timeout) before each calc-efs while the file "slow" exists, so the computation is
      // caught running (the sleep holds none of the job's pipes, so a cancelled job ends at once).
      const engine = join(dir, 'slow-engine')
      const slow = join(dir, 'slow')
      writeFileSync(slow, '')
      writeFileSync(engine, `#!/bin/sh\nif [ "$1" = calc-efs ] && [ -f '${slow}' ]; then sleep 10 </dev/null >/dev/null 2>&1; fi\nexec '${resolve('native', 'build', 'mtp-engine')}' "$@"\n`)
      chmodSync(engine, 0o755)
      const members = perturbedEnsemble(dir)
      await studio.start({ MTP_ENGINE_BIN: engine })
      await studio.createProject('Mo cancel')
      await page.getByRole('link', { name: 'E–V and elastic' }).click()
      await page.getByTestId('ev-add-potentials').click()
      const dialog = page.getByTestId('import-potentials-dialog')
      await dialog.getByTestId('import-potentials-paths').locator('textarea').first().fill(members.join('\n'))
      await dialog.getByTestId('import-potentials-ensemble').locator('input').fill('Mo perturbed')
      // An empty project: the species come from the dialog.
      await dialog.getByTestId('import-potentials-species').locator('input').fill('Mo')
      await dialog.getByTestId('import-potentials-run').click()
      await expect(dialog).toBeHidden()
      await page.getByTestId('ev-element').locator('input').fill('Mo')
      await page.getByTestId('ev-a').locator('input').fill('3.16')

      await page.getByTestId('ev-run').click()
      const progress = page.getByTestId('ev-progress')
      await expect(progress).toBeVisible()
      await expect(page.getByTestId('ev-progress-text')).toContainText(/member 2 of 3 · calc-efs 11 structures/, { timeout: 60_000 })
      await expect(page.getByTestId('elastic-run')).toBeDisabled()
      await shot(page, 'ev-cancel-01-running')

      await page.getByTestId('ev-cancel').click()
      await expect(page.getByTestId('ev-cancelled')).toContainText('E–V calculation cancelled: its engine job was stopped and nothing was stored.', { timeout: 10_000 })
      await expect(progress).toBeHidden()
      await expect(page.getByTestId('ev-result')).toHaveCount(0)
      await expect(page.getByTestId('ev-problem')).toHaveCount(0)
      await expect(page.getByTestId('ev-run')).toBeEnabled()
      await shot(page, 'ev-cancel-02-cancelled')
      // The jobs menu: the job in flight was cancelled, nothing runs any more.
      await page.getByTestId('jobs-menu').click()
      await expect(page.getByText('cancelled', { exact: true })).toHaveCount(1)
      await expect(page.getByTestId('jobs-menu')).toHaveAttribute('aria-label', 'Engine jobs (0 running)')
      await shot(page, 'ev-cancel-03-jobs-menu')
      await page.keyboard.press('Escape')

      rmSync(slow)
      await page.getByTestId('ev-run').click()
      await expect(page.getByTestId('ev-result')).toBeVisible({ timeout: 60_000 })
      await expect(page.getByTestId('ev-cancelled')).toHaveCount(0)
      await expect(page.getByTestId('ev-member-table').locator('tbody tr')).toHaveCount(3)
      await expect(page.getByTestId('ev-chart')).toHaveAttribute('data-drawn', 'true')
      await shot(page, 'ev-cancel-04-rerun')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
