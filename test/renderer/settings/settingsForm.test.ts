import { describe, expect, it } from 'vitest'
import { DEFAULT_APP_SETTINGS } from '../../../src-main/contract/settings'
import { formOf, toSettingsPatch } from '../../../src-renderer/settings/settingsForm'

describe('settings form', () => {
  it('round-trips the settings; empty fields mean the defaults', () => {
    const form = formOf(DEFAULT_APP_SETTINGS)
    expect(form).toMatchObject({ pwCommand: '', engineThreads: '', mpiRanks: '1' })
    expect(toSettingsPatch(form)).toEqual({ patch: DEFAULT_APP_SETTINGS, errors: {} })
    const patch = toSettingsPatch({ ...form, pwCommand: ' /usr/bin/pw.x ', engineThreads: '2', mpiRanks: '4', theme: 'dark' }).patch
    expect(patch).toEqual({ ...DEFAULT_APP_SETTINGS, pwCommand: '/usr/bin/pw.x', engineThreads: 2, mpiRanks: 4, theme: 'dark' })
  })

  it('names each bad field', () => {
    const { patch, errors } = toSettingsPatch({ ...formOf(DEFAULT_APP_SETTINGS), mpiRanks: '0', dftConcurrency: '2.5', engineThreads: 'all' })
    expect(patch).toBeNull()
    expect(Object.keys(errors).sort()).toEqual(['dftConcurrency', 'engineThreads', 'mpiRanks'])
  })
})
