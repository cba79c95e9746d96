/**
 * Form logic of the Home page's create/open dialogs, kept out of the components so it is tested as
 * plain TypeScript. Each validator returns true or the message shown under the field (Vuetify's
 * rule convention). The core validates again at the boundary; these only spare a round trip.
 */
export type Rule = (value: string) => true | string

/** POSIX absolute, Windows drive-absolute (C:\ or C:/) or UNC (\\server\share). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')
}

export const projectNameRules: Rule[] = [
  (v) => v.trim().length > 0 || 'A name is required',
  (v) => v.trim().length <= 200 || 'At most 200 characters',
  (v) => !/[\\/]/.test(v) || 'The name cannot contain / or \\; choose the folder below',
]

/** The folder is optional (the projects folder is used); when given it must be absolute. */
export const projectDirectoryRules: Rule[] = [(v) => v.trim() === '' || isAbsolutePath(v.trim()) || 'Give an absolute path, e.g. /home/me/projects']

export const projectPathRules: Rule[] = [
  (v) => v.trim().length > 0 || 'A path is required',
  (v) => isAbsolutePath(v.trim()) || 'Give an absolute path to the project file',
]

export function firstError(rules: readonly Rule[], value: string): string | null {
  for (const rule of rules) {
    const result = rule(value)
    if (result !== true) return result
  }
  return null
}

export interface CreateProjectForm {
  name: string
  directory: string
}

/** The `projects/create` input for a valid form, or null while any field is invalid. */
export function createProjectInput(form: CreateProjectForm): { name: string; directory?: string } | null {
  if (firstError(projectNameRules, form.name) || firstError(projectDirectoryRules, form.directory)) return null
  const directory = form.directory.trim()
  return directory ? { name: form.name.trim(), directory } : { name: form.name.trim() }
}

/** The `projects/open` input for a valid path, or null. */
export function openProjectInput(path: string): { path: string } | null {
  return firstError(projectPathRules, path) ? null : { path: path.trim() }
}
