import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'

/**
 * Issue 8, acceptance 1(c): configurations exported as QE job folders from the DFT jobs page, the
 * folders checked, the jobs run by the local executor with Debian's pw.x and imported, one batch run
 * "on the cluster" (here, by this test) and imported with "Import results folder", and a run capped
 * at one SCF iteration shown in quarantine with its reason, then overridden.
 */
const PW = '/usr/bin/pw.x'
const PSEUDO = '/usr/share/espresso/pseudo/Si.pbe-rrkj.UPF'

/** Si2 (primitive diamond, one atom off its site) and Si8 (conventional cell, 2 % shorter along x). */
function siliconXyz(): string {
  const a = 5.43
  const frac2 = [
    [0, 0, 0],
    [0.26, 0.24, 0.25],
  ]
  const cell2 = [
    [0, a / 2, a / 2],
    [a / 2, 0, a / 2],
    [a / 2, a / 2, 0],
  ]
  const frac8 = [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0], [0.25, 0.25, 0.25], [0.25, 0.75, 0.75], [0.75, 0.25, 0.75], [0.77, 0.74, 0.25]]
  const cell8 = [
    [0.98 * a, 0, 0],
    [0, a, 0],
    [0, 0, a],
  ]
  const frame = (cell: number[][], frac: number[][], label: string) => {
    const pos = frac.map((f) => [0, 1, 2].map((d) => f[0] * cell[0][d] + f[1] * cell[1][d] + f[2] * cell[2][d]))
    return [
      String(frac.length),
      `Lattice="${cell.flat().join(' ')}" Properties=species:S:1:pos:R:3 config_type=${label} pbc="T T T"`,
      ...pos.map((p) => `Si ${p.map((x) => x.toFixed(8)).join(' ')}`),
    ].join('\n')
  }
  return `${frame(cell2, frac2, 'Si2')}\n${frame(cell8, frac8, 'Si8')}\n`
}

async function exportBatch(page: Page, ids: string, out: string, batch: string, maxstep: number | null, cut = { ecutwfc: '12', kspacing: '1.2' }): Promise<void> {
  await page.getByTestId('dft-open-export').click()
  const dialog = page.getByTestId('dft-export-dialog')
  await dialog.getByTestId('dft-ids').locator('input').fill(ids)
  await dialog.getByTestId('dft-out').locator('input').fill(out)
  await dialog.getByTestId('dft-batch').locator('input').fill(batch)
  await dialog.getByTestId('dft-ecutwfc').locator('input').fill(cut.ecutwfc)
  await dialog.getByTestId('dft-kspacing').locator('input').fill(cut.kspacing)
  // The dialog keeps the last export's values: clear the SCF cap explicitly when there is none.
  await dialog.getByTestId('dft-maxstep').locator('input').fill(maxstep === null ? '' : String(maxstep))
  await dialog.getByTestId('dft-export-run').click()
  await expect(dialog.getByTestId('dft-export-result')).toContainText(`written to ${join(out, batch)}`)
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
}

