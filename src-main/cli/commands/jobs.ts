/**
 * mtp-studio jobs export --project P --code qe|vasp|eam [--filter K=V]… [--batch NAME] OUT
 * mtp-studio jobs run --project P [--batch NAME] [--concurrency N] [--pw PATH]
 * mtp-studio jobs import --project P FOLDER
 * mtp-studio jobs list --project P [--batch NAME] [--json]
 * DFT job folders (VASP, Quantum ESPRESSO, the engine's EAM reference) with Slurm/PBS array
 * scripts, the local executor, and importing results of jobs run elsewhere.
 */
import { resolve } from 'node:path'
import type { DftCode } from '../../db/repositories/dft-jobs.js'
import { listDftJobs } from '../../db/repositories/dft-jobs.js'
import { iterateIds } from '../../db/repositories/configuration-query.js'
import { parseFilterSpecs } from '../../data/filter-spec.js'
import { exportDftJobs } from '../../dft/export-jobs.js'
import { importResultsFolder } from '../../dft/import-results.js'
import { runJobsLocally } from '../../dft/local-executor.js'
import { Project } from '../../projects/project.js'
import { interruptible, parseOptions, printJson, UsageError, type CliIo, type Command } from '../command.js'
import { DFT_CODE_OPTIONS, dftCodeSettings, positiveNumber } from '../dft-options.js'

const usage = `mtp-studio jobs export --project P --code qe|vasp|eam [--filter KEY=VALUE]... [--batch NAME] OUT
    QE:   --pseudo El=FILE[,...] --pseudo-dir DIR --ecutwfc RY [--ecutrho RY] --kspacing 1/Å [--electrons key=value,...]
    VASP: --encut EV --kspacing 1/Å [--potcar El=NAME,...]
    scripts: [--ntasks N] [--walltime HH:MM:SS] [--run "LINE"]
mtp-studio jobs run --project P [--batch NAME] [--concurrency N] [--pw PATH]
mtp-studio jobs import --project P FOLDER
mtp-studio jobs list --project P [--batch NAME] [--json]

export  writes one folder per configuration (+ jobs.txt, submit.slurm, submit.pbs) into OUT/NAME
run     runs exported QE / EAM jobs here (pw.x, the engine) and imports each result when it ends
import  imports the results of job folders run elsewhere (matched by their job.json)`

const OPTIONS = {
  project: { type: 'string' },
  code: { type: 'string' },
  filter: { type: 'string', multiple: true },
  batch: { type: 'string' },
  ...DFT_CODE_OPTIONS,
  concurrency: { type: 'string' },
  pw: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const

type Values = ReturnType<typeof parseOptions<typeof OPTIONS>>['values']

function exportJobs(project: Project, v: Values, positionals: string[], io: CliIo): number {
  const code = v.code as DftCode
  if (!['qe', 'vasp', 'eam'].includes(code)) throw new UsageError('--code must be qe, vasp or eam')
  if (positionals.length !== 1) throw new UsageError('give the output folder')
  if (!v.filter?.length) throw new UsageError('choose the configurations with --filter (e.g. ids=1,2 or tag=T)')
  let filter
  try {
    filter = parseFilterSpecs(v.filter)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const ids = [...iterateIds(project.db, filter)].flat()
  const r = exportDftJobs(project.db, {
    code,
    configurationIds: ids,
    out: resolve(positionals[0]),
    batch: v.batch,
    ...dftCodeSettings(code, v),
  })
  if (v.json) printJson(io, r)
  else io.out(`exported ${r.jobIds.length} ${code} jobs to ${r.folder} (batch ${r.batch})\n`)
  return 0
}

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'DFT jobs: export job folders with Slurm/PBS scripts, run QE/EAM jobs locally, import results',
  usage,
  async run(args, io) {
    const [action, ...rest] = args
    const { values: v, positionals } = parseOptions(rest, OPTIONS)
    if (!v.project) throw new UsageError('a project is required (--project P)')
    if (!['export', 'run', 'import', 'list'].includes(action ?? '')) throw new UsageError(action ? `unknown jobs action ${action}` : 'jobs needs an action: export, run, import or list')
    const project = Project.open(resolve(v.project))
    try {
      if (action === 'export') return exportJobs(project, v, positionals, io)
      if (action === 'run') {
        const jobs = listDftJobs(project.db, { batch: v.batch }).filter((j) => (j.state === 'exported' || j.state === 'failed') && j.code !== 'vasp')
        const interrupt = interruptible(io, 'stopping: running jobs are killed and end failed ("interrupted"), the rest stay exported')
        const outcomes = await runJobsLocally(project.db, jobs.map((j) => j.id), {
          concurrency: v.concurrency ? positiveNumber('concurrency', v.concurrency) : 1,
          pwCommand: v.pw,
          env: io.env,
          signal: interrupt.signal,
          onState: v.json ? undefined : (j) => io.err(`job ${j.id}: ${j.state}\n`),
        }).finally(interrupt.dispose)
        if (v.json) printJson(io, outcomes)
        else for (const o of outcomes) io.out(`job ${o.jobId}: ${o.state}${o.quarantineReason ? ` (quarantined: ${o.quarantineReason})` : ''}${o.error ? ` — ${o.error}` : ''}\n`)
        return outcomes.some((o) => o.state === 'failed') ? 1 : 0
      }
      if (action === 'import') {
        if (positionals.length !== 1) throw new UsageError('give the results folder')
        const r = await importResultsFolder(project.db, resolve(positionals[0]))
        if (v.json) printJson(io, r)
        else {
          for (const o of r.outcomes) io.out(`job ${o.jobId}: ${o.state}${o.quarantineReason ? ` (quarantined: ${o.quarantineReason})` : ''}${o.error ? ` — ${o.error}` : ''}\n`)
          for (const s of r.skipped) io.err(`skipped ${s.dir}: ${s.reason}\n`)
        }
        return r.outcomes.some((o) => o.state === 'failed') ? 1 : 0
      }
      const jobs = listDftJobs(project.db, { batch: v.batch })
      if (v.json) printJson(io, jobs)
      else for (const j of jobs) io.out(`${String(j.id).padStart(6)}  ${j.batch.padEnd(24)} ${j.code.padEnd(5)} ${j.state.padEnd(9)} configuration ${j.configurationId}${j.error ? `  ${j.error}` : ''}\n`)
      return 0
    } finally {
      project.close()
    }
  },
}
