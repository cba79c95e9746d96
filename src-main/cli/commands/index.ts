/** Every CLI command, one file each; `mtp-studio help` lists them in this order. */
import type { Command } from '../command.js'
import { alCommand } from './al.js'
import { elasticCommand } from './elastic.js'
import { evCommand } from './ev.js'
import { exportCommand } from './export.js'
import { hullCommand } from './hull.js'
import { importCommand } from './import.js'
import { jobsCommand } from './jobs.js'
import { projectCommand } from './project.js'
import { serveCommand } from './serve.js'
import { trainCommand } from './train.js'

export const commands: readonly Command[] = [projectCommand, importCommand, exportCommand, jobsCommand, trainCommand, alCommand, hullCommand, evCommand, elasticCommand, serveCommand]
