import { expect, type Page } from '@playwright/test'
import { makeHome, removeHome, startServer, type StudioServer } from './server'

/**
 * One test's browser-mode studio: a fresh MTP_STUDIO_HOME, the real server started on demand, and
 * the few steps every flow begins with (open the app, create or open a project). Used through the
 * `studio` fixture of ./fixtures, which removes the home and stops the server after the test.
 */
export class Studio {
  readonly home = makeHome()
  private current: StudioServer | undefined

  constructor(private readonly page: Page) {}

  /** The running server; throws when `start` was not called. */
  get server(): StudioServer {
    if (!this.current) throw new Error('studio.start() was not called')
    return this.current
  }

  /** Starts the server (extra environment variables are passed to it) and opens the app in the page. */
  async start(env: Record<string, string> = {}): Promise<StudioServer> {
    this.current = await startServer(this.home, 60_000, env)
    await this.page.goto(this.current.url)
    return this.current
  }

  /**
   * A new launch on the same home (new port, new token). The page leaves the old address first, as
   * its socket would otherwise keep retrying it.
   */
  async restart(env: Record<string, string> = {}): Promise<StudioServer> {
    await this.page.goto('about:blank')
    await this.current?.stop()
    return this.start(env)
  }

  /** Creates a project through the home page's dialog and waits for its summary. */
  async createProject(name: string): Promise<void> {
    await this.page.getByTestId('new-project').click()
    await this.page.getByTestId('project-dialog').getByLabel('Name').fill(name)
    await this.page.getByTestId('project-dialog-submit').click()
    await expect(this.page.getByTestId('summary-name')).toHaveText(name)
  }

  /** Opens an existing project file by its path and waits until `name` is shown. */
  async openProject(path: string, name: string | RegExp): Promise<void> {
    await this.page.getByTestId('open-project').click()
    await this.page.getByTestId('project-path').locator('input').fill(path)
    await this.page.getByTestId('project-dialog-submit').click()
    await expect(this.page.getByTestId('summary-name')).toContainText(name)
  }

  /** Opens the example project listed on the home page (Mo from mlearn). */
  async openExample(name = 'Example: Mo (mlearn)'): Promise<void> {
    await this.page.getByTestId('recent-project').filter({ hasText: name }).click()
    await expect(this.page.getByTestId('summary-name')).toHaveText(name)
  }

  /** Imports files through the data page's import dialog; returns the number of stored configurations. */
  async importFiles(paths: string[], timeoutMs = 90_000): Promise<number> {
    await this.page.getByTestId('browse-data').click()
    await this.page.getByTestId('open-import').click()
    const dialog = this.page.getByTestId('import-dialog')
    await dialog.getByTestId('import-paths').locator('textarea').first().fill(paths.join('\n'))
    await this.page.getByTestId('import-run').click()
    const result = this.page.getByTestId('import-result')
    await expect(result).toBeVisible({ timeout: timeoutMs })
    const cells = await result.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent ?? '0'))
    await dialog.getByRole('button', { name: 'Close' }).click()
    return cells.reduce((sum, text) => sum + Number(text.replace(/\D/g, '')), 0)
  }

  async dispose(): Promise<void> {
    await this.current?.stop()
    this.current = undefined
    removeHome(this.home)
  }
}
