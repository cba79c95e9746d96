/**
 * mtp-studio ev (structure) (force fields) [--range F] [--points N] [--relax-ions] [--json]
 * E–V curve by every potential of an ensemble: Birch–Murnaghan V0, E0, B0, B0′ and the cubic
 * lattice constant per member, with the ensemble mean and 95 % interval; with --project, the
 * project's DFT points of the same lattice.
 */
import { dftEvPoints } from '../../analysis/ev-dft-points.js'
import { evView } from '../../analysis/ev-elastic-service.js'
import { runEv } from '../../analysis/ev-workflow.js'
import type { EnsembleSummaryView, EvResultView } from '../../contract/ev-elastic.js'
import { Project } from '../../projects/project.js'
import { parseOptions, printJson, UsageError, type CliIo, type Command } from '../command.js'
import { positive, STRAIN_OPTIONS, STRAIN_USAGE, strainSetup } from '../strain-options.js'
import { resolve } from 'node:path'

const usage = `mtp-studio ev (structure) (force fields) [options]

  --range F       volume range either side, as a fraction (default 0.1 = ±10 %)
  --points N      volumes (default 11, at least 5)
  --relax-ions    relax the ions at each volume (cell fixed)
${STRAIN_USAGE}`

export const interval = (s: EnsembleSummaryView, digits: number) => `${s.mean.toFixed(digits)} ± ${s.halfWidth95.toFixed(digits)}`

function printHuman(io: CliIo, r: EvResultView): void {
  const lines = [`E–V of ${r.structureLabel}: ${r.members.length} potential(s), volumes ±${(r.range * 100).toFixed(1)} %, ${r.relaxIons ? 'ions relaxed' : 'ions fixed'}`, '']
  lines.push(['potential', 'V0 (Å³/atom)', 'E0 (eV/atom)', 'B0 (GPa)', "B0'", 'a (Å)', 'rmse (meV/atom)'].join('\t'))
  for (const m of r.members)
    lines.push([m.label, m.fit.v0.toFixed(4), m.fit.e0.toFixed(5), m.fit.b0.toFixed(1), m.fit.b0Prime.toFixed(2), m.latticeConstant?.toFixed(5) ?? '-', (m.fit.rmse * 1000).toFixed(3)].join('\t'))
  const s = r.summary
  lines.push(['mean ± 95 %', interval(s.v0, 4), interval(s.e0, 5), interval(s.b0, 1), interval(s.b0Prime, 2), s.latticeConstant ? interval(s.latticeConstant, 5) : '-', ''].join('\t'))
  if (r.dft.length) {
    lines.push('', `DFT points of the same lattice in the project: ${r.dft.length}`)
    if (r.dftFit) lines.push(`DFT fit: V0 ${r.dftFit.v0.toFixed(4)} Å³/atom, E0 ${r.dftFit.e0.toFixed(5)} eV/atom, B0 ${r.dftFit.b0.toFixed(1)} GPa, B0' ${r.dftFit.b0Prime.toFixed(2)}`)
  }
  io.out(lines.join('\n') + '\n')
}

export const evCommand: Command = {
  name: 'ev',
  summary: 'E–V curve and Birch–Murnaghan fit (V0, E0, B0, B0′, lattice constant) over an ensemble',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { ...STRAIN_OPTIONS, range: { type: 'string' }, points: { type: 'string' }, 'relax-ions': { type: 'boolean', default: false } }, false)
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`)
    const range = positive('range', values.range, 0.1)
    const points = positive('points', values.points, 11)
    if (range >= 0.5 || !Number.isInteger(points) || points < 5) throw new UsageError('--range must be below 0.5 and --points an integer ≥ 5')
    const setup = await strainSetup(values, io)
    try {
      const r = await runEv(setup.run, {
        structure: setup.base.structure,
        forceFields: setup.forceFields,
        species: setup.species,
        range,
        points,
        relaxIons: values['relax-ions'] ?? false,
        atomsPerCubicCell: setup.base.atomsPerCubicCell,
        threads: setup.threads,
        workDir: setup.workDir,
        onProgress: (done, total, label) => (values.json ? undefined : io.err(`ev: ${done}/${total} ${label}\n`)),
      })
      const dft = values.project ? withProject(values.project, (p) => dftEvPoints(p.db, setup.base.structure)) : []
      const view = evView(r, setup.base.label, dft)
      if (values.json) printJson(io, view)
      else printHuman(io, view)
    } finally {
      await setup.close()
    }
    return 0
  },
}

function withProject<T>(path: string, f: (p: Project) => T): T {
  const p = Project.open(resolve(path))
  try {
    return f(p)
  } finally {
    p.close()
  }
}
