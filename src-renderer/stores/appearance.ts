import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { AppSettings } from '../../src-main/contract'
import { useStudioApi } from '../api'

export type ThemeName = 'studioLight' | 'studioDark'
export type ThemePreference = AppSettings['theme']

const storageKey = 'mtp-studio.theme'

const systemTheme = (): ThemeName => (globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'studioDark' : 'studioLight')

/** The initial theme: the user's last choice on this origin, else the system preference. */
export function initialTheme(): ThemeName {
  const saved = globalThis.localStorage?.getItem(storageKey)
  if (saved === 'studioLight' || saved === 'studioDark') return saved
  return systemTheme()
}

/** The theme a preference (Settings page: light, dark, system) stands for. */
export function themeFor(preference: ThemePreference): ThemeName {
  return preference === 'system' ? systemTheme() : preference === 'dark' ? 'studioDark' : 'studioLight'
}

export const useAppearanceStore = defineStore('appearance', () => {
  const theme = ref<ThemeName>(initialTheme())
  const preference = ref<ThemePreference>('system')
  const navigationRail = ref(false)

  /** The app-bar toggle: an explicit choice, kept in the app settings (the user directory). */
  function toggleTheme(): void {
    chosen = true
    theme.value = theme.value === 'studioDark' ? 'studioLight' : 'studioDark'
    preference.value = theme.value === 'studioDark' ? 'dark' : 'light'
    useStudioApi()
      .settings.update({ theme: preference.value })
      .catch(() => {})
  }

  /** Set once the user picks a theme in this session: the stored one, read late, must not undo it. */
  let chosen = false

  function applyPreference(p: ThemePreference): void {
    preference.value = p
    theme.value = themeFor(p)
  }

  /**
   * The stored preference, read once at start. localStorage is per origin, and browser mode gets a
   * new port (a new origin) at every launch; the settings file is what survives.
   */
  async function loadPreference(): Promise<void> {
    try {
      const stored = (await useStudioApi().settings.get()).theme
      if (!chosen) applyPreference(stored)
    } catch {
      // Without the core the last theme of this origin stays.
    }
  }

  watch(theme, (value) => globalThis.localStorage?.setItem(storageKey, value))

  return { theme, preference, navigationRail, toggleTheme, applyPreference, loadPreference }
})
