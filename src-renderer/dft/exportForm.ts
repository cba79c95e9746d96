/**
 * The DFT export form as plain data, and its translation into a 'dft/export' request: which
 * configurations (ids like "1-5, 8", a tag or a formula), the code and its settings, the
 * scheduler script variables. Errors are keyed by field so the dialog shows them in place.
 * Units: cutoffs in Ry (QE ecutwfc) and eV (VASP ENCUT); k-spacing in Å⁻¹ with 2π included.
 */
import type { RequestInput } from '../../src-main/contract'

export type DftCode = 'qe' | 'vasp' | 'eam'
export type Selection = 'ids' | 'tag' | 'formula'

export interface DftExportForm {
  code: DftCode
  selection: Selection
  ids: string
  tag: string
  formula: string
  /** Absolute parent folder; the batch folder is made inside it. */
  out: string
  batch: string
  qe: {
    pseudoDir: string
    /** Element → pseudopotential file name in pseudoDir. */
    pseudopotentials: Record<string, string>
    ecutwfc: number
    kspacing: number
    convThr: number
    /** Optional cap on SCF iterations (QE electron_maxstep); empty = QE's default (100). */
    electronMaxstep: number | null
  }
  vasp: { encut: number; kspacing: number }
  scheduler: { ntasks: number; walltime: string; maxParallel: number }
}

export type ExportInput = RequestInput<'dft/export'>

/** Debian's pseudopotential folder and its PBE RRKJ files, the usual names in QE's library. */
export function emptyExportForm(species: readonly string[]): DftExportForm {
  return {
    code: 'qe',
    selection: 'ids',
    ids: '',
    tag: '',
    formula: '',
    out: '',
    batch: '',
    qe: {
      pseudoDir: '/usr/share/espresso/pseudo',
      pseudopotentials: Object.fromEntries(species.map((el) => [el, `${el}.pbe-rrkj.UPF`])),
      ecutwfc: 30,
      kspacing: 0.25,
      convThr: 1e-8,
      electronMaxstep: null,
    },
    vasp: { encut: 520, kspacing: 0.25 },
    scheduler: { ntasks: 1, walltime: '04:00:00', maxParallel: 50 },
  }
}

/** "1-5, 8 12" → [1, 2, 3, 4, 5, 8, 12]; ranges inclusive, duplicates dropped, order kept. */
export function parseIdList(text: string): { ids: number[] } | { error: string } {
  const ids: number[] = []
  const seen = new Set<number>()
  const parts = text.split(/[\s,;]+/).filter(Boolean)
  if (parts.length === 0) return { error: 'give configuration ids, e.g. 1-5, 8' }
  for (const part of parts) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part)
    if (!m) return { error: `"${part}" is not an id or a range like 3-7` }
    const from = Number(m[1])
    const to = m[2] === undefined ? from : Number(m[2])
    if (from < 1 || to < from) return { error: `"${part}": ids start at 1 and ranges go upwards` }
    if (to - from > 100_000) return { error: `"${part}": at most 100 000 ids in one range` }
    for (let id = from; id <= to; id++) {
      if (seen.has(id)) continue
      seen.add(id)
      ids.push(id)
    }
  }
  return { ids }
}

const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)

/** The configuration filter of the form, or an error for the selection field. */
export function selectionFilter(form: DftExportForm): { filter: ExportInput['filter'] } | { error: string } {
  if (form.selection === 'tag') return form.tag.trim() ? { filter: { tag: form.tag.trim() } } : { error: 'give a tag' }
  if (form.selection === 'formula') return form.formula.trim() ? { filter: { formulas: [form.formula.trim()] } } : { error: 'give a formula, e.g. Si8' }
  const parsed = parseIdList(form.ids)
  return 'error' in parsed ? parsed : { filter: { ids: parsed.ids } }
}

/** The 'dft/export' options without the configurations (code, folder, batch, code settings, scheduler), or the errors by field. */
export type ExportOptions = Omit<ExportInput, 'filter'>

export function exportOptions(form: DftExportForm): { options: ExportOptions | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  if (!isAbsolute(form.out.trim())) errors.out = 'an absolute folder path'
  if (form.batch && !/^[A-Za-z0-9._-]+$/.test(form.batch)) errors.batch = "letters, digits, '.', '_' and '-' only"
  const positive = (key: string, value: number, what: string) => {
    if (!(Number.isFinite(value) && value > 0)) errors[key] = `${what} must be a positive number`
  }
  const s = form.scheduler
  if (!Number.isInteger(s.ntasks) || s.ntasks < 1) errors.ntasks = 'a whole number ≥ 1'
  if (!Number.isInteger(s.maxParallel) || s.maxParallel < 1) errors.maxParallel = 'a whole number ≥ 1'
  if (!/^\d+:\d\d:\d\d$/.test(s.walltime)) errors.walltime = 'hh:mm:ss'
  let code: Pick<ExportInput, 'qe' | 'vasp'> = {}
  if (form.code === 'qe') {
    const q = form.qe
    positive('ecutwfc', q.ecutwfc, 'ecutwfc')
    positive('kspacing', q.kspacing, 'k-spacing')
    positive('convThr', q.convThr, 'conv_thr')
    if (!isAbsolute(q.pseudoDir.trim())) errors.pseudoDir = 'an absolute folder path'
    const missing = Object.entries(q.pseudopotentials).filter(([, file]) => !file.trim())
    if (missing.length) errors.pseudopotentials = `no pseudopotential for ${missing.map(([el]) => el).join(', ')}`
    if (q.electronMaxstep !== null && (!Number.isInteger(q.electronMaxstep) || q.electronMaxstep < 1)) errors.electronMaxstep = 'a whole number ≥ 1, or empty'
    code = {
      qe: {
        pseudoDir: q.pseudoDir.trim(),
        pseudopotentials: Object.fromEntries(Object.entries(q.pseudopotentials).map(([el, f]) => [el, f.trim()])),
        ecutwfc: q.ecutwfc,
        kspacing: q.kspacing,
        convThr: q.convThr,
        ...(q.electronMaxstep !== null ? { electrons: { electron_maxstep: q.electronMaxstep } } : {}),
      },
    }
  } else if (form.code === 'vasp') {
    positive('encut', form.vasp.encut, 'ENCUT')
    positive('kspacing', form.vasp.kspacing, 'k-spacing')
    code = { vasp: { encut: form.vasp.encut, kspacing: form.vasp.kspacing } }
  }
  if (Object.keys(errors).length) return { options: null, errors }
  return {
    options: {
      code: form.code,
      out: form.out.trim(),
      ...(form.batch ? { batch: form.batch } : {}),
      ...code,
      scheduler: { ntasks: s.ntasks, walltime: s.walltime, maxParallel: s.maxParallel },
    },
    errors,
  }
}

export function toExportInput(form: DftExportForm): { input: ExportInput | null; errors: Record<string, string> } {
  const { options, errors } = exportOptions(form)
  const selection = selectionFilter(form)
  if ('error' in selection) errors.selection = selection.error
  if (!options || 'error' in selection) return { input: null, errors }
  return { input: { filter: selection.filter, ...options }, errors }
}
