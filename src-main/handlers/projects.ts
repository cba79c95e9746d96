import { existsSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import type { Studio } from '../app/studio.js'
import { AppError } from '../contract/errors.js'
import { PROJECT_EXTENSION } from '../paths.js'
import { Project } from '../projects/project.js'
import type { HandlerGroup } from './types.js'

/** A file name from a project name: letters, digits, '-', '_' and '.' kept, the rest '-'. */
export function projectFileName(name: string): string {
  const base = name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'project'
  return `${base}${PROJECT_EXTENSION}`
}

function targetPath(studio: Studio, input: { name: string; directory?: string; path?: string }): string {
  if (input.path && input.directory) throw new AppError('invalid_input', 'give either a path or a directory, not both')
  if (input.path) {
    if (!isAbsolute(input.path)) throw new AppError('invalid_input', 'the project path must be absolute')
    return input.path.endsWith(PROJECT_EXTENSION) ? input.path : `${input.path}${PROJECT_EXTENSION}`
  }
  const dir = input.directory ?? studio.projectsDir
  if (!isAbsolute(dir)) throw new AppError('invalid_input', 'the directory must be absolute')
  return join(dir, projectFileName(input.name))
}

export const projectHandlers = (studio: Studio): HandlerGroup<'projects'> => ({
  'projects/recent': () => studio.recent.list(),

  'projects/create': (input) => {
    const path = targetPath(studio, input)
    if (existsSync(path)) throw new AppError('project_exists', `a project file already exists at ${path}`)
    const project = Project.create(path, input.name)
    studio.setCurrent(project)
    return project.summary()
  },

  'projects/open': ({ path }) => {
    const abs = resolve(path)
    const current = studio.currentProject()
    if (current && current.path === abs) return current.summary()
    const project = Project.open(abs)
    studio.setCurrent(project)
    return project.summary()
  },

  'projects/current': () => studio.currentProject()?.summary() ?? null,

  'projects/close': () => {
    const open = studio.currentProject() !== null
    if (open) studio.setCurrent(null)
    return { closed: open }
  },

  'projects/forget': ({ path }) => {
    const recent = studio.recent.forget(path)
    studio.events.emit('projects:recent', { recent })
    return recent
  },
})
