/**
 * mtp-studio elastic (structure) (force fields) [--delta D] [--fixed-cell] [--relax-ions] [--json]
 * Elastic constants by ±strain finite differences of the stress: the 6×6 stiffness and the cubic
 * C11, C12, C44 (GPa) per potential, with the ensemble mean and 95 % interval.
 */
import { runElastic } from '../../analysis/elastic-workflow.js'
import { elasticView } from '../../analysis/ev-elastic-service.js'
import type { ElasticResultView } from '../../contract/ev-elastic.js'
import { parseOptions, printJson, UsageError, type CliIo, type Command } from '../command.js'
import { positive, STRAIN_OPTIONS, STRAIN_USAGE, strainSetup } from '../strain-options.js'
import { interval } from './ev.js'

const usage = `mtp-studio elastic (structure) (force fields) [options]

  --delta D       strain magnitude (default 0.01 = 1 %)
  --fixed-cell    take the structure as it is (default: relax ions and cell to zero stress first)
  --relax-ions    relax the ions in each strained cell
${STRAIN_USAGE}`

function printHuman(io: CliIo, r: ElasticResultView): void {
  const lines = [`elastic constants of ${r.structureLabel}: ${r.members.length} potential(s), δ = ${r.delta}, ${r.equilibrate ? 'equilibrated' : 'cell as given'}, ${r.relaxIons ? 'ions relaxed' : 'ions fixed'}`, '']
  lines.push(['potential', 'a,b,c (Å)', 'C11', 'C12', 'C44', 'B', 'asym', 'residual σ (GPa)'].join('\t'))
  for (const m of r.members)
    lines.push(
      [m.label, m.cellLengths.map((x) => x.toFixed(5)).join(','), ...(m.cubic ? [m.cubic.c11, m.cubic.c12, m.cubic.c44, m.cubic.bulkModulus].map((x) => x.toFixed(1)) : ['-', '-', '-', '-']), m.asymmetry.toFixed(2), Math.max(...m.residualStress.map(Math.abs)).toFixed(3)].join('\t'),
    )
  if (r.cubic) lines.push(['mean ± 95 % (GPa)', '', interval(r.cubic.c11, 1), interval(r.cubic.c12, 1), interval(r.cubic.c44, 1), interval(r.cubic.bulkModulus, 1)].join('\t'))
  lines.push('', 'C (GPa, ensemble mean, Voigt xx yy zz yz xz xy):')
  for (const row of r.c) lines.push(row.map((x) => x.mean.toFixed(1).padStart(8)).join(''))
  io.out(lines.join('\n') + '\n')
}

export const elasticCommand: Command = {
  name: 'elastic',
  summary: 'elastic constants (6×6, cubic C11 C12 C44) by ±strain stress differences over an ensemble',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(
      args,
      { ...STRAIN_OPTIONS, delta: { type: 'string' }, 'fixed-cell': { type: 'boolean', default: false }, 'relax-ions': { type: 'boolean', default: false } },
      false,
    )
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`)
    const delta = positive('delta', values.delta, 0.01)
    if (delta >= 0.1) throw new UsageError('--delta must be below 0.1')
    const setup = await strainSetup(values, io)
    try {
      const r = await runElastic(setup.run, {
        structure: setup.base.structure,
        forceFields: setup.forceFields,
        species: setup.species,
        delta,
        equilibrate: !values['fixed-cell'],
        relaxIons: values['relax-ions'] ?? false,
        threads: setup.threads,
        workDir: setup.workDir,
        onProgress: (done, total, label) => (values.json ? undefined : io.err(`elastic: ${done}/${total} ${label}\n`)),
      })
      const view = elasticView(r, setup.base.label)
      if (values.json) printJson(io, view)
      else printHuman(io, view)
    } finally {
      await setup.close()
    }
    return 0
  },
}
