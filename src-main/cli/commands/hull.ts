/**
 * mtp-studio hull (--project P | --file F) [--elements A,B[,C]] [--reference El=eV,…] [--json]
 * Formation energies against elemental references and the lower convex hull; every entry with its
 * source, E_f and the energy above hull in meV/atom, then the stable set. With a force field
 * (--ensemble, --potential-id, --eam): DFT vs MTP side by side (../hull-compare-cli.ts).
 */
import { resolve } from 'node:path'
import { computeHull, type HullResult } from '../../analysis/hull.js'
import { hullEntriesFromFile, hullEntriesFromProject } from '../../analysis/hull-input.js'
import { Project } from '../../projects/project.js'
import { parseOptions, printJson, UsageError, type CliIo, type Command } from '../command.js'
import { COMPARE_OPTIONS, COMPARE_USAGE, runCompareCli, wantsCompare } from '../hull-compare-cli.js'

const usage = `mtp-studio hull --project P [options]
mtp-studio hull --file F [options]

  --elements A,B[,C]      composition axes (default: every element present); entries with other elements are left out
  --reference El=eV,…     reference energies μ in eV/atom (default: lowest energy per atom of the pure element)
  --tolerance EV          eV/atom within which an entry counts as on the hull (default 1e-9)
  --energy-key KEY        (--file) the energy key to read, e.g. mixing_energy
  --per-atom              (--file) that key is per atom (eV/atom), not per cell
  --json                  print the result as one JSON object
${COMPARE_USAGE}`

function parseReferences(text: string | undefined): Record<string, number> | undefined {
  if (!text) return undefined
  const out: Record<string, number> = {}
  for (const part of text.split(',')) {
    const m = /^\s*([A-Z][a-z]?)\s*=\s*(\S+)\s*$/.exec(part)
    if (!m || !Number.isFinite(Number(m[2]))) throw new UsageError(`cannot read reference "${part}" (want El=eV)`)
    out[m[1]] = Number(m[2])
  }
  return out
}

function printHuman(io: CliIo, h: HullResult): void {
  const el = h.elements
  const refs = h.references.map((r) => `${r.element} ${r.mu.toFixed(6)} eV/atom (${r.origin === 'given' ? 'given' : `lowest pure, entry ${r.entryId}`})`)
  const lines = [`elements   ${el.join('-')}`, `references ${refs.join('; ')}`, `tolerance  ${h.tolerance} eV/atom`, '']
  lines.push(['id', 'source', 'frame', 'label', 'formula', ...el.map((e) => `x_${e}`), 'E_f(meV/at)', 'E_hull(meV/at)', 'stable'].join('\t'))
  const order = [...h.entries].sort((a, b) => {
    for (let s = 0; s < el.length; s++) if (a.composition[s] !== b.composition[s]) return b.composition[s] - a.composition[s]
    return a.formationEnergyMeV - b.formationEnergyMeV
  })
  for (const e of order)
    lines.push(
      [e.id, e.source.file ?? '-', e.source.frame ?? '-', e.source.label ?? '-', e.formula, ...e.composition.map((x) => x.toFixed(4)), e.formationEnergyMeV.toFixed(3), e.eAboveHullMeV.toFixed(3), e.stable ? 'yes' : ''].join('\t'),
    )
  const stable = h.entries.filter((e) => e.stable)
  lines.push('', `stable (${stable.length}): ${h.stable.map((id) => stable.find((e) => e.id === id)!).map((e) => `${e.formula} [${e.source.label ?? e.id}] ${e.formationEnergyMeV.toFixed(2)}`).join(', ')}`)
  for (const w of h.warnings) lines.push(`warning: ${w}`)
  if (h.skipped) lines.push(`left out: ${h.skipped} entries with other elements`)
  io.out(lines.join('\n') + '\n')
}

export const hullCommand: Command = {
  name: 'hull',
  summary: 'formation energies, energy above hull and the stable set (from a project or a file)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      project: { type: 'string' },
      file: { type: 'string' },
      elements: { type: 'string' },
      reference: { type: 'string' },
      tolerance: { type: 'string' },
      'energy-key': { type: 'string' },
      'per-atom': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...COMPARE_OPTIONS,
    }, false)
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`)
    if (!values.project === !values.file) throw new UsageError('give exactly one of --project P or --file F')
    if (values.project && (values['energy-key'] || values['per-atom'])) throw new UsageError('--energy-key and --per-atom are for --file')
    const elements = values.elements ? values.elements.split(',').map((s) => s.trim()).filter(Boolean) : undefined
    const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance)
    if (tolerance !== undefined && !(tolerance > 0)) throw new UsageError('--tolerance must be a positive number (eV/atom)')
    const references = parseReferences(values.reference)
    if (wantsCompare(values)) return runCompareCli(values, io, { elements, references, tolerance, mtpReferences: parseReferences(values['mtp-reference']) })
    const extra = Object.keys(COMPARE_OPTIONS).find((k) => values[k as keyof typeof values] !== undefined && values[k as keyof typeof values] !== false)
    if (extra) throw new UsageError(`--${extra} needs a force field (--ensemble, --potential-id or --eam)`)

    let entries
    if (values.project) {
      const project = Project.open(resolve(values.project))
      try {
        entries = hullEntriesFromProject(project.db)
      } finally {
        project.close()
      }
    } else {
      entries = (await hullEntriesFromFile(resolve(values.file!), { energyKey: values['energy-key'], energyPerAtom: values['per-atom'] })).entries
    }
    if (entries.length === 0) throw new Error('no structures with an energy')
    const h = computeHull(entries, { elements, references, tolerance })
    if (values.json) printJson(io, h)
    else printHuman(io, h)
    return 0
  },
}
