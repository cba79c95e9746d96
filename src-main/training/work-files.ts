/**
 * Writes a training-set version from the database as the engine's input files — train.cfg and
 * valid.cfg (MLIP .cfg, lossless %.16e numbers, types = index in the potential's species list) —
 * and keeps the reference values for the parity data. Members are read in configuration-id order,
 * a batch at a time, yielding to the event loop between batches so a large set does not freeze
 * the app.
 * Units: energies per atom eV/atom, forces eV/Å, stresses GPa (compressive positive: virial/V).
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { setImmediate as nextTick } from 'node:timers/promises'
import type { Db } from '../db/connection.js'
import { rowToStructure, STORED_COLUMNS, type StoredRow } from '../db/repositories/configuration-store.js'
import { speciesList } from '../db/repositories/species.js'
import { formatCfg } from '../io/cfg-writer.js'
import { cellVolume, EV_PER_A3_IN_GPA } from '../io/units.js'
import { validationMask } from './split.js'

/** A configuration's group for the error table: its config group, else the mlearn group, else 'ungrouped'. */
export const GROUP_SQL = `COALESCE((SELECT name FROM config_groups WHERE id = c.group_id), json_extract(c.features, '$.mlearn_group'), 'ungrouped')`

export interface PreparedSet {
  dir: string
  trainPath: string
  /** null when nothing is held out. */
  validPath: string | null
  configurationIds: Int32Array
  /** 0 = training, 1 = validation. */
  split: Int32Array
  natoms: Int32Array
  forceAtoms: Int32Array
  groups: string[]
  /** Cell volume, Å³ (0 for non-periodic). */
  volumes: Float64Array
  energyRef: Float64Array
  forceRef: Float64Array
  stressRef: Float64Array
}

export interface PrepareOptions {
  trainingSetId: number
  /** Elements of MTP species 0, 1, …. */
  species: readonly string[]
  validationFraction: number
  seed: number
  dir: string
}

class CfgSink {
  private readonly fd: number
  private buffer: string[] = []
  private size = 0
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w')
  }
  write(text: string): void {
    this.buffer.push(text)
    this.size += text.length
    if (this.size > 1 << 22) this.flush()
  }
  flush(): void {
    if (this.buffer.length) writeSync(this.fd, this.buffer.join(''))
    this.buffer = []
    this.size = 0
  }
  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

/** Elements present in a training-set version, in the project's species (type-index) order. */
export function setElements(db: Db, setId: number): string[] {
  const mask = db
    .prepare('SELECT element_mask FROM configurations WHERE id IN (SELECT configuration_id FROM training_set_members WHERE set_id = ?)')
    .pluck()
    .all(setId) as (number | bigint | null)[]
  let all = 0n
  for (const m of mask) all |= BigInt(m ?? 0)
  return speciesList(db).filter((_el, t) => (all >> BigInt(t)) & 1n)
}

export async function prepareTrainingFiles(db: Db, o: PrepareOptions): Promise<PreparedSet> {
  const count = db.prepare('SELECT COUNT(*) FROM training_set_members WHERE set_id = ?').pluck().get(o.trainingSetId) as number
  const held = validationMask(count, o.validationFraction, o.seed)
  const projectSpecies = speciesList(db)
  const typeMap = projectSpecies.map((el) => o.species.indexOf(el))
  const trainPath = join(o.dir, 'train.cfg')
  const validPath = held.some(Boolean) ? join(o.dir, 'valid.cfg') : null
  const sinks = [new CfgSink(trainPath), validPath ? new CfgSink(validPath) : null]
  const p: PreparedSet = {
    dir: o.dir,
    trainPath,
    validPath,
    configurationIds: new Int32Array(count),
    split: new Int32Array(count),
    natoms: new Int32Array(count),
    forceAtoms: new Int32Array(count),
    groups: new Array<string>(count),
    volumes: new Float64Array(count),
    energyRef: new Float64Array(count),
    forceRef: new Float64Array(0),
    stressRef: new Float64Array(6 * count).fill(NaN),
  }
  const forces: number[] = []
  const page = db.prepare(`SELECT ${STORED_COLUMNS.replace(/\b(\w+)\b/g, 'c.$1')}, ${GROUP_SQL} AS group_name
    FROM training_set_members m JOIN configurations c ON c.id = m.configuration_id
    WHERE m.set_id = ? AND m.configuration_id > ? ORDER BY m.configuration_id LIMIT 500`)
  let k = 0
  let after = 0
  try {
    for (;;) {
      const rows = page.all(o.trainingSetId, after) as (StoredRow & { group_name: string })[]
      if (rows.length === 0) break
      for (const r of rows) {
        const s = rowToStructure(r, projectSpecies)
        const types = new Int32Array(s.natoms)
        for (let i = 0; i < s.natoms; i++) {
          const t = typeMap[s.types![i]]
          if (t < 0) throw new Error(`configuration ${r.id} has ${s.species![i]}, which is not among the potential's species [${o.species.join(', ')}]`)
          types[i] = t
        }
        if (s.energy === null) throw new Error(`configuration ${r.id} has no energy`)
        s.types = types
        s.features = {}
        s.siteEnergies = null
        s.charges = null
        p.configurationIds[k] = r.id
        p.split[k] = held[k] ? 1 : 0
        p.natoms[k] = s.natoms
        p.groups[k] = r.group_name
        p.energyRef[k] = s.energy / s.natoms
        const volume = cellVolume(s.cell)
        p.volumes[k] = volume
        if (s.forces) {
          p.forceAtoms[k] = s.natoms
          for (const f of s.forces) forces.push(f)
        }
        if (s.virial && volume > 0) for (let c = 0; c < 6; c++) p.stressRef[6 * k + c] = (s.virial[c] / volume) * EV_PER_A3_IN_GPA
        sinks[held[k] ? 1 : 0]!.write(formatCfg(s, { lossless: true }))
        k++
      }
      after = rows[rows.length - 1].id
      await nextTick()
    }
  } finally {
    for (const sink of sinks) sink?.close()
  }
  if (k !== count) throw new Error(`training set ${o.trainingSetId}: read ${k} of ${count} members`)
  p.forceRef = Float64Array.from(forces)
  return p
}
