import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumExecutable } from './test/e2e/support/chromium'

/**
 * End-to-end tests in browser mode against Debian's Chromium (Playwright's own browser download is
 * not used). Each test starts its own server (test/e2e/support/server.ts), so tests run serially on
 * this small machine.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/support/global-setup.ts',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs },
  },
})
