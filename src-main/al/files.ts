/**
 * Work files of a campaign: <project dir>/<project file name>.runs/al/campaign-<id>/iter-<nnn>/,
 * one file per step output (named by step), so a resumed step finds — or redoes — exactly its own
 * outputs. Configurations go to the engine as lossless .cfg with types in the campaign's element
 * order (MTP species index = position in `elements`), whatever the project's species order.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Db } from '../db/connection.js'
import { readStructure } from '../db/repositories/configuration-store.js'
import { speciesList } from '../db/repositories/species.js'
import { parseCfgText } from '../io/cfg-reader.js'
import { formatCfg } from '../io/cfg-writer.js'
import type { ParsedStructure } from '../io/types.js'

export function campaignDir(projectPath: string, campaignId: number): string {
  return join(dirname(projectPath), `${basename(projectPath)}.runs`, 'al', `campaign-${campaignId}`)
}

export function iterationDir(projectPath: string, campaignId: number, iteration: number): string {
  const dir = join(campaignDir(projectPath, campaignId), `iter-${String(iteration).padStart(3, '0')}`)
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Writes text to `path` through a temporary file, so a killed process never leaves half a file. */
export function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.partial`
  writeFileSync(tmp, text)
  renameSync(tmp, path)
}

/** Removes step outputs before a step is (re)run. */
export function removeFiles(...paths: string[]): void {
  for (const p of paths) rmSync(p, { force: true })
}

/** A stored configuration with types in `elements` order (reference data dropped unless `withData`). */
export function structureFor(db: Db, id: number, elements: readonly string[], species: readonly string[], withData: boolean): ParsedStructure {
  const s = readStructure(db, id, species)
  if (!s) throw new Error(`no configuration ${id}`)
  const foreign = s.species!.find((el) => !elements.includes(el))
  if (foreign) throw new Error(`configuration ${id} contains ${foreign}, which is not one of the campaign's elements ${elements.join(', ')}`)
  const out: ParsedStructure = { ...s, types: null, features: { configuration_id: String(id) } }
  if (!withData) Object.assign(out, { energy: null, energyKind: null, forces: null, virial: null, siteEnergies: null, charges: null })
  return out
}

/** Writes configurations (by id, in the given order) as one lossless .cfg for the engine. */
export function writeConfigurations(db: Db, path: string, ids: readonly number[], elements: readonly string[], withData: boolean): void {
  const species = speciesList(db)
  const text = ids.map((id) => formatCfg(structureFor(db, id, elements, species, withData), { species: elements, lossless: true })).join('')
  writeAtomically(path, text)
}

/** Reads an engine output .cfg (missing or empty file: no configurations), with element symbols. */
export function readConfigurations(path: string, elements: readonly string[]): ParsedStructure[] {
  if (!existsSync(path)) return []
  const text = readFileSync(path, 'utf8')
  return text.trim() ? parseCfgText(text, path, { species: elements }) : []
}

/** The configuration id a structure carries (written by writeConfigurations), or null. */
export function configurationIdOf(s: ParsedStructure): number | null {
  const v = s.features.configuration_id
  return v === undefined ? null : Number(v)
}

/** `MV_grade` feature (the engine caps huge grades as text "9.9e99"). */
export function gradeOf(s: ParsedStructure): number | null {
  const v = s.features.MV_grade
  if (v === undefined) return null
  const g = Number(v)
  return Number.isFinite(g) ? g : Infinity
}
