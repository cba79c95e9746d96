/**
 * Energies and virials of a batch of structures by one force field through the engine: an MTP
 * (`calc-efs`) or the built-in EAM reference (`reference eam`), optionally after relaxing the ions
 * with the cell fixed (`relax --stress-tol 0`) or ions and cell (`relax`). Structures travel in
 * .cfg files in `workDir`, each labelled so results are matched by label, not by order.
 * Energies in eV per cell, virials W = −V·σ in eV (xx yy zz yz xz xy), positions in Å.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../contract/errors.js'
import type { RunEngine } from '../engine/run-result.js'
import { formatCfgFile, parseCfgText, type ParsedStructure } from '../io/index.js'

export type ForceField =
  | { kind: 'mtp'; label: string; path: string }
  /** Zhou 2004 EAM alloy of these elements (type i = i-th element). */
  | { kind: 'eam'; label: string; elements: string[] }

export type RelaxMode = 'none' | 'ions' | 'full'

export interface EfsRequest {
  structures: readonly ParsedStructure[]
  /** Element of each MTP species index. */
  species: readonly string[]
  relax: RelaxMode
  workDir: string
  /** File-name stem, unique per force field and batch. */
  stem: string
  threads?: number
}

export interface EfsValue {
  energy: number
  virial: number[]
  structure: ParsedStructure
}

const LABEL = 'studio_index'

function forceFieldArgs(ff: ForceField): { pot: string[]; eam: string[] } {
  return ff.kind === 'mtp' ? { pot: [ff.path], eam: [] } : { pot: [], eam: ['--eam-elements', ff.elements.join(',')] }
}

/** Structures read back by label; with `partial`, labels missing from the file (not relaxed) are null. */
function readBack(path: string, count: number, species: readonly string[], what: string, partial: boolean): (ParsedStructure | null)[] {
  const out = new Array<ParsedStructure | null | undefined>(count)
  for (const s of parseCfgText(readFileSync(path, 'utf8'), path)) {
    const k = Number(s.features[LABEL])
    if (!Number.isInteger(k) || k < 0 || k >= count) throw new AppError('internal', `${path}: a structure without its ${LABEL} feature`)
    s.species = Array.from(s.types ?? [], (t) => species[t])
    out[k] = s
  }
  const missing = out.findIndex((s) => s === undefined)
  if (missing >= 0 && !partial) throw new AppError('invalid_input', `${what}: structure ${missing} is missing from ${path}`)
  return Array.from(out, (s) => s ?? null)
}

/** Evaluates (and first relaxes, if asked) every structure with `ff`; results in input order. */
export async function evaluateBatch(run: RunEngine, ff: ForceField, req: EfsRequest): Promise<EfsValue[]> {
  return (await evaluate(run, ff, req, false)) as EfsValue[]
}

/**
 * As evaluateBatch, but a structure whose relaxation did not converge is null instead of failing
 * the batch (per-structure failure isolation, for many candidates at once).
 */
export function evaluateBatchPartial(run: RunEngine, ff: ForceField, req: EfsRequest): Promise<(EfsValue | null)[]> {
  return evaluate(run, ff, req, true)
}

async function evaluate(run: RunEngine, ff: ForceField, req: EfsRequest, partial: boolean): Promise<(EfsValue | null)[]> {
  const n = req.structures.length
  const input = join(req.workDir, `${req.stem}.in.cfg`)
  // Types are re-derived from the element symbols in the force field's species order.
  const labelled = req.structures.map((s, k) => {
    if (!s.species) throw new AppError('invalid_input', `structure ${k} has no element symbols`)
    return { ...s, types: null, features: { ...s.features, [LABEL]: String(k) } }
  })
  writeFileSync(input, formatCfgFile(labelled, { lossless: true, species: req.species }))
  const threads = req.threads ? ['--threads', String(req.threads)] : []
  const { pot, eam } = forceFieldArgs(ff)
  let toEvaluate = input
  if (req.relax !== 'none') {
    const relaxed = join(req.workDir, `${req.stem}.relaxed.cfg`)
    const unrelaxed = join(req.workDir, `${req.stem}.unrelaxed.cfg`)
    const cell = req.relax === 'ions' ? ['--stress-tol', '0'] : []
    const r = await run({
      command: 'relax',
      args: [...pot, input, '--relaxed', relaxed, '--unrelaxed', unrelaxed, ...cell, ...eam, ...threads],
      label: `relax ${n} structures (${ff.label})`,
    })
    if (partial && Number(r.converged) === 0) return new Array<null>(n).fill(null)
    if (!partial && Number(r.converged) !== n) {
      throw new AppError('invalid_input', `${ff.label}: ${n - Number(r.converged)} of ${n} structures did not relax (${JSON.stringify(r.outcomes ?? {})}); see ${unrelaxed}`)
    }
    toEvaluate = relaxed
  }
  // Relaxed structures come back at MLIP's fixed precision; evaluating them again gives energies and
  // virials at full precision (finite differences of the stress need them).
  const output = join(req.workDir, `${req.stem}.out.cfg`)
  if (ff.kind === 'mtp') {
    await run({ command: 'calc-efs', args: [ff.path, toEvaluate, output, '--lossless', ...threads], label: `calc-efs ${n} structures (${ff.label})` })
  } else {
    await run({ command: 'reference', args: ['eam', '--elements', ff.elements.join(','), toEvaluate, output, '--lossless', ...threads], label: `EAM ${n} structures (${ff.label})` })
  }
  return readBack(output, n, req.species, ff.label, partial).map((s, k) => {
    if (s === null) return null
    if (s.energy === null || !s.virial) throw new AppError('internal', `${output}: structure ${k} has no energy or stress`)
    return { energy: s.energy, virial: Array.from(s.virial), structure: s }
  })
}
