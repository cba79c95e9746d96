import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

export type ThemeName = 'studioLight' | 'studioDark'

const storageKey = 'mtp-studio.theme'

/** The initial theme: the user's last choice on this origin, else the system preference. */
export function initialTheme(): ThemeName {
  const saved = globalThis.localStorage?.getItem(storageKey)
  if (saved === 'studioLight' || saved === 'studioDark') return saved
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'studioDark' : 'studioLight'
}

export const useAppearanceStore = defineStore('appearance', () => {
  const theme = ref<ThemeName>(initialTheme())
  const navigationRail = ref(false)

  function toggleTheme(): void {
    theme.value = theme.value === 'studioDark' ? 'studioLight' : 'studioDark'
  }

  watch(theme, (value) => globalThis.localStorage?.setItem(storageKey, value))

  return { theme, navigationRail, toggleTheme }
})
