import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'

const dataFile = resolve(process.cwd(), '..', 'shared', 'data', 'pyclupan_CuAgAu', 'CuAgAu_pyclupan_DFT.extxyz')
/** Job folders of the send-to-DFT step: outside the repository, beside the other e2e outputs. */
const jobsRoot = '/tmp/hullui-e2e'

interface CompareReply {
  rows: number
  members: { label: string }[]
  columns: Record<string, string>
  summary: { rmseMeV: number; compared: number; dftStable: number[] }
}

/** A base64 column of the reply as numbers (little-endian, as the core writes it). */
function column(text: string, type: 'f64' | 'i32' | 'u8'): number[] {
  const b = Buffer.from(text, 'base64')
  const out: number[] = []
  const size = { f64: 8, i32: 4, u8: 1 }[type]
  for (let k = 0; k < b.length; k += size) out.push(type === 'f64' ? b.readDoubleLE(k) : type === 'i32' ? b.readInt32LE(k) : b.readUInt8(k))
  return out
}

/** As the page formats energies: one decimal and a real minus sign. */
const shown = (v: number) => {
  const s = v.toFixed(1)
  return s.startsWith('-') ? `−${s.slice(1)}` : s
}

/** Runs the comparison with the built-in EAM (the only force field of a project without potentials) and returns the core's reply. */
async function compareWithEam(page: Page, system: string): Promise<CompareReply> {
  await expect(page.getByTestId('hull-forcefield')).toContainText(`EAM reference (Zhou 2004) ${system}`)
  const response = page.waitForResponse((r) => r.url().includes('/api/analysis/hull-compare') && !r.url().includes('cancel'), { timeout: 180_000 })
  await page.getByTestId('hull-compare-run').click()
  const body = (await (await response).json()) as { ok: boolean; result: CompareReply }
  expect(body.ok).toBe(true)
  await expect(page.getByTestId('hull-compare-summary')).toBeVisible()
  return body.result
}

/** Screenshots in the light and the dark theme (pointer off the plot), back in the light theme after. */
async function lightAndDark(page: Page, shot: (page: Page, name: string) => Promise<void>, light: string, dark: string): Promise<void> {
  await page.mouse.move(700, 860)
  await page.waitForTimeout(500)
  await shot(page, light)
  await page.getByTestId('theme-toggle').click()
  await page.waitForTimeout(600)
  await shot(page, dark)
  await page.getByTestId('theme-toggle').click()
}

