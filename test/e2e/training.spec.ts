import { resolve } from 'node:path'
import { expect, test } from './support/fixtures'

const moTest = resolve(process.cwd(), '..', 'shared', 'data', 'mlearn', 'Mo', 'test.json')

test.describe('browser mode: training', () => {
  test('imports the mlearn Mo test set, trains from the wizard with a live curve, then shows parity plots, errors and a clicked structure', async ({ page, studio, shot }) => {
    test.setTimeout(600_000)
    await studio.start()
    await studio.createProject('Mo training')
    // 23 DFT configurations (AIMD-NVT 12, Elastic 6, Vacancy 3, Surface 2; MANIFEST.md); the 12 AIMD and
    // the 3 vacancy configurations are AIMD snapshots by their descriptions.
    expect(await studio.importFiles([moTest])).toBe(23)

    await page.getByRole('link', { name: 'Training' }).click()
    const wizard = page.getByTestId('training-wizard')
    await expect(wizard).toBeVisible()
    await expect(page.getByTestId('training-runs')).toContainText('No training runs yet.')

    // Step 1: a set version of every trainable configuration, and what is in it.
    await wizard.getByTestId('wizard-new-set-name').locator('input').fill('Mo')
    await wizard.getByTestId('wizard-create-set').click()
    await expect(wizard.getByTestId('wizard-set')).toContainText('Mo v1 — 23 configurations')
    await expect(wizard.getByTestId('wizard-set-stats')).toContainText('23 configurations of Mo')
    await expect(wizard.getByTestId('wizard-set-stats')).toContainText('15 that look like MD snapshots')
    await shot(page, 'training-01-wizard-set')

    // Step 2: a small potential so the run is short.
    await wizard.getByTestId('wizard-next').click()
    const level = wizard.getByTestId('wizard-level').locator('input')
    await level.fill('40')
    await wizard.getByTestId('wizard-next').click()
    await expect(wizard.getByText('The level is a whole number from 2 to 28.')).toBeVisible()
    await level.fill('10')
    await shot(page, 'training-02-wizard-potential')
    await wizard.getByTestId('wizard-next').click()

    // Step 3: the weightings explained, with the suggestion from the data (MD snapshots → vibrations).
    await expect(wizard.getByTestId('wizard-suggestion')).toContainText('Vibrations')
    await expect(wizard.getByTestId('wizard-suggestion')).toContainText('15 of 23 configurations look like molecular-dynamics snapshots')
    for (const w of ['molecules', 'structures', 'vibrations']) await expect(wizard.getByTestId(`weighting-${w}`)).toContainText('L = Σₖ')
    await expect(wizard.getByTestId('weighting-vibrations').locator('input[type=radio]')).toBeChecked()
    await expect(wizard.getByText(/Higher: stresses fit better/)).toBeVisible()
    await shot(page, 'training-03-wizard-weights')
    await wizard.getByTestId('wizard-next').click()

    // Step 4: validation, seed, iterations; start.
    await wizard.getByTestId('wizard-validation').locator('input').fill('20')
    await wizard.getByTestId('wizard-seed').locator('input').fill('2')
    await wizard.getByTestId('wizard-max-iterations').locator('input').fill('40')
    await shot(page, 'training-04-wizard-run')
    await wizard.getByTestId('wizard-start').click()

    // The monitor: the curves grow while the engine trains (a few seconds at level 10).
    const monitor = page.getByTestId('training-monitor')
    await expect(monitor).toBeVisible()
    const curves = page.getByTestId('training-curves')
    await expect.poll(async () => Number(await curves.getAttribute('data-points')), { timeout: 120_000 }).toBeGreaterThan(0)
    await expect(page.getByTestId('run-latest')).toContainText('meV/atom')

    // Finished: parity plots of energy, forces and stress, and the per-group error table.
    await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 300_000 })
    const parity = page.getByTestId('parity-panel')
    await expect(parity).toBeVisible()
    for (const q of ['energy', 'force', 'stress']) await expect(parity.getByTestId(`parity-${q}`).locator('canvas').first()).toBeVisible()
    const table = page.getByTestId('error-table')
    await expect(table).toContainText('Energy RMSE (meV/atom)')
    await expect(table).toContainText('AIMD-NVT')
    await expect(table).toContainText('validation')
    await page.waitForTimeout(1000)
    await shot(page, 'training-06-parity-errors')

    // Click a point of the energy parity plot: its pixel follows from the parity data and the
    // builder's grid insets (left 64, right 72, top 36, bottom 52) and 3 % padding of the range.
    const runId = Number(new URL(page.url().replace('#/', '')).searchParams.get('run'))
    const reply = await page.request.post(`${studio.server.origin}/api/training/parity`, {
      headers: { authorization: `Bearer ${studio.server.token}` },
      data: { runId },
    })
    const data = (await reply.json()).result as { configurationIds: number[]; energyRef: number[]; energyPred: number[] }
    let lo = Math.min(...data.energyRef, ...data.energyPred)
    let hi = Math.max(...data.energyRef, ...data.energyPred)
    const pad = (hi - lo) * 0.03
    lo -= pad
    hi += pad
    const k = data.energyRef.indexOf(Math.min(...data.energyRef))
    await parity.getByTestId('parity-energy').scrollIntoViewIfNeeded()
    const box = (await parity.getByTestId('parity-energy').boundingBox())!
    const px = box.x + 64 + ((data.energyRef[k] - lo) / (hi - lo)) * (box.width - 64 - 72)
    const py = box.y + 36 + ((hi - data.energyPred[k]) / (hi - lo)) * (box.height - 36 - 52)
    await page.mouse.click(px, py)
    const structure = page.getByTestId('training-structure')
    await expect(structure).toBeVisible()
    await expect(structure.getByTestId('configuration-detail')).toContainText(/#\d+ · Mo\d+/)
    await expect(structure.getByTestId('structure-canvas').locator('canvas')).toBeVisible()
    await page.waitForTimeout(1500)
    await shot(page, 'training-07-clicked-structure')

    // A second run at the wizard's default level 16 with many iterations: the live curves while it
    // runs, then cancel; the last good potential is kept.
    // The structure panel had taken the run list's place; closing it brings the list back.
    await structure.getByRole('button', { name: 'Close details' }).click()
    await page.getByTestId('training-new').click()
    await expect(wizard.getByTestId('wizard-set')).toContainText('Mo v1')
    for (let i = 0; i < 3; i++) await wizard.getByTestId('wizard-next').click()
    await wizard.getByTestId('wizard-max-iterations').locator('input').fill('5000')
    await wizard.getByTestId('wizard-start').click()
    await expect(page.getByTestId('run-status')).toHaveText('running', { timeout: 60_000 })
    await expect.poll(async () => Number(await curves.getAttribute('data-points')), { timeout: 180_000 }).toBeGreaterThan(2)
    await expect(page.getByTestId('run-status')).toHaveText('running')
    await page.waitForTimeout(500)
    await shot(page, 'training-08-monitor-live')
    await page.getByTestId('run-cancel').click()
    await expect(page.getByTestId('run-status')).toHaveText('cancelled', { timeout: 120_000 })
    await expect(page.getByTestId('run-error')).toContainText('last good parameters')
    await expect(page.getByTestId('run-restart')).toBeVisible()
    await expect(page.getByTestId('parity-panel')).toBeVisible()
    await expect(page.getByTestId('training-runs').locator('[data-testid^=training-run-]')).toHaveCount(2)
    await page.waitForTimeout(1000)
    await shot(page, 'training-09-cancelled')
  })
})
