/** Handlers of 'settings/*', 'dft/preview-scripts' and 'dft/quarantined'. */
import type { Studio } from '../app/studio.js'
import { loadAppSettings, resolveCommand, updateAppSettings } from '../app/app-settings.js'
import { AppError } from '../contract/errors.js'
import { setSetting } from '../db/repositories/settings.js'
import type { Db } from '../db/connection.js'
import { DEFAULT_TEMPLATES, renderTemplate, schedulerScripts, TEMPLATE_NAMES, TEMPLATE_PLACEHOLDERS, templateFor, type TemplateName } from '../dft/templates.js'
import { quarantinedResults } from '../dft/quarantined-results.js'
import type { Handlers } from './types.js'

const asInputError = <T>(f: () => T): T => {
  try {
    return f()
  } catch (e) {
    throw e instanceof AppError ? e : new AppError('invalid_input', (e as Error).message)
  }
}

function templateView(db: Db, name: TemplateName) {
  const text = templateFor(db, name)
  return { name, text, custom: text !== DEFAULT_TEMPLATES[name], placeholders: TEMPLATE_PLACEHOLDERS[name] }
}

type SettingsHandlers = Pick<Handlers, 'settings/get' | 'settings/update' | 'settings/resolve-command' | 'settings/templates' | 'settings/set-template' | 'dft/preview-scripts' | 'dft/quarantined'>

export const settingsHandlers = (studio: Studio): SettingsHandlers => ({
  'settings/get': () => loadAppSettings(studio.home),
  'settings/update': (patch) => asInputError(() => updateAppSettings(studio.home, patch, studio.env)),
  'settings/resolve-command': ({ command }) => ({ command, path: resolveCommand(command, studio.env) }),
  'settings/templates': () => {
    const { db } = studio.requireProject()
    return TEMPLATE_NAMES.map((name) => templateView(db, name))
  },
  'settings/set-template': ({ name, text }) => {
    const { db } = studio.requireProject()
    return asInputError(() => {
      if (text === null) {
        db.prepare('DELETE FROM project_settings WHERE key = ?').run(`dft.template.${name}`)
        return templateView(db, name)
      }
      // Every placeholder must be one the export fills in: a typo fails here, not on the cluster.
      const sample = Object.fromEntries(Object.keys(TEMPLATE_PLACEHOLDERS[name]).map((k) => [k, 1]))
      renderTemplate(text, sample, `${name} template`)
      setSetting(db, `dft.template.${name}`, text)
      return templateView(db, name)
    })
  },
  'dft/preview-scripts': ({ code, count, batch, scheduler }) => {
    const { db } = studio.requireProject()
    return asInputError(() => schedulerScripts(db, code, batch, count, scheduler))
  },
  'dft/quarantined': () => quarantinedResults(studio.requireProject().db),
})
