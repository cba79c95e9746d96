/**
 * From the core's hull reply to what the hull page draws: plot points and hull vertices (binary)
 * or vertices and facets (ternary), and the table rows. Energies stay in meV/atom as the core
 * reports them. Entries whose id is not a configuration id (file-based hulls) cannot open a
 * structure and are left out of the plot and table.
 */
import type { RequestOutput } from '../../src-main/contract'
import type { BinaryHullInput, HullPlotPoint } from '../charts/options/hullBinary'
import type { TernaryHullInput } from '../charts/options/hullTernary'
import type { HullTableRow } from './hullTable'

export type HullReply = RequestOutput<'analysis/hull'>
type Entry = HullReply['entries'][number]

function sourceText(e: Entry): string {
  const s = e.source
  if (!s.file) return s.label ?? ''
  // The file name only: the folder is the same for a whole import and would fill the column.
  const name = s.file.split(/[\\/]/).pop() ?? s.file
  const where = s.frame === null ? name : `${name} #${s.frame}`
  return s.label ? `${where} (${s.label})` : where
}

const withNumericId = (entries: readonly Entry[]) => entries.filter((e): e is Entry & { id: number } => typeof e.id === 'number')

export function hullPlotPoints(reply: HullReply): HullPlotPoint[] {
  return withNumericId(reply.entries).map((e) => ({ id: e.id, fractions: e.composition, formationEnergy: e.formationEnergyMeV, eAboveHull: e.eAboveHullMeV, stable: e.stable }))
}

export function hullTableRows(reply: HullReply): HullTableRow[] {
  return withNumericId(reply.entries).map((e) => ({
    id: e.id,
    formula: e.formula,
    fractions: e.composition,
    formationEnergy: e.formationEnergyMeV,
    eAboveHull: e.eAboveHullMeV,
    stable: e.stable,
    source: sourceText(e),
  }))
}

export function binaryInput(reply: HullReply): BinaryHullInput {
  if (reply.elements.length !== 2) throw new Error(`a binary hull needs 2 elements, got ${reply.elements.length}`)
  return {
    elements: [reply.elements[0], reply.elements[1]],
    points: hullPlotPoints(reply),
    hull: reply.vertices.map((v) => [v.composition[1], v.formationEnergyMeV] as const),
  }
}

export function ternaryInput(reply: HullReply): TernaryHullInput {
  if (reply.elements.length !== 3) throw new Error(`a ternary hull needs 3 elements, got ${reply.elements.length}`)
  return {
    elements: [reply.elements[0], reply.elements[1], reply.elements[2]],
    points: hullPlotPoints(reply),
    vertices: reply.vertices.map((v) => v.composition),
    facets: reply.facets,
  }
}

/** The stable entries' formulas in the core's order (by composition), for the summary line. */
export function stableFormulas(reply: HullReply): string[] {
  const byId = new Map(reply.entries.map((e) => [e.id, e.formula]))
  return reply.stable.map((id) => byId.get(id) ?? String(id))
}
