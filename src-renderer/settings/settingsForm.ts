/**
 * The Settings page's app-settings form: text fields as the user typed them, turned into a
 * 'settings/update' patch (empty command = the default, empty threads = all cores) with errors
 * keyed by field.
 */
import type { AppSettings } from '../../src-main/contract'

export interface AppSettingsForm {
  pwCommand: string
  mpirunCommand: string
  mpiRanks: string
  dftConcurrency: string
  engineThreads: string
  theme: AppSettings['theme']
}

export function formOf(s: AppSettings): AppSettingsForm {
  return {
    pwCommand: s.pwCommand ?? '',
    mpirunCommand: s.mpirunCommand ?? '',
    mpiRanks: String(s.mpiRanks),
    dftConcurrency: String(s.dftConcurrency),
    engineThreads: s.engineThreads === null ? '' : String(s.engineThreads),
    theme: s.theme,
  }
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const t = text.trim()
  if (!/^\d+$/.test(t)) return null
  const n = Number(t)
  return n >= min && n <= max ? n : null
}

export function toSettingsPatch(f: AppSettingsForm): { patch: AppSettings | null; errors: Partial<Record<keyof AppSettingsForm, string>> } {
  const errors: Partial<Record<keyof AppSettingsForm, string>> = {}
  const mpiRanks = wholeNumber(f.mpiRanks, 1, 4096)
  if (mpiRanks === null) errors.mpiRanks = 'a whole number from 1 to 4096'
  const dftConcurrency = wholeNumber(f.dftConcurrency, 1, 64)
  if (dftConcurrency === null) errors.dftConcurrency = 'a whole number from 1 to 64'
  const threads = f.engineThreads.trim() === '' ? null : wholeNumber(f.engineThreads, 1, 1024)
  if (f.engineThreads.trim() !== '' && threads === null) errors.engineThreads = 'a whole number from 1 to 1024, or empty for all cores'
  if (Object.keys(errors).length) return { patch: null, errors }
  return {
    patch: {
      pwCommand: f.pwCommand.trim() || null,
      mpirunCommand: f.mpirunCommand.trim() || null,
      mpiRanks: mpiRanks!,
      dftConcurrency: dftConcurrency!,
      engineThreads: threads,
      theme: f.theme,
    },
    errors,
  }
}
