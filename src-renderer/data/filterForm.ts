import type { z } from 'zod'
import type { configurationFilter } from '../../src-main/contract'

/** The `filter` input of 'data/list' and the other filtered requests. */
export type ConfigurationFilter = z.input<typeof configurationFilter>

export type TriState = 'any' | 'yes' | 'no'

/** What the filter bar edits: text as typed, so a half-typed number is not lost. */
export interface FilterForm {
  /** Exact formulas in the project's species order, comma separated: "Mo54, Mo53". */
  formulas: string
  /** Configurations containing all of these elements… */
  elements: string[]
  /** …and, when set, no other element. */
  onlyElements: boolean
  /** Energy per atom bounds, eV/atom. */
  energyMin: string
  energyMax: string
  source: string
  tag: string
  group: string
  forces: TriState
  stress: TriState
  quarantined: TriState
  duplicate: TriState
}

export function emptyFilterForm(): FilterForm {
  return {
    formulas: '',
    elements: [],
    onlyElements: false,
    energyMin: '',
    energyMax: '',
    source: '',
    tag: '',
    group: '',
    forces: 'any',
    stress: 'any',
    quarantined: 'any',
    duplicate: 'any',
  }
}

export interface FilterResult {
  filter: ConfigurationFilter
  /** Per field, why it cannot be applied; the filter is only sent when this is empty. */
  errors: Partial<Record<keyof FilterForm, string>>
  /** How many conditions are set, for the "n filters" badge. */
  active: number
}

function parseNumber(text: string): number | null | 'invalid' {
  const t = text.trim().replace('−', '-')
  if (t === '') return null
  const x = Number(t)
  return Number.isFinite(x) ? x : 'invalid'
}

const triToBool = (v: TriState): boolean | undefined => (v === 'any' ? undefined : v === 'yes')

/** Turns the form into the contract's filter (AND of all conditions), with messages for bad fields. */
export function toConfigurationFilter(form: FilterForm): FilterResult {
  const filter: ConfigurationFilter = {}
  const errors: FilterResult['errors'] = {}

  const formulas = form.formulas
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
  if (formulas.some((f) => !/^([A-Z][a-z]?\d+)+$/.test(f))) errors.formulas = 'Write formulas like Mo54 or Ag2Pd2, separated by commas'
  else if (formulas.length) filter.formulas = formulas

  if (form.elements.length) {
    if (form.onlyElements) filter.onlyElements = [...form.elements]
    else filter.elements = [...form.elements]
  }

  const lo = parseNumber(form.energyMin)
  const hi = parseNumber(form.energyMax)
  if (lo === 'invalid') errors.energyMin = 'Not a number'
  if (hi === 'invalid') errors.energyMax = 'Not a number'
  if (typeof lo === 'number' && typeof hi === 'number' && lo > hi) errors.energyMax = 'Must not be below the minimum'
  if (typeof lo === 'number') filter.energyMin = lo
  if (typeof hi === 'number') filter.energyMax = hi

  for (const key of ['source', 'tag', 'group'] as const) {
    const v = form[key].trim()
    if (v) filter[key] = v
  }

  const flags = { hasForces: form.forces, hasVirial: form.stress, quarantined: form.quarantined, duplicate: form.duplicate }
  for (const [key, value] of Object.entries(flags) as [keyof typeof flags, TriState][]) {
    const b = triToBool(value)
    if (b !== undefined) filter[key] = b
  }

  const active = Object.keys(filter).length
  return { filter, errors, active }
}