test.describe('browser mode: DFT jobs page', () => {
  let work: string
  test.beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'mtp-studio-dft-'))
  })
  test.afterEach(() => rmSync(work, { recursive: true, force: true }))

  test.skip(!existsSync(PW) || !existsSync(PSEUDO), 'needs Debian quantum-espresso (pw.x and Si.pbe-rrkj.UPF)')

  test('exports QE jobs, runs and imports them, and shows an unconverged result in quarantine', async ({ page, shot, studio }) => {
    test.setTimeout(420_000)
    const xyz = join(work, 'si.extxyz')
    writeFileSync(xyz, siliconXyz())
    const out = join(work, 'jobs')

    await studio.start()
    await studio.createProject('Si DFT')
    expect(await studio.importFiles([xyz])).toBe(2)

    // The local executor takes pw.x from the Settings page.
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByTestId('setting-pw').locator('input').fill(PW)
    await page.getByTestId('setting-concurrency').locator('input').fill('2')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-save')).toBeDisabled()

    await page.getByRole('link', { name: 'DFT jobs' }).click()
    await expect(page.getByTestId('dft-jobs')).toContainText('No DFT jobs yet')

    // The export dialog previews the array scripts for the chosen configurations before writing anything.
    await page.getByTestId('dft-open-export').click()
    const dialog = page.getByTestId('dft-export-dialog')
    await dialog.getByTestId('dft-ids').locator('input').fill('1-2')
    await dialog.getByTestId('dft-batch').locator('input').fill('si-scf')
    await expect(dialog.getByTestId('dft-matching')).toHaveText('2 configurations → 2 job folders')
    await expect(dialog.getByTestId('script-text')).toContainText('#SBATCH --array=1-2%50')
    await expect(dialog.getByTestId('script-text')).toContainText('srun pw.x -in pw.in > pw.out')
    await dialog.getByTestId('script-tab-pbs').click()
    await expect(dialog.getByTestId('script-text')).toContainText('#PBS -J 1-2')
    await shot(page, 'dft-01-export-dialog')
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await exportBatch(page, '1-2', out, 'si-scf', null)
    await exportBatch(page, '1', out, 'si-maxstep1', 1)
    await exportBatch(page, '1', out, 'si-cluster', null)
    await expect(page.getByTestId('dft-state-counts')).toHaveText(/4 exported/)

    // The folders: one line per job in jobs.txt, the scripts, and pw.in with forces, stress and the pseudopotential.
    const batch = join(out, 'si-scf')
    const names = readFileSync(join(batch, 'jobs.txt'), 'utf8').trim().split('\n')
    expect(names).toHaveLength(2)
    expect(readFileSync(join(batch, 'submit.slurm'), 'utf8')).toMatch(/#SBATCH --array=1-2%50[\s\S]*srun pw.x -in pw.in > pw.out/)
    expect(readFileSync(join(batch, 'submit.pbs'), 'utf8')).toMatch(/#PBS -J 1-2/)
    for (const name of names) {
      expect(readdirSync(join(batch, name)).sort()).toEqual(['job.json', 'pw.in'])
      const pwIn = readFileSync(join(batch, name, 'pw.in'), 'utf8')
      expect(pwIn).toMatch(/tprnfor = \.true\.[\s\S]*tstress = \.true\./)
      expect(pwIn).toContain('Si.pbe-rrkj.UPF')
    }
    const capped = readFileSync(join(out, 'si-maxstep1', readFileSync(join(out, 'si-maxstep1', 'jobs.txt'), 'utf8').trim(), 'pw.in'), 'utf8')
    expect(capped).toMatch(/electron_maxstep = 1/)
    await shot(page, 'dft-02-exported')

    // Run the first two batches here (select all, then leave out the "cluster" batch).
    const jobs = page.getByTestId('dft-jobs')
    await jobs.locator('thead input[type=checkbox]').check()
    await jobs.locator('tbody tr', { hasText: 'si-cluster' }).locator('input[type=checkbox]').uncheck()
    await expect(page.getByTestId('dft-run')).toHaveText(/Run 3 here/)
    await page.getByTestId('dft-run').click()
    await expect(page.getByTestId('dft-state-counts')).toHaveText(/3 imported/, { timeout: 360_000 })
    await shot(page, 'dft-03-imported')

    // The capped SCF is in quarantine with its reason; the user lets it in anyway.
    const held = page.getByTestId('dft-quarantined-row')
    await expect(held).toHaveCount(1)
    await expect(held.getByTestId('dft-quarantine-reason')).toContainText('SCF not converged')
    await expect(held).toContainText('si-maxstep1')
    await shot(page, 'dft-04-quarantined')
    await held.getByTestId('dft-override').locator('input').check()
    await expect(held).toContainText('overridden')

    // The "cluster" batch: pw.x run outside the app, then its folder imported.
    const clusterJob = join(out, 'si-cluster', readFileSync(join(out, 'si-cluster', 'jobs.txt'), 'utf8').trim())
    // pw.x may end with a non-zero status (STOP 2) after a complete run; its output is what counts.
    const run = spawnSync(PW, ['-in', 'pw.in'], { cwd: clusterJob, env: { ...process.env, OMP_NUM_THREADS: '1' }, encoding: 'utf8' })
    expect(run.stdout).toMatch(/^!\s+total energy/m)
    writeFileSync(join(clusterJob, 'pw.out'), run.stdout)
    await page.getByTestId('dft-open-import').click()
    const importDialog = page.getByTestId('dft-import-dialog')
    await importDialog.getByTestId('dft-import-folder').locator('input').fill(out)
    await importDialog.getByTestId('dft-import-run').click()
    const outcomes = importDialog.getByTestId('dft-import-outcomes')
    await expect(outcomes.locator('tbody tr')).toHaveCount(1)
    await expect(outcomes.locator('tbody tr')).toContainText('imported')
    // The jobs imported before are listed as skipped, not imported twice.
    await expect(importDialog.getByText(/is imported$/)).toHaveCount(3)
    await shot(page, 'dft-05-import-folder')
    await importDialog.getByRole('button', { name: 'Close' }).click()
    await expect(page.getByTestId('dft-state-counts')).toHaveText(/4 imported/)
    await expect(held).toContainText('overridden')
    await shot(page, 'dft-06-final')
  })

  test('cancels a local pw.x run: the running job can be run again, the next stays exported, the imported one stays', async ({ page, shot, studio }) => {
    test.setTimeout(420_000)
    const xyz = join(work, 'si.extxyz')
    // Si2, Si8, Si2 again: the Si8 job (a higher cutoff and denser k-points below) runs long enough to be cancelled mid-SCF.
    const frames = siliconXyz().trim().split('\n')
    writeFileSync(xyz, [...frames, ...frames.slice(0, 4)].join('\n') + '\n')
    await studio.start()
    await studio.createProject('Si cancel')
    expect(await studio.importFiles([xyz])).toBe(3)
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByTestId('setting-pw').locator('input').fill(PW)
    await page.getByTestId('setting-concurrency').locator('input').fill('1')
    await page.getByTestId('settings-save').click()
    await expect(page.getByTestId('settings-save')).toBeDisabled()

    await page.getByRole('link', { name: 'DFT jobs' }).click()
    await exportBatch(page, '1-3', join(work, 'jobs'), 'si-cancel', null, { ecutwfc: '24', kspacing: '0.5' })
    const jobs = page.getByTestId('dft-jobs')
    await jobs.locator('thead input[type=checkbox]').check()
    await page.getByTestId('dft-run').click()
    await expect(page.getByTestId('dft-run-progress')).toBeVisible()
    // The Si8 job (id 2) runs, with its seconds and SCF iterations beside its state.
    await expect(page.getByTestId('dft-live-2')).toContainText(/\d+ s · SCF [2-9]/, { timeout: 120_000 })
    await expect(page.getByTestId('dft-run-progress-text')).toContainText('1 of 3 jobs finished · running: job 2')
    await expect(page.getByTestId('dft-run')).toBeDisabled()
    await shot(page, 'dft-cancel-01-running')

    await page.getByTestId('dft-cancel').click()
    await expect(page.getByTestId('dft-run-note')).toHaveText('Run cancelled: 1 job(s) imported, 1 stopped (can be run again), 1 not started (still exported)', { timeout: 15_000 })
    await expect(page.getByTestId('dft-run-progress')).toBeHidden()
    await expect(page.getByTestId('dft-state-1')).toHaveText('imported')
    await expect(page.getByTestId('dft-state-2')).toHaveText('failed')
    await expect(page.getByTestId('dft-state-3')).toHaveText('exported')
    await expect(jobs.locator('tbody tr', { has: page.getByTestId('dft-state-2') })).toContainText(/interrupted: stopped while running \(.*pw\.x (killed by SIG\w+|exited with \d+)\): cancelled by the user/)
    await shot(page, 'dft-cancel-02-cancelled')

    // Run the two again: both imported.
    await jobs.locator('thead input[type=checkbox]').check()
    await expect(page.getByTestId('dft-run')).toHaveText(/Run 2 here/)
    await page.getByTestId('dft-run').click()
    await expect(page.getByTestId('dft-state-counts')).toHaveText(/3 imported/, { timeout: 300_000 })
    await expect(page.getByTestId('dft-run-note')).toHaveText('2 job(s) imported')
    await shot(page, 'dft-cancel-03-rerun')
  })
})
