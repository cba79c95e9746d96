import '@mdi/font/css/materialdesignicons.css'
import 'vuetify/styles'
import { createVuetify, type ThemeDefinition } from 'vuetify'

/** Muted, high-contrast palettes: data (plots, structures) carries the colour, chrome stays quiet. */
const studioLight: ThemeDefinition = {
  dark: false,
  colors: {
    background: '#f4f5f7',
    surface: '#ffffff',
    'surface-variant': '#e7e9ee',
    'on-surface-variant': '#3d4350',
    primary: '#2f5d8a',
    secondary: '#5b6b7f',
    accent: '#b5651d',
    error: '#b3261e',
    warning: '#a15c00',
    info: '#2f6f9f',
    success: '#2e7d4f',
  },
  variables: { 'border-opacity': 0.14, 'medium-emphasis-opacity': 0.68 },
}

const studioDark: ThemeDefinition = {
  dark: true,
  colors: {
    background: '#121418',
    surface: '#1a1d23',
    'surface-variant': '#2a2f38',
    'on-surface-variant': '#c9ced8',
    primary: '#7fb0e0',
    secondary: '#9aa7b8',
    accent: '#e0a060',
    error: '#f2857c',
    warning: '#e8b25a',
    info: '#7fb6e0',
    success: '#7cc79a',
  },
  variables: { 'border-opacity': 0.16, 'medium-emphasis-opacity': 0.72 },
}

export function createStudioVuetify(initialTheme: 'studioLight' | 'studioDark') {
  return createVuetify({
    theme: { defaultTheme: initialTheme, themes: { studioLight, studioDark } },
    defaults: {
      VBtn: { variant: 'flat', rounded: 'sm' },
      VCard: { rounded: 'md', variant: 'flat', border: true },
      VTextField: { variant: 'outlined', density: 'compact', hideDetails: 'auto' },
      VSelect: { variant: 'outlined', density: 'compact', hideDetails: 'auto' },
      VList: { density: 'compact' },
      VTooltip: { location: 'bottom', openDelay: 400 },
      VDataTableVirtual: { density: 'compact', fixedHeader: true },
    },
  })
}
