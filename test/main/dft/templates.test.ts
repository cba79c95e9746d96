import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src-main/db/migrate'
import { migrations } from '../../../src-main/db/migrations/index'
import { setSetting } from '../../../src-main/db/repositories/settings'
import { DEFAULT_TEMPLATES, renderTemplate, templateFor } from '../../../src-main/dft/templates'

describe('job templates', () => {
  it('fills every placeholder and refuses missing ones', () => {
    expect(renderTemplate('ENCUT = {{encut}}\nSYSTEM = {{ label }}\n', { encut: 520, label: 'Mo' })).toBe('ENCUT = 520\nSYSTEM = Mo\n')
    expect(() => renderTemplate('ENCUT = {{encut}} {{ismear}}', { encut: 520 }, 'INCAR template')).toThrow(/INCAR template: no value for \{\{ismear\}\}/)
  })

  it('uses the project override when there is one', () => {
    const db = new Database(':memory:')
    migrate(db, migrations)
    expect(templateFor(db, 'incar')).toBe(DEFAULT_TEMPLATES.incar)
    setSetting(db, 'dft.template.incar', 'ENCUT = {{encut}}\n')
    expect(templateFor(db, 'incar')).toBe('ENCUT = {{encut}}\n')
    const slurm = renderTemplate(templateFor(db, 'slurm'), { batch: 'b', count: 3, max_parallel: 2, ntasks: 4, walltime: '1:00:00', run: 'srun pw.x' })
    expect(slurm).toContain('#SBATCH --array=1-3%2')
    expect(slurm).toContain('sed -n "${SLURM_ARRAY_TASK_ID}p" jobs.txt')
  })
})
