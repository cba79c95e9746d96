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

export function templateFor(db: Db, name: TemplateName): string {
  return getSetting<string>(db, `dft.template.${name}`) ?? DEFAULT_TEMPLATES[name]
}

export function renderTemplate(template: string, vars: Record<string, string | number>, what = 'template'): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, key: string) => {
    if (!(key in vars)) throw new Error(`${what}: no value for {{${key}}} (known: ${Object.keys(vars).join(', ')})`)
    return String(vars[key])
  })
}
