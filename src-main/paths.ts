/**
 * Where things are: the repository root (found from this file, so it works from src-main under
 * tsx and from the electron-vite bundle in out/main), the user's config dir, bundled resources.
 */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let cachedRoot: string | undefined

export function repoRoot(): string {
  if (cachedRoot) return cachedRoot
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'mtp-studio') return (cachedRoot = dir)
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find the mtp-studio package root above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
}

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version
}

/**
 * The user's MTP Studio directory (recent list, example project, job logs). MTP_STUDIO_HOME
 * overrides it (tests, portable setups); otherwise the platform's config dir.
 */
export function studioHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MTP_STUDIO_HOME) return env.MTP_STUDIO_HOME
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'MTP Studio')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'MTP Studio')
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'mtp-studio')
}

export const resourcesDir = (): string => join(repoRoot(), 'resources')

/** The built renderer served in browser mode and loaded by the Electron window. */
export const rendererDir = (): string => join(repoRoot(), 'out', 'renderer')

/** File extension of project files. */
export const PROJECT_EXTENSION = '.mtpstudio'