test.describe('browser mode: DFT vs MTP on the hull page', () => {
  test('compares the Ag–Au and Cu–Ag–Au DFT hulls with the built-in EAM and sends near-hull entries to DFT', async ({ page, shot, studio }) => {
    test.setTimeout(420_000)
    await studio.start()
    await studio.createProject('Cu–Ag–Au vs EAM')
    expect(await studio.importFiles([dataFile])).toBeGreaterThan(0)
    await page.getByRole('link', { name: 'Convex hull' }).click()
    const chart = page.getByTestId('hull-chart')
    await expect(chart).toHaveAttribute('aria-label', /Ternary convex hull/)

    // Ag–Au with the EAM: the overlay, the summary and the table's MTP columns.
    await page.getByTestId('hull-elements').getByText('Cu', { exact: true }).click()
    await expect(chart).toHaveAttribute('aria-label', /Binary convex hull of Ag–Au/)
    const binary = await compareWithEam(page, 'Ag–Au')
    await expect(chart).toHaveAttribute('aria-label', /Binary convex hull of Ag–Au, DFT vs MTP/)
    await expect(chart).toHaveAttribute('data-drawn', 'true')
    expect(binary.members).toHaveLength(1)
    expect(binary.summary.compared).toBe(binary.rows)
    await expect(page.getByTestId('hull-compare-rmse')).toHaveText(shown(binary.summary.rmseMeV))

    // First table row (lowest MTP energy above hull): its numbers are the reply's.
    const ids = column(binary.columns.id, 'i32')
    const dftEf = column(binary.columns.dftFormationMeV, 'f64')
    const mtpEf = column(binary.columns.mtpFormationMeV, 'f64')
    const mtpEah = column(binary.columns.mtpEAboveHullMeV, 'f64')
    const table = page.getByTestId('hull-compare-table')
    const cells = table.locator('.vtable__row').first().locator('[role=gridcell]')
    await expect(cells.nth(0)).not.toHaveText('')
    const row = ids.indexOf(Number(await cells.nth(0).innerText()))
    expect(row).toBeGreaterThanOrEqual(0)
    expect(mtpEah[row]).toBe(Math.min(...mtpEah.filter(Number.isFinite)))
    // Columns: ID, formula, x(Ag), x(Au), DFT E_f, DFT above hull, MTP E_f, MTP above hull, DFT − MTP.
    await expect(cells.nth(4)).toHaveText(shown(dftEf[row]))
    await expect(cells.nth(6)).toHaveText(shown(mtpEf[row]))
    await expect(cells.nth(7)).toHaveText(shown(mtpEah[row]))
    await expect(cells.nth(8)).toHaveText(shown(dftEf[row] - mtpEf[row]))
    // The CSV has the MTP columns, with the reply's numbers.
    const download = page.waitForEvent('download')
    await page.getByTestId('hull-export').click()
    await page.getByTestId('hull-export-csv').click()
    const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\r\n')
    const header = csv[0].split(',')
    expect(header).toEqual(expect.arrayContaining(['mtp_formation_energy_meV_per_atom', 'mtp_e_above_hull_meV_per_atom', 'dft_minus_mtp_meV_per_atom', 'mtp_formation_energy_lo95_meV_per_atom']))
    expect(csv).toHaveLength(binary.rows + 1)
    const line = csv.find((l) => l.startsWith(`${ids[row]},`))!.split(',')
    expect(Number(line[header.indexOf('mtp_formation_energy_meV_per_atom')])).toBeCloseTo(mtpEf[row], 3)
    expect(Number(line[header.indexOf('dft_minus_mtp_meV_per_atom')])).toBeCloseTo(dftEf[row] - mtpEf[row], 3)
    await lightAndDark(page, shot, 'hull-compare-01-binary-light', 'hull-compare-02-binary-dark')

    // Back to the plain DFT hull and again to the comparison, without recomputing.
    await page.getByTestId('hull-view').getByText('DFT hull').click()
    await expect(chart).toHaveAttribute('aria-label', /Binary convex hull of Ag–Au: formation energy/)
    await page.getByTestId('hull-view-compare').click()
    await expect(chart).toHaveAttribute('aria-label', /DFT vs MTP/)

    // Send to DFT: entries with DFT too (all have it here), within 10 meV/atom, at most 3, as EAM "DFT" jobs.
    const qualifying = column(binary.columns.mtpEAboveHullMeV, 'f64').filter((e) => e <= 10).length
    expect(qualifying).toBeGreaterThan(3)
    await page.getByTestId('hull-send-open').click()
    const dialog = page.getByTestId('hull-send-dialog')
    await dialog.getByTestId('hull-send-threshold').locator('input').fill('10')
    await dialog.getByTestId('hull-send-only-new').locator('input').uncheck()
    await dialog.getByTestId('hull-send-cap').locator('input').fill('3')
    await dialog.getByTestId('hull-send-preview-run').click()
    await expect(dialog.getByTestId('hull-send-preview')).toContainText(`${qualifying} within 10.0 meV/atom → 3 to send`)
    await dialog.getByTestId('dft-code').click()
    await page.getByRole('option', { name: 'EAM reference (engine)' }).click()
    await dialog.getByTestId('dft-out').locator('input').fill(mkdtempSync(join(jobsRoot, 'jobs-')))
    await page.waitForTimeout(300)
    await shot(page, 'hull-compare-03-send-preview')
    await dialog.getByTestId('hull-send-create').click()
    await expect(dialog.getByTestId('hull-send-result')).toContainText('3 DFT jobs created')
    await shot(page, 'hull-compare-04-send-created')
    await dialog.getByTestId('hull-send-jobs-link').click()
    await expect(page.getByTestId('dft-jobs').locator('tbody tr')).toHaveCount(3)
    await page.waitForTimeout(400)
    await shot(page, 'hull-compare-05-dft-jobs')

    // The ternary comparison: every entry, the two sets of tie lines, intervals in the tooltip.
    // Coming back, the page starts again from all three elements.
    await page.getByRole('link', { name: 'Convex hull' }).click()
    await expect(chart).toHaveAttribute('aria-label', /Ternary convex hull of Cu–Ag–Au:/)
    const ternary = await compareWithEam(page, 'Cu–Ag–Au')
    await expect(chart).toHaveAttribute('aria-label', /Ternary convex hull of Cu–Ag–Au, DFT vs MTP/)
    await expect(page.locator('.compare-table')).toContainText(`${ternary.rows} entries`)
    expect(ternary.summary.dftStable.length).toBeGreaterThan(3)
    await lightAndDark(page, shot, 'hull-compare-06-ternary-light', 'hull-compare-07-ternary-dark')
  })
})

test('cancels a running comparison: the engine job stops and the page is ready to run again', async ({ page, studio }) => {
  test.setTimeout(180_000)
  const dir = mkdtempSync(join(jobsRoot, 'slow-engine-'))
  try {
    // The engine behind a shell that waits 5 s before each EAM evaluation, so the comparison is caught running.
    const engine = join(dir, 'slow-engine')
    writeFileSync(engine, `#!/bin/sh\nif [ "$1" = reference ]; then sleep 5; fi\nexec '${resolve('native', 'build', 'mtp-engine')}' "$@"\n`)
    chmodSync(engine, 0o755)
    await studio.start({ MTP_ENGINE_BIN: engine })
    await studio.createProject('Compare cancel')
    expect(await studio.importFiles([dataFile])).toBeGreaterThan(0)
    await page.getByRole('link', { name: 'Convex hull' }).click()
    await page.getByTestId('hull-elements').getByText('Cu', { exact: true }).click()
    await expect(page.getByTestId('hull-chart')).toHaveAttribute('aria-label', /Binary convex hull of Ag–Au/)
    await page.getByTestId('hull-compare-run').click()
    await expect(page.getByTestId('hull-compare-progress')).toBeVisible()
    await page.getByTestId('hull-compare-cancel').click()
    await expect(page.getByTestId('hull-compare-run')).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('hull-compare-progress')).toHaveCount(0)
    await expect(page.getByTestId('hull-compare-summary')).toHaveCount(0)
    await expect(page.getByText('Hull comparison cancelled')).toBeVisible()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
