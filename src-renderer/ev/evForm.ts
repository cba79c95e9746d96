/**
 * The E–V and elastic page's form logic: the structure and force-field choices as contract inputs,
 * the potential choices offered (ensembles first, then single potentials, then the EAM reference),
 * and the rows of the fit and elastic tables.
 */
import type { ElasticResultView, EnsembleSummaryView, EvResultView, ForceFieldChoice, StrainBaseInput } from '../../src-main/contract/ev-elastic'
import type { PotentialSummary } from '../../src-main/contract/potentials'
import { fixed } from '../format/numbers'

export type LatticeKind = 'sc' | 'bcc' | 'fcc' | 'diamond'

export interface StructureForm {
  source: 'lattice' | 'configuration'
  lattice: LatticeKind
  element: string
  /** Å. */
  a: number
  repeat: number
  configurationId: number | null
}

export function structureInput(f: StructureForm): StrainBaseInput {
  return f.source === 'lattice'
    ? { kind: 'lattice', lattice: f.lattice, element: f.element, a: f.a, repeat: f.repeat }
    : { kind: 'configuration', id: f.configurationId ?? 0 }
}

export function structureProblem(f: StructureForm): string | null {
  if (f.source === 'configuration') return f.configurationId && f.configurationId > 0 ? null : 'Give a configuration id.'
  if (!/^[A-Z][a-z]?$/.test(f.element)) return 'Give an element symbol, e.g. Mo.'
  if (!(f.a > 0 && f.a < 20)) return 'The lattice constant must be between 0 and 20 Å.'
  if (!Number.isInteger(f.repeat) || f.repeat < 1 || f.repeat > 6) return 'Repeat: 1 to 6.'
  return null
}

export interface ForceFieldOption {
  /** Stable key for a select. */
  value: string
  title: string
  subtitle: string
  choice: ForceFieldChoice
}

/** Trained potentials grouped by ensemble (ensembles of ≥ 2 first), each single potential, then EAM for `elements`. */
export function forceFieldOptions(potentials: readonly PotentialSummary[], elements: readonly string[]): ForceFieldOption[] {
  const trained = potentials.filter((p) => p.trained)
  const groups = new Map<string, PotentialSummary[]>()
  for (const p of trained) if (p.ensemble) groups.set(p.ensemble, [...(groups.get(p.ensemble) ?? []), p])
  const out: ForceFieldOption[] = []
  for (const [name, members] of groups) {
    const lv = members[0].level
    out.push({
      value: `ensemble:${name}`,
      title: `Ensemble “${name}”`,
      subtitle: `${members.length} potentials${lv ? `, level ${lv}` : ''}, ${members[0].species.join('–')}`,
      choice: { kind: 'ensemble', name },
    })
  }
  for (const p of trained)
    out.push({
      value: `potential:${p.id}`,
      title: p.name,
      subtitle: `potential ${p.id}${p.level ? `, level ${p.level}` : ''}, ${p.species.join('–')}`,
      choice: { kind: 'potentials', ids: [p.id] },
    })
  if (elements.length) {
    out.push({
      value: `eam:${elements.join(',')}`,
      title: `EAM reference (Zhou 2004) ${elements.join('–')}`,
      subtitle: 'built-in embedded-atom model, for checks',
      choice: { kind: 'eam', elements: [...elements] },
    })
  }
  return out
}

/** "3.16979 ± 0.00226" — mean and the half-width of the 95 % interval. */
export function interval(s: EnsembleSummaryView, digits: number): string {
  return s.n > 1 ? `${fixed(s.mean, digits)} ± ${fixed(s.halfWidth95, digits)}` : fixed(s.mean, digits)
}

export interface FitRow {
  quantity: string
  unit: string
  value: string
  dft: string
}

export function evFitRows(r: EvResultView): FitRow[] {
  const s = r.summary
  const d = r.dftFit
  const rows: FitRow[] = [
    { quantity: 'V₀', unit: 'Å³/atom', value: interval(s.v0, 4), dft: d ? fixed(d.v0, 4) : '–' },
    { quantity: 'E₀', unit: 'eV/atom', value: interval(s.e0, 5), dft: d ? fixed(d.e0, 5) : '–' },
    { quantity: 'B₀', unit: 'GPa', value: interval(s.b0, 1), dft: d ? fixed(d.b0, 1) : '–' },
    { quantity: 'B₀′', unit: '', value: interval(s.b0Prime, 2), dft: d ? fixed(d.b0Prime, 2) : '–' },
  ]
  if (s.latticeConstant) rows.splice(1, 0, { quantity: 'a', unit: 'Å', value: interval(s.latticeConstant, 5), dft: '–' })
  return rows
}

export const VOIGT = ['xx', 'yy', 'zz', 'yz', 'xz', 'xy'] as const

/** The 6×6 as text cells "mean ± 95 %" (GPa), with near-zero entries shown as 0. */
export function elasticMatrixCells(r: ElasticResultView, digits = 1): string[][] {
  const tiny = 0.5 * 10 ** -digits
  return r.c.map((row) => row.map((s) => (Math.abs(s.mean) < tiny && s.halfWidth95 < tiny ? fixed(0, digits) : interval(s, digits))))
}

export function cubicRows(r: ElasticResultView): FitRow[] {
  if (!r.cubic) return []
  const c = r.cubic
  return [
    { quantity: 'C₁₁', unit: 'GPa', value: interval(c.c11, 1), dft: '–' },
    { quantity: 'C₁₂', unit: 'GPa', value: interval(c.c12, 1), dft: '–' },
    { quantity: 'C₄₄', unit: 'GPa', value: interval(c.c44, 1), dft: '–' },
    { quantity: 'B = (C₁₁ + 2C₁₂)/3', unit: 'GPa', value: interval(c.bulkModulus, 1), dft: '–' },
  ]
}
