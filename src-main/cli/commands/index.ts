/** Every CLI command, one file each; `mtp-studio help` lists them in this order. */
import type { Command } from '../command.js'
import { exportCommand } from './export.js'
import { hullCommand } from './hull.js'
import { importCommand } from './import.js'
import { jobsCommand } from './jobs.js'
import { projectCommand } from './project.js'
import { serveCommand } from './serve.js'

export const commands: readonly Command[] = [projectCommand, importCommand, exportCommand, jobsCommand, hullCommand, serveCommand]
