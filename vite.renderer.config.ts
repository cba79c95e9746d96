import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { defineConfig, type UserConfig } from 'vite'

const repoRoot = fileURLToPath(new URL('.', import.meta.url))

/**
 * Renderer build, shared by browser mode (`vite build -c vite.renderer.config.ts` → out/renderer,
 * served by src-main/server) and by electron.vite.config.ts (its `renderer` section).
 * Relative `base` so the same bundle works from file:// in Electron and from the local HTTP server.
 */
export const rendererConfig: UserConfig = {
  root: `${repoRoot}src-renderer`,
  base: './',
  plugins: [vue(), vuetify({ autoImport: true })],
  resolve: {
    alias: {
      '@renderer': `${repoRoot}src-renderer`,
    },
  },
  build: {
    outDir: `${repoRoot}out/renderer`,
    emptyOutDir: true,
    // NGL (loaded lazily by the structure view) and ECharts are large libraries by nature.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vuetify', test: /node_modules[\\/]vuetify[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1' },
}

export default defineConfig(rendererConfig)
