import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const repoRoot = fileURLToPath(new URL('.', import.meta.url))

/**
 * Two projects: `main` (the Node core, test/main mirrors src-main) and `renderer` (plain TypeScript
 * logic of src-renderer: stores, option builders, form models). End-to-end tests are Playwright's.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'main',
          root: repoRoot,
          include: ['test/main/**/*.test.ts'],
          environment: 'node',
          // Several tests spawn processes (engine, server, CLI); the machine has 2 shared cores.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        plugins: [vue()],
        resolve: { alias: { '@renderer': `${repoRoot}src-renderer` } },
        test: {
          name: 'renderer',
          root: repoRoot,
          include: ['test/renderer/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
})
