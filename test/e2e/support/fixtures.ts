import { test as base, expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Studio } from './studio'

/** Where step screenshots go (MTP_E2E_SCREENSHOTS overrides); they are test artifacts looked at by a person. */
export const screenshotDir = process.env.MTP_E2E_SCREENSHOTS ?? join(process.cwd(), 'test-results', 'screenshots')

interface Fixtures {
  /** Console errors and uncaught page errors seen so far; the test fails at the end if any. */
  consoleErrors: string[]
  /** Saves a full-page screenshot as test-results/screenshots/<name>.png and attaches it to the report. */
  shot: (page: Page, name: string) => Promise<void>
  /** A fresh home and, once `studio.start()` is called, the browser-mode server open in `page`. */
  studio: Studio
}

export const test = base.extend<Fixtures>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
      })
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
      await use(errors)
      expect(errors, 'the page logged errors').toEqual([])
    },
    { auto: true },
  ],
  shot: async ({}, use, testInfo) => {
    mkdirSync(screenshotDir, { recursive: true })
    await use(async (page, name) => {
      const path = join(screenshotDir, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      await testInfo.attach(name, { path, contentType: 'image/png' })
    })
  },
  studio: async ({ page }, use) => {
    const studio = new Studio(page)
    try {
      await use(studio)
    } finally {
      await studio.dispose()
    }
  },
})

export { expect }
