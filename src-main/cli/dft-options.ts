/** Option parsing shared by the export, jobs and hull commands. */
import { resolve } from 'node:path'
import type { DftCode } from '../db/repositories/dft-jobs.js'
import type { DftExportOptions } from '../dft/export-jobs.js'
import type { NamelistValue } from '../io/qe-input.js'
import { UsageError } from './command.js'

/** 'Si=Si.pbe-rrkj.UPF,O=O.pbe.UPF' → { Si: 'Si.pbe-rrkj.UPF', O: 'O.pbe.UPF' }. */
export function parsePseudoMap(spec: string): Record<string, string> {
  const map: Record<string, string> = {}
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [el, file] = item.split('=')
    if (!el || !file) throw new UsageError(`--pseudo expects El=FILE[,El=FILE…], got ${JSON.stringify(item)}`)
    map[el.trim()] = file.trim()
  }
  return map
}

export function positiveNumber(name: string, v: string | undefined, fallback?: number): number {
  if (v === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`)
    return fallback
  }
  const x = Number(v)
  if (!(x > 0) || !Number.isFinite(x)) throw new UsageError(`--${name} must be a positive number, got ${v}`)
  return x
}

/** The QE / VASP / scheduler options of a DFT export (`jobs export`, `hull --send-to-dft`). */
export const DFT_CODE_OPTIONS = {
  pseudo: { type: 'string' },
  'pseudo-dir': { type: 'string' },
  ecutwfc: { type: 'string' },
  ecutrho: { type: 'string' },
  kspacing: { type: 'string' },
  electrons: { type: 'string' },
  encut: { type: 'string' },
  potcar: { type: 'string' },
  ntasks: { type: 'string' },
  walltime: { type: 'string' },
  run: { type: 'string' },
} as const

type DftCodeValues = { [K in keyof typeof DFT_CODE_OPTIONS]?: string }

/** 'electron_maxstep=1,mixing_beta=0.3,startingwfc=random' → namelist values. */
function namelist(spec: string | undefined): Record<string, NamelistValue> | undefined {
  if (!spec) return undefined
  const out: Record<string, NamelistValue> = {}
  for (const item of spec.split(',').filter(Boolean)) {
    const [k, v] = item.split('=')
    if (!k || v === undefined) throw new UsageError(`--electrons expects key=value[,...], got ${JSON.stringify(item)}`)
    out[k.trim()] = /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : v.trim()
  }
  return out
}

/** QE or VASP settings and the scheduler lines of an export, from the command line. */
export function dftCodeSettings(code: DftCode, v: DftCodeValues): Pick<DftExportOptions, 'qe' | 'vasp' | 'scheduler'> {
  return {
    qe:
      code === 'qe'
        ? {
            pseudopotentials: parsePseudoMap(v.pseudo ?? ''),
            pseudoDir: resolve(v['pseudo-dir'] ?? '.'),
            ecutwfc: positiveNumber('ecutwfc', v.ecutwfc),
            ecutrho: v.ecutrho ? positiveNumber('ecutrho', v.ecutrho) : undefined,
            kspacing: positiveNumber('kspacing', v.kspacing),
            electrons: namelist(v.electrons),
          }
        : undefined,
    vasp: code === 'vasp' ? { encut: positiveNumber('encut', v.encut), kspacing: positiveNumber('kspacing', v.kspacing), potcar: v.potcar ? parsePseudoMap(v.potcar) : undefined } : undefined,
    scheduler: { ntasks: v.ntasks ? positiveNumber('ntasks', v.ntasks) : undefined, walltime: v.walltime, run: v.run },
  }
}
