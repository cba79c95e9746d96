import { expect, test } from './support/fixtures'

const exampleName = 'Example: Mo (mlearn)'

test.describe('browser mode: home page', () => {
  test('lists the example project; requests without the token get 401', async ({ page, request, shot, studio }) => {
    const server = await studio.start()
    expect(new URL(server.url).hostname).toBe('127.0.0.1')

    // Without the token: the page, the API and a wrong token are all refused.
    expect((await request.get(`${server.origin}/`)).status()).toBe(401)
    expect((await request.post(`${server.origin}/api/projects/recent`, { data: {} })).status()).toBe(401)
    expect((await request.post(`${server.origin}/api/projects/recent?token=wrong${server.token}`, { data: {} })).status()).toBe(401)
    // With it, the same request is answered.
    const ok = await request.post(`${server.origin}/api/projects/recent`, {
      data: {},
      headers: { authorization: `Bearer ${server.token}` },
    })
    expect(ok.status()).toBe(200)

    const recent = page.getByTestId('recent-project')
    await expect(recent.filter({ hasText: exampleName })).toBeVisible()
    await expect(recent.filter({ hasText: exampleName })).toContainText('example')
    await expect(page.getByTestId('system-status')).toContainText('browser mode')
    await shot(page, 'home-01-example-listed')

    await page.getByTestId('jobs-menu').click()
    await expect(page.getByText('Engine jobs', { exact: true })).toBeVisible()
    await page.keyboard.press('Escape')

    // Opening the example shows its summary (Mo, configurations from the mlearn set).
    await recent.filter({ hasText: exampleName }).click()
    await expect(page.getByTestId('summary-name')).toHaveText(exampleName)
    await expect(page.getByTestId('project-summary')).toContainText('Mo')
    await shot(page, 'home-02-example-open')
  })

  test('a created project is still listed after a server restart and opens', async ({ page, shot, studio }) => {
    const name = 'Ag–Pd restart check'
    await studio.start()
    await expect(page.getByTestId('recent-project').first()).toBeVisible()

    // Keyboard only: the first Tab stop skips to the content, the dialog opens with Enter and its
    // form submits with Enter.
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused()
    await page.getByTestId('new-project').focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByTestId('project-dialog')
    await expect(dialog).toBeVisible()
    await expect(dialog.getByLabel('Name')).toBeFocused()
    await page.keyboard.type(name)
    await expect(page.getByTestId('project-dialog-submit')).toBeEnabled()
    await shot(page, 'restart-01-create-dialog')
    await page.keyboard.press('Enter')
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('summary-name')).toHaveText(name)
    await expect(page.getByTestId('open-project-name')).toHaveText(name)
    await shot(page, 'restart-02-created')

    // A restart is a new launch (new port, new token) on the same home.
    await studio.restart()
    const entry = page.getByTestId('recent-project').filter({ hasText: name })
    await expect(entry).toBeVisible()
    await shot(page, 'restart-03-listed-after-restart')

    await entry.click()
    await expect(page.getByTestId('summary-name')).toHaveText(name)
    await expect(page.getByTestId('open-project-name')).toHaveText(name)
    await shot(page, 'restart-04-opened')
  })
})
