/**
 * mtp-studio import --project P FILE|FOLDER… [--species Mo,Ta] [--format F] [--energy free|sigma0]
 *   [--expect-forces] [--expect-stress] [--group G] [--tag T]… [--skip-duplicates] [--json]
 * Each file is imported in one transaction: all of its frames or none. A malformed file is
 * reported with file, line and field, and the others still import; the exit code is then 1.
 */
import { resolve } from 'node:path'
import { collectImportFiles } from '../../data/collect-files.js'
import { importFiles, type ImportOptions } from '../../data/import-file.js'
import { FILE_FORMATS, type FileFormat } from '../../io/formats.js'
import { Project } from '../../projects/project.js'
import { parseOptions, printJson, UsageError, type Command } from '../command.js'

const usage = `mtp-studio import --project P FILE|FOLDER... [options]

  A folder is searched for files of a known format (vasprun.xml preferred over OUTCAR in a run folder).

  --species A,B,...     element of each type index in .cfg / LAMMPS data files (default: the project's species map)
  --format F            ${FILE_FORMATS.join('|')} (default: detected from the content and name)
  --energy free|sigma0  VASP: store TOTEN (default, consistent with the forces) or energy(sigma->0)
  --prefix P            extxyz: reference keys with this prefix (e.g. REF_ for REF_energy, REF_forces, REF_stress)
  --expect-forces       quarantine frames without forces
  --expect-stress       quarantine frames without stress
  --group G             put the configurations in group G
  --tag T               tag the configurations (repeatable)
  --skip-duplicates     do not store frames that repeat a stored configuration
  --json                print the result as one JSON object`

export const importCommand: Command = {
  name: 'import',
  summary: 'import structures and DFT data (.cfg, extxyz, POSCAR, OUTCAR, vasprun.xml, pw.x output, mlearn JSON, LAMMPS data)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      project: { type: 'string' },
      species: { type: 'string' },
      format: { type: 'string' },
      energy: { type: 'string' },
      prefix: { type: 'string' },
      'expect-forces': { type: 'boolean', default: false },
      'expect-stress': { type: 'boolean', default: false },
      group: { type: 'string' },
      tag: { type: 'string', multiple: true },
      'skip-duplicates': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    })
    if (!values.project) throw new UsageError('a project is required (--project P)')
    if (positionals.length === 0) throw new UsageError('no files to import')
    if (values.format && !FILE_FORMATS.includes(values.format as FileFormat)) throw new UsageError(`--format must be one of ${FILE_FORMATS.join(', ')}`)
    if (values.energy && values.energy !== 'free' && values.energy !== 'sigma0') throw new UsageError('--energy must be free or sigma0')
    const opts: ImportOptions = {
      species: values.species ? values.species.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
      format: values.format as FileFormat | undefined,
      energy: values.energy as 'free' | 'sigma0' | undefined,
      extxyz: values.prefix ? { prefix: values.prefix } : undefined,
      expect: { forces: values['expect-forces'], stress: values['expect-stress'] },
      group: values.group,
      tags: values.tag,
      skipDuplicates: values['skip-duplicates'],
      onProgress: values.json ? undefined : (p) => io.err(`\r${p.file}: ${p.frames} frames, ${Math.round((100 * p.bytesRead) / Math.max(1, p.totalBytes))}%`),
    }
    const project = Project.open(resolve(values.project))
    try {
      const r = await importFiles(project.db, await collectImportFiles(positionals), opts)
      if (values.json) printJson(io, { ...r, imported: r.imported.map(({ ids, ...rest }) => ({ ...rest, firstId: ids[0] ?? null, lastId: ids[ids.length - 1] ?? null })) })
      else {
        io.err('\n')
        for (const f of r.imported) {
          io.out(`${f.file}: ${f.stored} configurations (${f.format}), ${f.quarantined} quarantined, ${f.duplicates} duplicates${f.skippedDuplicates ? ' (skipped)' : ''}\n`)
          for (const [reason, n] of Object.entries(f.reasons)) io.out(`  quarantined ${n}: ${reason}\n`)
        }
        for (const f of r.failed) io.err(`not imported: ${f.message}\n`)
      }
      return r.failed.length ? 1 : 0
    } finally {
      project.close()
    }
  },
}
