import { fileURLToPath } from 'node:url'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './vite.renderer.config'

const repoRoot = fileURLToPath(new URL('.', import.meta.url))

/**
 * One build for the Electron front door:
 * - main: the Electron shell (src-main/electron/main.ts) and the core host it forks under plain
 *   Node (src-main/electron/core-host.ts), so better-sqlite3 keeps its Node ABI build;
 *   dependencies stay external and load from node_modules.
 * - preload: one self-contained CommonJS file (a sandboxed preload can neither load ESM nor
 *   require packages), with the contract bundled in.
 * - renderer: the same build as browser mode (vite.renderer.config.ts) → out/renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: `${repoRoot}out/main`,
      rolldownOptions: {
        input: {
          index: `${repoRoot}src-main/electron/main.ts`,
          'core-host': `${repoRoot}src-main/electron/core-host.ts`,
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: `${repoRoot}out/preload`,
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: `${repoRoot}src-main/electron/preload.ts` },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      // electron-vite looks for src/renderer/index.html unless told where the page is.
      rolldownOptions: { ...rendererConfig.build?.rolldownOptions, input: { index: `${repoRoot}src-renderer/index.html` } },
    },
  },
})
