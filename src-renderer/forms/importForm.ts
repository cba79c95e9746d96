import type { RequestInput } from '../../src-main/contract'
import { isAbsolutePath } from './projectForms'

export type ImportInput = RequestInput<'import/files'>
export type ImportFormat = NonNullable<ImportInput['format']>

/** Readers the core has, with what a user recognises them by. */
export const importFormats: { value: ImportFormat | 'auto'; title: string }[] = [
  { value: 'auto', title: 'Detect from the file' },
  { value: 'cfg', title: 'MLIP .cfg' },
  { value: 'extxyz', title: 'Extended XYZ' },
  { value: 'poscar', title: 'VASP POSCAR/CONTCAR' },
  { value: 'outcar', title: 'VASP OUTCAR' },
  { value: 'vasprun', title: 'VASP vasprun.xml' },
  { value: 'qe-output', title: 'Quantum ESPRESSO pw.x output' },
  { value: 'mlearn-json', title: 'mlearn / pymatgen JSON' },
  { value: 'lammps-data', title: 'LAMMPS data' },
]

export interface ImportForm {
  /** One absolute path per line. */
  paths: string
  format: ImportFormat | 'auto'
  /** Element per MLIP type index for .cfg files without a map, comma separated: "Ag, Pd". */
  species: string
  /** VASP: TOTEN (free energy, consistent with the forces) or energy(σ→0). */
  energy: 'free' | 'sigma0'
  expectForces: boolean
  expectStress: boolean
  group: string
  /** Comma separated. */
  tags: string
  skipDuplicates: boolean
}

export function emptyImportForm(): ImportForm {
  return { paths: '', format: 'auto', species: '', energy: 'free', expectForces: false, expectStress: false, group: '', tags: '', skipDuplicates: false }
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

export interface ImportFormResult {
  input: ImportInput | null
  errors: Partial<Record<keyof ImportForm, string>>
}

/** The 'import/files' input for the form, or the reasons it cannot be sent yet. */
export function toImportInput(form: ImportForm): ImportFormResult {
  const errors: ImportFormResult['errors'] = {}
  const paths = form.paths
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
  if (paths.length === 0) errors.paths = 'Give at least one file'
  else {
    const relative = paths.find((p) => !isAbsolutePath(p))
    if (relative) errors.paths = `Not an absolute path: ${relative}`
  }
  const species = splitList(form.species)
  const badSymbol = species.find((s) => !/^[A-Z][a-z]{0,2}$/.test(s))
  if (badSymbol) errors.species = `Not an element symbol: ${badSymbol}`
  if (Object.keys(errors).length > 0) return { input: null, errors }

  const input: ImportInput = {
    paths,
    energy: form.energy,
    expectForces: form.expectForces,
    expectStress: form.expectStress,
    skipDuplicates: form.skipDuplicates,
  }
  if (form.format !== 'auto') input.format = form.format
  if (species.length) input.species = species
  if (form.group.trim()) input.group = form.group.trim()
  const tags = splitList(form.tags)
  if (tags.length) input.tags = tags
  return { input, errors }
}
