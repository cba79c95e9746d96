/**
 * Compares the formation energies and convex hulls of two relaxations of the same candidates
 * (matched by their `Feature enum_id`, written by `mtp-engine enumerate`):
 *
 *   node node_modules/tsx/dist/cli.mjs examples/agpd-hull/hull-compare.ts \
 *     --elements Ag,Pd --model mtp_relaxed.cfg --reference eam_relaxed.cfg [--same eam_on_mtp.cfg]
 *     [--basin eam_from_mtp.cfg] [--json out.json]
 *
 * E_f = [E − Σ_s n_s μ_s] / N with μ_s the lowest pure-s energy per atom of each set
 * (src-main/analysis/hull.ts). Reported: RMSE and largest |ΔE_f| (meV/atom) over the candidates
 * relaxed by both, and the stable sets of both hulls. `--same` (the reference model evaluated on the
 * model's relaxed structures) adds the error on identical geometries and `--basin` (the reference
 * relaxed again from the model's minima) the error within the same basin, which separate fitting
 * error from the two relaxations of an unstable start (bcc) ending in different local minima.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { computeHull, type HullInputEntry, type HullResult } from '../../src-main/analysis/hull.js'

interface CfgEntry {
  id: string
  types: number[]
  energy: number
}

/** The fields of MLIP .cfg blocks this comparison needs: atom types, Energy, Feature enum_id. */
function readCfg(path: string): CfgEntry[] {
  const out: CfgEntry[] = []
  const lines = readFileSync(path, 'utf8').split('\n')
  let cur: { id: string | null; types: number[]; energy: number | null; size: number } | null = null
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim()
    if (t === 'BEGIN_CFG') cur = { id: null, types: [], energy: null, size: 0 }
    else if (!cur) continue
    else if (t === 'Size') cur.size = Number(lines[++i].trim())
    else if (t.startsWith('AtomData:')) {
      const col = t.replace(/^AtomData:\s*/, '').split(/\s+/).indexOf('type')
      for (let a = 0; a < cur.size; a++) cur.types.push(Number(lines[i + 1 + a].trim().split(/\s+/)[col]))
      i += cur.size
    } else if (t === 'Energy') cur.energy = Number(lines[++i].trim())
    else if (t.startsWith('Feature') && t.split(/\s+/)[1] === 'enum_id') cur.id = t.split(/\s+/)[2]
    else if (t === 'END_CFG') {
      if (cur.id !== null && cur.energy !== null) out.push({ id: cur.id, types: cur.types, energy: cur.energy })
      cur = null
    }
  }
  return out
}

function hullOf(entries: CfgEntry[], elements: string[]): HullResult {
  const input: HullInputEntry[] = entries.map((e) => {
    const counts: Record<string, number> = {}
    for (const el of elements) counts[el] = 0
    for (const t of e.types) counts[elements[t]] += 1
    return { id: e.id, counts, energy: e.energy, source: { file: null, frame: null, label: e.id } }
  })
  // 0.1 meV/atom: structures within it of the hull count as on it (degenerate orderings).
  return computeHull(input, { elements, tolerance: 1e-4 })
}

function errors(a: HullResult, b: HullResult): { n: number; rmse: number; max: number; worst: string | null } {
  const ref = new Map(b.entries.map((e) => [String(e.id), e.formationEnergyMeV]))
  let n = 0, sum = 0, max = 0
  let worst: string | null = null
  for (const e of a.entries) {
    const r = ref.get(String(e.id))
    if (r === undefined) continue
    const d = e.formationEnergyMeV - r
    n++
    sum += d * d
    if (Math.abs(d) > max) {
      max = Math.abs(d)
      worst = String(e.id)
    }
  }
  return { n, rmse: n ? Math.sqrt(sum / n) : NaN, max, worst }
}

/** Lowest E_f at each reduced composition (meV/atom), keyed by the Pd (second element) fraction. */
function lowestByComposition(h: HullResult): Map<string, number> {
  const out = new Map<string, number>()
  for (const e of h.entries) {
    const key = e.composition[1].toFixed(6)
    const cur = out.get(key)
    if (cur === undefined || e.formationEnergyMeV < cur) out.set(key, e.formationEnergyMeV)
  }
  return out
}

function lowestErrors(a: HullResult, b: HullResult): { n: number; rmse: number; max: number } {
  const la = lowestByComposition(a), lb = lowestByComposition(b)
  let n = 0, sum = 0, max = 0
  for (const [k, v] of la) {
    const r = lb.get(k)
    if (r === undefined) continue
    n++
    sum += (v - r) ** 2
    max = Math.max(max, Math.abs(v - r))
  }
  return { n, rmse: Math.sqrt(sum / n), max }
}

function stable(h: HullResult, common: Set<string>): string[] {
  return h.entries.filter((e) => e.stable && common.has(String(e.id))).map((e) => `${e.id} (${e.formula})`).sort()
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}

const elements = (arg('elements') ?? '').split(',').filter((s) => s)
const modelPath = arg('model'), refPath = arg('reference')
if (elements.length !== 2 || !modelPath || !refPath) {
  console.error('usage: hull-compare.ts --elements A,B --model M.cfg --reference R.cfg [--same S.cfg] [--basin B.cfg] [--json OUT]')
  process.exit(2)
}
const model = readCfg(modelPath), reference = readCfg(refPath)
const ids = new Set(model.map((e) => e.id))
const common = reference.filter((e) => ids.has(e.id))
const commonIds = new Set(common.map((e) => e.id))
// Both hulls over the same candidate set, so that their stable sets are comparable.
const hModel = hullOf(model.filter((e) => commonIds.has(e.id)), elements)
const hRef = hullOf(common, elements)
const independent = errors(hModel, hRef)
const stableModel = stable(hModel, commonIds), stableRef = stable(hRef, commonIds)
const result: Record<string, unknown> = {
  model_relaxed: model.length,
  reference_relaxed: reference.length,
  compared: commonIds.size,
  rmse_meV: independent.rmse,
  max_abs_meV: independent.max,
  worst: independent.worst,
  stable_model: stableModel,
  stable_reference: stableRef,
  same_stable_set: stableModel.join('|') === stableRef.join('|'),
  // The lower envelope itself, composition by composition (informative when only the elements are stable).
  lowest_per_composition: lowestErrors(hModel, hRef),
  min_formation_meV: {
    model: Math.min(...hModel.entries.filter((e) => e.composition[0] > 0 && e.composition[1] > 0).map((e) => e.formationEnergyMeV)),
    reference: Math.min(...hRef.entries.filter((e) => e.composition[0] > 0 && e.composition[1] > 0).map((e) => e.formationEnergyMeV)),
  },
}
// Extra reference sets on the model's geometries: --same (reference energies of the model-relaxed
// structures) and --basin (the reference relaxed again from the model's minima).
for (const [option, key] of [['same', 'same_geometry'], ['basin', 'same_basin']]) {
  const path = arg(option)
  if (!path) continue
  const e = errors(hModel, hullOf(readCfg(path).filter((c) => commonIds.has(c.id)), elements))
  Object.assign(result, { [`${key}_compared`]: e.n, [`${key}_rmse_meV`]: e.rmse, [`${key}_max_abs_meV`]: e.max })
}
const jsonPath = arg('json')
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(result, null, 2) + '\n')
console.log(JSON.stringify(result, null, 2))
