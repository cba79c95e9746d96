/**
 * mtp-studio export --project P --format cfg|extxyz|poscar|qe|lammps [--lossless] [--filter K=V]… OUT
 * cfg and extxyz go to one file; poscar, qe (pw.x input) and lammps to one file per configuration
 * in the folder OUT. Types follow the project's species map.
 */
import { resolve } from 'node:path'
import { EXPORT_FORMATS, exportConfigurations, type ExportFormat } from '../../data/export.js'
import { FILTER_KEYS, parseFilterSpecs } from '../../data/filter-spec.js'
import { Project } from '../../projects/project.js'
import { parseOptions, printJson, UsageError, type Command } from '../command.js'
import { parsePseudoMap } from '../dft-options.js'

const usage = `mtp-studio export --project P --format ${EXPORT_FORMATS.join('|')} [options] OUT

  --lossless            .cfg numbers as %.16e, extxyz stress as the virial: re-import gives the same bits
  --filter KEY=VALUE    repeatable, all must hold; keys: ${FILTER_KEYS.join(', ')}
  --prefix P            extxyz reference-key prefix (e.g. REF_)
  pw.x inputs (--format qe): --pseudo El=FILE[,El=FILE] --pseudo-dir DIR --ecutwfc RY [--ecutrho RY] --kspacing 1/Å
  --json                print the result as one JSON object`

export const exportCommand: Command = {
  name: 'export',
  summary: 'write configurations as .cfg, extxyz, POSCAR, pw.x input or LAMMPS data',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      project: { type: 'string' },
      format: { type: 'string' },
      lossless: { type: 'boolean', default: false },
      filter: { type: 'string', multiple: true },
      prefix: { type: 'string' },
      pseudo: { type: 'string' },
      'pseudo-dir': { type: 'string' },
      ecutwfc: { type: 'string' },
      ecutrho: { type: 'string' },
      kspacing: { type: 'string' },
      json: { type: 'boolean', default: false },
    })
    if (!values.project) throw new UsageError('a project is required (--project P)')
    if (!values.format || !EXPORT_FORMATS.includes(values.format as ExportFormat)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`)
    if (positionals.length !== 1) throw new UsageError('give exactly one output path')
    let filter
    try {
      filter = parseFilterSpecs(values.filter ?? [])
    } catch (e) {
      throw new UsageError((e as Error).message)
    }
    const format = values.format as ExportFormat
    let qe
    if (format === 'qe') {
      const ecutwfc = Number(values.ecutwfc)
      const kspacing = Number(values.kspacing)
      if (!values.pseudo || !(ecutwfc > 0) || !(kspacing > 0)) throw new UsageError('--format qe needs --pseudo, --ecutwfc and --kspacing')
      qe = {
        pseudopotentials: parsePseudoMap(values.pseudo),
        pseudoDir: values['pseudo-dir'] ?? '.',
        ecutwfc,
        ecutrho: values.ecutrho ? Number(values.ecutrho) : undefined,
        kspacing,
      }
    }
    const project = Project.open(resolve(values.project))
    try {
      const r = exportConfigurations(project.db, { format, out: resolve(positionals[0]), filter, lossless: values.lossless, prefix: values.prefix, qe })
      if (values.json) printJson(io, r)
      else io.out(`wrote ${r.count} configurations (${r.format}) to ${r.out}\n`)
      return 0
    } finally {
      project.close()
    }
  },
}
