import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './support/fixtures'

/** Issue 8, Settings: programs, threads and theme in the user directory; job templates in the project. */
test.describe('browser mode: settings page', () => {
  test('stores app settings across launches and edits the project’s job templates', async ({ page, shot, studio }) => {
    await studio.start()
    await page.getByRole('link', { name: 'Settings' }).click()
    const settings = page.getByTestId('app-settings')
    await expect(settings).toBeVisible()
    await expect(page.getByText('Open a project to edit its job templates.')).toBeVisible()

    // A command that does not exist is refused with the field named; nothing is stored.
    await page.getByTestId('setting-mpirun').locator('input').fill('/nonexistent/mpirun')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('setting-mpirun')).toContainText('/nonexistent/mpirun is not an executable file')
    // Let the message's transition finish before the screenshot.
    await page.waitForTimeout(400)
    await shot(page, 'settings-01-bad-command')

    await page.getByTestId('setting-mpirun').locator('input').fill('')
    await page.getByTestId('setting-threads').locator('input').fill('1')
    await page.getByTestId('setting-ranks').locator('input').fill('0')
    await expect(settings).toContainText('a whole number from 1 to 4096')
    await page.getByTestId('setting-ranks').locator('input').fill('2')
    await page.getByTestId('setting-theme').getByRole('button', { name: 'Dark' }).click()
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-save')).toBeDisabled()
    await expect(page.locator('.v-application')).toHaveClass(/v-theme--studioDark/)
    expect(JSON.parse(readFileSync(join(studio.home, 'settings.json'), 'utf8'))).toMatchObject({ engineThreads: 1, mpiRanks: 2, theme: 'dark', mpirunCommand: null })
    await shot(page, 'settings-02-saved-dark')

    // A new launch is a new origin (no localStorage): the theme and values come from the settings file.
    await studio.restart()
    await expect(page.locator('.v-application')).toHaveClass(/v-theme--studioDark/)
    await studio.openExample()
    await page.getByRole('link', { name: 'Settings' }).click()
    await expect(page.getByTestId('setting-threads').locator('input')).toHaveValue('1')

    // Job templates of the open project: a typo in a placeholder is refused, a site's script is kept.
    const slurm = page.getByTestId('template-slurm')
    await expect(slurm).toContainText('built-in')
    const text = slurm.locator('textarea').first()
    await text.fill('#!/bin/bash\n#SBATCH --array=1-{{cuont}}\n{{run}}\n')
    await expect(slurm).toContainText('not filled in by the export: {{cuont}}')
    await expect(page.getByTestId('template-save-slurm')).toBeDisabled()
    await text.fill('#!/bin/bash\n#SBATCH --job-name={{batch}}\n#SBATCH --array=1-{{count}}%{{max_parallel}}\n#SBATCH --partition=short\n{{run}}\n')
    await page.getByTestId('template-save-slurm').click()
    await expect(slurm).toContainText('project’s own')
    await shot(page, 'settings-03-template')
  })
})
