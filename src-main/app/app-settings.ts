/**
 * App settings in the user's MTP Studio directory (<home>/settings.json), validated by the
 * contract's schema; anything missing or unreadable falls back to the defaults, so a hand-edited
 * file never keeps the app from starting. Commands are checked when set: an absolute path must be
 * an executable file, a bare name must be found on PATH.
 */
import { accessSync, constants, existsSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { delimiter, isAbsolute, join } from 'node:path'
import { appSettings, DEFAULT_APP_SETTINGS, type AppSettings } from '../contract/settings.js'

export const settingsFile = (home: string): string => join(home, 'settings.json')

export function loadAppSettings(home: string): AppSettings {
  const path = settingsFile(home)
  if (!existsSync(path)) return { ...DEFAULT_APP_SETTINGS }
  let stored: unknown
  try {
    stored = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return { ...DEFAULT_APP_SETTINGS }
  }
  // Field by field: one bad value does not throw away the others.
  const out: Record<string, unknown> = { ...DEFAULT_APP_SETTINGS }
  if (stored && typeof stored === 'object') {
    for (const [key, field] of Object.entries(appSettings.shape)) {
      const value = (stored as Record<string, unknown>)[key]
      if (value !== undefined && field.safeParse(value).success) out[key] = value
    }
  }
  return out as AppSettings
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The absolute path a command resolves to (PATH search for a bare name), or null. */
export function resolveCommand(command: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (isAbsolute(command)) return isExecutable(command) ? command : null
  if (command.includes('/')) return null
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir && isExecutable(join(dir, command))) return join(dir, command)
  return null
}

export function updateAppSettings(home: string, patch: Partial<AppSettings>, env: NodeJS.ProcessEnv = process.env): AppSettings {
  for (const key of ['pwCommand', 'mpirunCommand'] as const) {
    const command = patch[key]
    if (command && !resolveCommand(command, env)) throw new Error(`${key}: ${command} is not an executable file${isAbsolute(command) ? '' : ' on PATH'}`)
  }
  const next = appSettings.parse({ ...loadAppSettings(home), ...patch })
  mkdirSync(home, { recursive: true })
  // Write then rename: a crash mid-write leaves the old file, never half a file.
  const path = settingsFile(home)
  writeFileSync(`${path}.tmp`, JSON.stringify(next, null, 2) + '\n')
  renameSync(`${path}.tmp`, path)
  return next
}
