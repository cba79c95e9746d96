import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadAppSettings, resolveCommand, settingsFile, updateAppSettings } from '../../../src-main/app/app-settings'
import { DEFAULT_APP_SETTINGS } from '../../../src-main/contract/settings'
import { withThreads } from '../../../src-main/engine/supervisor'
import { tempDir } from '../support/temp'

describe('app settings', () => {
  it('defaults when never set; an update is stored in the user directory and read back', () => {
    const home = tempDir()
    expect(loadAppSettings(home)).toEqual(DEFAULT_APP_SETTINGS)
    const next = updateAppSettings(home, { engineThreads: 2, theme: 'dark', mpiRanks: 4 })
    expect(next).toEqual({ ...DEFAULT_APP_SETTINGS, engineThreads: 2, theme: 'dark', mpiRanks: 4 })
    expect(JSON.parse(readFileSync(settingsFile(home), 'utf8'))).toEqual(next)
    expect(loadAppSettings(home)).toEqual(next)
    expect(updateAppSettings(home, { engineThreads: null }).engineThreads).toBeNull()
  })

  it('refuses a command that is not an executable file, and finds bare names on PATH', () => {
    const home = tempDir()
    const bin = tempDir()
    const tool = join(bin, 'fake-pw.x')
    writeFileSync(tool, '#!/bin/sh\n')
    expect(() => updateAppSettings(home, { pwCommand: tool })).toThrow(/not an executable file/)
    chmodSync(tool, 0o755)
    expect(updateAppSettings(home, { pwCommand: tool }).pwCommand).toBe(tool)
    expect(resolveCommand('fake-pw.x', { PATH: `/nonexistent:${bin}` })).toBe(tool)
    expect(resolveCommand('fake-pw.x', { PATH: '/nonexistent' })).toBeNull()
    expect(() => updateAppSettings(home, { mpirunCommand: 'no-such-mpirun-here' }, { PATH: bin })).toThrow(/mpirunCommand: no-such-mpirun-here is not an executable file on PATH/)
    // The refused update changed nothing.
    expect(loadAppSettings(home).mpirunCommand).toBeNull()
  })

  it('keeps the valid fields of a hand-edited file and ignores a broken one', () => {
    const home = tempDir()
    writeFileSync(settingsFile(home), JSON.stringify({ engineThreads: 0, theme: 'dark', mpiRanks: 'many' }))
    expect(loadAppSettings(home)).toEqual({ ...DEFAULT_APP_SETTINGS, theme: 'dark' })
    writeFileSync(settingsFile(home), '{ not json')
    expect(loadAppSettings(home)).toEqual(DEFAULT_APP_SETTINGS)
  })

  it('adds the engine threads to jobs that do not choose their own', () => {
    expect(withThreads(['calc-efs', 'a.mtp'], 3)).toEqual(['calc-efs', 'a.mtp', '--threads', '3'])
    expect(withThreads(['train', '--threads', '1'], 3)).toEqual(['train', '--threads', '1'])
    expect(withThreads(['version'], null)).toEqual(['version'])
  })
})
