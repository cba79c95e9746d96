/**
 * mtp-studio project create PATH [--name NAME] [--json]
 * mtp-studio project info --project PATH [--json]
 */
import { basename, extname, resolve } from 'node:path'
import { RecentProjects } from '../../projects/recent.js'
import { Project } from '../../projects/project.js'
import { PROJECT_EXTENSION, studioHome } from '../../paths.js'
import type { ProjectSummary } from '../../contract/entities.js'
import { parseOptions, printJson, UsageError, type CliIo, type Command } from '../command.js'

const usage = `mtp-studio project create PATH [--name NAME] [--json]
mtp-studio project info --project PATH [--json]

create  makes a new project file (${PROJECT_EXTENSION} is appended if missing) and adds it to the recent list
info    prints the project's name, schema version, species and counts`

function projectPath(positionals: string[], flag: string | undefined): string {
  const path = flag ?? positionals[0]
  if (!path) throw new UsageError('a project path is required (--project PATH)')
  if (flag && positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`)
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`)
  return resolve(path)
}

function printSummary(io: CliIo, s: ProjectSummary): void {
  io.out(
    [
      `project   ${s.name}`,
      `file      ${s.path}`,
      `schema    ${s.schemaVersion}`,
      `created   ${s.createdAt}`,
      `species   ${s.species.join(' ') || '(none)'}`,
      `configurations  ${s.counts.configurations}`,
      `  quarantined   ${s.counts.quarantined}`,
      `training sets   ${s.counts.trainingSets}`,
      `potentials      ${s.counts.potentials}`,
      `DFT jobs        ${s.counts.dftJobs}`,
      `engine runs     ${s.counts.engineRuns}`,
    ].join('\n') + '\n',
  )
}

export const projectCommand: Command = {
  name: 'project',
  summary: 'create a project file or show what is in one',
  usage,
  async run(args, io) {
    const [action, ...rest] = args
    const { values, positionals } = parseOptions(rest, {
      project: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
    })
    if (action === 'create') {
      let path = projectPath(positionals, values.project)
      if (!path.endsWith(PROJECT_EXTENSION)) path += PROJECT_EXTENSION
      const name = values.name ?? basename(path, extname(path))
      const project = Project.create(path, name)
      try {
        new RecentProjects(studioHome(io.env)).touch(project.path, name)
        const s = project.summary()
        if (values.json) printJson(io, s)
        else io.out(`created ${s.path}\n`)
      } finally {
        project.close()
      }
      return 0
    }
    if (action === 'info') {
      if (values.name) throw new UsageError('--name is only for project create')
      const project = Project.open(projectPath(positionals, values.project))
      try {
        const s = project.summary()
        if (values.json) printJson(io, s)
        else printSummary(io, s)
      } finally {
        project.close()
      }
      return 0
    }
    throw new UsageError(action ? `unknown project action ${action}` : 'project needs an action: create or info')
  },
}
