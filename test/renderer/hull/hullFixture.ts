/**
 * A columnar 'analysis/hull' reply for renderer tests, made from computeHull's object form (the
 * core's encoder uses Node's Buffer; here the bytes go through btoa, which the renderer lib has).
 */
import { computeHull, type HullInputEntry, type HullOptions } from '../../../src-main/analysis/hull'
import { hullColumnsResult } from '../../../src-main/contract/analysis'
import type { HullReply } from '../../../src-renderer/hull/hullView'

export function columnText(values: Float64Array | Int32Array | Uint8Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

function table(values: (string | null)[]): { list: string[]; index: Int32Array } {
  const list: string[] = []
  return { list, index: Int32Array.from(values, (v) => (v === null ? -1 : list.includes(v) ? list.indexOf(v) : list.push(v) - 1)) }
}

/** Entries need numeric ids (configuration ids). */
export function hullReplyOf(entries: HullInputEntry[], opts: HullOptions): HullReply {
  const h = computeHull(entries, opts)
  const e = h.entries
  const formulas = table(e.map((x) => x.formula))
  return hullColumnsResult.parse({
    elements: h.elements,
    references: h.references,
    tolerance: h.tolerance,
    rows: e.length,
    columns: {
      id: columnText(Int32Array.from(e, (x) => Number(x.id))),
      formula: columnText(formulas.index),
      formationEnergyMeV: columnText(Float64Array.from(e, (x) => x.formationEnergyMeV)),
      eAboveHullMeV: columnText(Float64Array.from(e, (x) => x.eAboveHullMeV)),
      stable: columnText(Uint8Array.from(e, (x) => (x.stable ? 1 : 0))),
    },
    formulas: formulas.list,
    formulaAtoms: formulas.list.map((f) => e.find((x) => x.formula === f)!.natoms),
    formulaFractions: formulas.list.map((f) => e.find((x) => x.formula === f)!.composition),
    stable: h.stable,
    vertices: h.vertices,
    facets: h.facets,
    skipped: h.skipped,
    warnings: h.warnings,
  })
}
