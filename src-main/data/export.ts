/**
 * Exporting configurations: .cfg and extxyz as one file, POSCAR, pw.x input and LAMMPS data as
 * one file per configuration in a folder. Types in .cfg and LAMMPS files follow the project's
 * species map (type index t = species t), the order every export uses. Lossless mode writes
 * .cfg numbers as %.16e (MLIP --no-loss) and the extxyz stress as the virial, so that
 * import → export → import gives back the same bits.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../db/connection.js'
import { rowToStructure, STORED_COLUMNS, type StoredRow } from '../db/repositories/configuration-store.js'
import { iterateIds, type ConfigurationFilter } from '../db/repositories/configuration-query.js'
import { speciesList } from '../db/repositories/species.js'
import { formatCfg } from '../io/cfg-writer.js'
import { formatExtxyz } from '../io/extxyz-writer.js'
import { formatLammpsData } from '../io/lammps-data.js'
import { formatPoscar } from '../io/poscar.js'
import { formatQeInput, type QeInputOptions } from '../io/qe-input.js'
import type { ParsedStructure } from '../io/types.js'

export const EXPORT_FORMATS = ['cfg', 'extxyz', 'poscar', 'qe', 'lammps'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportOptions {
  format: ExportFormat
  /** A file for cfg/extxyz, a folder for the one-file-per-configuration formats. */
  out: string
  filter?: ConfigurationFilter
  lossless?: boolean
  /** extxyz reference-key prefix, e.g. 'REF_'. */
  prefix?: string
  /** pw.x inputs: pseudopotentials, cutoffs, k-spacing. */
  qe?: QeInputOptions
}

export interface ExportResult {
  format: ExportFormat
  count: number
  /** The file written, or the folder holding one file per configuration. */
  out: string
}

/** Stored configurations as ParsedStructure, in id order, one batch of rows at a time. */
export function* iterateStructures(db: Db, filter: ConfigurationFilter = {}): Generator<{ id: number; s: ParsedStructure }> {
  const species = speciesList(db)
  const rows = db.prepare(`SELECT ${STORED_COLUMNS} FROM configurations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
  for (const ids of iterateIds(db, filter, 500)) {
    for (const r of rows.all(JSON.stringify(ids)) as StoredRow[]) yield { id: r.id, s: rowToStructure(r, species) }
  }
}

function perConfigurationName(format: ExportFormat, id: number): string {
  const base = `config-${String(id).padStart(7, '0')}`
  return format === 'poscar' ? `${base}.vasp` : format === 'qe' ? `${base}.pw.in` : `${base}.data`
}

export function exportConfigurations(db: Db, opts: ExportOptions): ExportResult {
  const filter = opts.filter ?? {}
  let count = 0
  if (opts.format === 'cfg' || opts.format === 'extxyz') {
    const fd = openSync(opts.out, 'w')
    try {
      let buffer: string[] = []
      let size = 0
      for (const { s } of iterateStructures(db, filter)) {
        const text =
          opts.format === 'cfg'
            ? formatCfg(s, { lossless: opts.lossless })
            : formatExtxyz(s, { prefix: opts.prefix, stressAs: opts.lossless ? 'virial' : 'stress' })
        buffer.push(text)
        size += text.length
        count++
        if (size > 1 << 22) {
          writeSync(fd, buffer.join(''))
          buffer = []
          size = 0
        }
      }
      writeSync(fd, buffer.join(''))
    } finally {
      closeSync(fd)
    }
    return { format: opts.format, count, out: opts.out }
  }
  mkdirSync(opts.out, { recursive: true })
  const species = speciesList(db)
  for (const { id, s } of iterateStructures(db, filter)) {
    let text: string
    if (opts.format === 'poscar') text = formatPoscar(s).text
    else if (opts.format === 'lammps') text = formatLammpsData(s, { species })
    else {
      if (!opts.qe) throw new Error('pw.x export needs pseudopotentials, ecutwfc and a k-point spacing')
      text = formatQeInput(s, { ...opts.qe, prefix: opts.qe.prefix ?? `config${id}` })
    }
    writeFileSync(join(opts.out, perConfigurationName(opts.format, id)), text)
    count++
  }
  return { format: opts.format, count, out: opts.out }
}
