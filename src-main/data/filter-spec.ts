/**
 * Configuration filters written as `key=value` (CLI --filter, saved selections):
 * source=NAME, tag=T, group=G, formula=Mo54,Mo53, elements=Mo,Ta (contains all),
 * only=Mo,Ta (nothing else), energy-min=-10.9, energy-max=-10 (eV/atom), forces=yes|no,
 * stress=yes|no, quarantined=yes|no, duplicate=yes|no, ids=1,2,3, job=ID.
 */
import type { ConfigurationFilter } from '../db/repositories/configuration-query.js'

const list = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean)

function yesNo(key: string, v: string): boolean {
  if (/^(yes|true|1)$/i.test(v)) return true
  if (/^(no|false|0)$/i.test(v)) return false
  throw new Error(`filter ${key}: expected yes or no, got ${JSON.stringify(v)}`)
}

function number(key: string, v: string): number {
  const x = Number(v)
  if (v.trim() === '' || !Number.isFinite(x)) throw new Error(`filter ${key}: expected a number, got ${JSON.stringify(v)}`)
  return x
}

function integer(key: string, v: string): number {
  const x = number(key, v)
  if (!Number.isInteger(x) || x < 1) throw new Error(`filter ${key}: expected a positive integer, got ${JSON.stringify(v)}`)
  return x
}

export const FILTER_KEYS = ['source', 'tag', 'group', 'formula', 'elements', 'only', 'energy-min', 'energy-max', 'forces', 'stress', 'quarantined', 'duplicate', 'ids', 'job'] as const

/** Combines every `key=value` term (AND); throws with a readable message on a bad term. */
export function parseFilterSpecs(specs: readonly string[]): ConfigurationFilter {
  const f: ConfigurationFilter = {}
  for (const spec of specs) {
    const eq = spec.indexOf('=')
    if (eq <= 0) throw new Error(`filter ${JSON.stringify(spec)}: expected key=value (keys: ${FILTER_KEYS.join(', ')})`)
    const key = spec.slice(0, eq).trim()
    const v = spec.slice(eq + 1).trim()
    switch (key) {
      case 'source': f.source = v; break
      case 'tag': f.tag = v; break
      case 'group': f.group = v; break
      case 'formula': f.formulas = [...(f.formulas ?? []), ...list(v)]; break
      case 'elements': f.elements = [...(f.elements ?? []), ...list(v)]; break
      case 'only': f.onlyElements = list(v); break
      case 'energy-min': f.energyMin = number(key, v); break
      case 'energy-max': f.energyMax = number(key, v); break
      case 'forces': f.hasForces = yesNo(key, v); break
      case 'stress': f.hasVirial = yesNo(key, v); break
      case 'quarantined': f.quarantined = yesNo(key, v); break
      case 'duplicate': f.duplicate = yesNo(key, v); break
      case 'ids': f.ids = [...(f.ids ?? []), ...list(v).map((x) => integer(key, x))]; break
      case 'job': f.dftJobId = integer(key, v); break
      default:
        throw new Error(`unknown filter key ${JSON.stringify(key)} (keys: ${FILTER_KEYS.join(', ')})`)
    }
  }
  return f
}
