/**
 * Where the native engine binary is: $MTP_ENGINE_BIN if set, else native/build/mtp-engine in the
 * repository (built by `npm run engine:build`).
 */
import { accessSync, constants } from 'node:fs'
import { join, resolve } from 'node:path'
import { repoRoot } from '../paths.js'

export const ENGINE_ENV = 'MTP_ENGINE_BIN'

export function defaultEnginePath(): string {
  return join(repoRoot(), 'native', 'build', process.platform === 'win32' ? 'mtp-engine.exe' : 'mtp-engine')
}

export function enginePath(env: NodeJS.ProcessEnv = process.env): string {
  return env[ENGINE_ENV] ? resolve(env[ENGINE_ENV]) : defaultEnginePath()
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}
