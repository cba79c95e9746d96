/**
 * Editable text templates for DFT job folders: VASP INCAR, and Slurm / PBS array scripts.
 * Placeholders are {{name}}; an unknown or missing one is an error, never silently blank.
 * A project may override any template (project setting `dft.template.<name>`).
 */
import type { Db } from '../db/connection.js'
import { getSetting } from '../db/repositories/settings.js'

export const TEMPLATE_NAMES = ['incar', 'slurm', 'pbs'] as const
export type TemplateName = (typeof TEMPLATE_NAMES)[number]

/** Single-point energy, forces and stress (ISIF = 2 computes the stress without moving the cell). */
const INCAR = `SYSTEM = {{label}}
ENCUT = {{encut}}
PREC = Accurate
EDIFF = 1E-6
NELM = 120
ISMEAR = 1
SIGMA = 0.1
IBRION = -1
NSW = 0
ISIF = 2
LWAVE = .FALSE.
LCHARG = .FALSE.
`

/** One array task per job folder; jobs.txt lists the folders, line k = task k. */
const SLURM = `#!/bin/bash
#SBATCH --job-name={{batch}}
#SBATCH --array=1-{{count}}%{{max_parallel}}
#SBATCH --ntasks={{ntasks}}
#SBATCH --time={{walltime}}
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail
cd "$SLURM_SUBMIT_DIR"
cd "$(sed -n "\${SLURM_ARRAY_TASK_ID}p" jobs.txt)"
{{run}}
`

const PBS = `#!/bin/bash
#PBS -N {{batch}}
#PBS -J 1-{{count}}
#PBS -l select=1:ncpus={{ntasks}}:mpiprocs={{ntasks}}
#PBS -l walltime={{walltime}}
set -euo pipefail
cd "$PBS_O_WORKDIR"
cd "$(sed -n "\${PBS_ARRAY_INDEX}p" jobs.txt)"
{{run}}
`

export const DEFAULT_TEMPLATES: Record<TemplateName, string> = { incar: INCAR, slurm: SLURM, pbs: PBS }

/** What each template's placeholders stand for (shown beside the template editor). */
export const TEMPLATE_PLACEHOLDERS: Record<TemplateName, Record<string, string>> = {
  incar: { label: 'job name, e.g. "job 12"', encut: 'plane-wave cutoff, eV' },
  slurm: {
    batch: 'batch (folder) name',
    count: 'number of job folders = array tasks',
    max_parallel: 'tasks running at once',
    ntasks: 'MPI tasks per job',
    walltime: 'hh:mm:ss per job',
    run: 'the line that runs the code in a job folder',
  },
  pbs: { batch: 'batch (folder) name', count: 'number of job folders = array tasks', ntasks: 'MPI tasks per job', walltime: 'hh:mm:ss per job', run: 'the line that runs the code in a job folder' },
}

/** The line that runs each code inside its job folder, unless the export says otherwise. */
export const DEFAULT_RUN: Record<'vasp' | 'qe' | 'eam', string> = {
  qe: 'srun pw.x -in pw.in > pw.out',
  vasp: 'cat $(sed "s|^|$POTCAR_DIR/|; s|$|/POTCAR|" POTCAR.spec) > POTCAR\nsrun vasp_std > vasp.out',
  eam: 'mtp-engine reference eam --elements "$(cat elements.txt)" --lossless in.cfg out.cfg',
}

export interface SchedulerVars {
  ntasks?: number
  walltime?: string
  maxParallel?: number
  run?: string
}

/** submit.slurm and submit.pbs of a batch of `count` job folders, from the project's templates. */
export function schedulerScripts(db: Db, code: 'vasp' | 'qe' | 'eam', batch: string, count: number, sch: SchedulerVars = {}): { slurm: string; pbs: string } {
  const vars = {
    batch,
    count,
    ntasks: sch.ntasks ?? 1,
    walltime: sch.walltime ?? '04:00:00',
    max_parallel: sch.maxParallel ?? 50,
    run: sch.run ?? DEFAULT_RUN[code],
  }
  return { slurm: renderTemplate(templateFor(db, 'slurm'), vars, 'Slurm template'), pbs: renderTemplate(templateFor(db, 'pbs'), vars, 'PBS template') }
}

export function templateFor(db: Db, name: TemplateName): string {
  return getSetting<string>(db, `dft.template.${name}`) ?? DEFAULT_TEMPLATES[name]
}

export function renderTemplate(template: string, vars: Record<string, string | number>, what = 'template'): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, key: string) => {
    if (!(key in vars)) throw new Error(`${what}: no value for {{${key}}} (known: ${Object.keys(vars).join(', ')})`)
    return String(vars[key])
  })
}
