import { resolve } from 'node:path'
import { expect, test } from './support/fixtures'

const moTest = resolve(process.cwd(), '..', 'shared', 'data', 'mlearn', 'Mo', 'test.json')

test.describe('browser mode: new-potential wizard', () => {
  test('compares levels on the mlearn Mo data, creates an untrained level-16 MTP and hands it to training', async ({ page, studio, shot }) => {
    test.setTimeout(240_000)
    await studio.start()
    await studio.createProject('Mo wizard')
    expect(await studio.importFiles([moTest])).toBe(23)

    await page.getByRole('link', { name: 'New potential' }).click()
    const wizard = page.getByTestId('potential-wizard')
    await expect(wizard).toBeVisible()
    await expect(wizard.getByTestId('wizard-species')).toContainText('Mo')
    await shot(page, 'wizard-01-species')
    await wizard.getByTestId('wizard-next-1').click()

    // Counts from the engine (MLIP's templates: level 16 has 92 basis functions, 125 parameters for
    // one species), the paper's training-set size, then the cost measured on the project's data.
    const row16 = wizard.getByTestId('level-row-16')
    // The first table of a fresh app runs new-potential for all 14 levels (level 28 alone takes seconds).
    await expect(row16).toContainText('92', { timeout: 90_000 })
    await expect(row16).toContainText('125')
    await expect(row16).toContainText('≈442')
    await expect(row16).toContainText('MLIP paper, Ag–Pd')
    await expect(wizard.getByTestId('level-row-14')).toContainText('interpolated')
    await expect(wizard.getByTestId('wizard-cost-note')).toContainText('measured by the engine', { timeout: 120_000 })
    await expect(row16).toContainText('1.00×')
    await expect(wizard.getByTestId('level-row-28')).toContainText('2\u2009445')
    await expect(wizard.getByTestId('wizard-recommendation')).toContainText('Recommended: level')
    await expect(wizard.getByTestId('level-recommended')).toHaveCount(1)
    await row16.click()
    await expect(row16).toHaveAttribute('aria-checked', 'true')
    await page.waitForTimeout(500)
    await shot(page, 'wizard-02-levels')

    // Distances suggested from the data's smallest interatomic distance.
    await wizard.getByTestId('wizard-next-2').click()
    await expect(wizard.getByTestId('wizard-suggestion')).toContainText('The smallest interatomic distance in 23 configuration(s)')
    const minDist = Number(await wizard.getByTestId('wizard-min-dist').locator('input').inputValue())
    const maxDist = Number(await wizard.getByTestId('wizard-max-dist').locator('input').inputValue())
    expect(minDist).toBeGreaterThan(1.5)
    expect(maxDist).toBeGreaterThanOrEqual(5)
    await wizard.getByTestId('wizard-max-dist').locator('input').fill(String(minDist))
    await expect(wizard.getByText('R_cut must exceed R_min by more than 0.5 Å')).toBeVisible()
    await wizard.getByTestId('wizard-max-dist').locator('input').fill('5.2')
    await shot(page, 'wizard-03-distances')

    await wizard.getByTestId('wizard-next-3').click()
    await expect(wizard.getByTestId('wizard-summary')).toContainText('92 / 125')
    await wizard.getByTestId('wizard-create').click()
    await expect(wizard.getByTestId('wizard-created')).toContainText('level 16, 92 basis functions, 125 parameters')
    await shot(page, 'wizard-04-created')

    await wizard.getByTestId('wizard-train').click()
    await expect(page).toHaveURL(/#\/training\?untrainedPotentialId=\d+&level=16&species=Mo&radialBasisSize=8/)
  })
})
