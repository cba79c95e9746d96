/**
 * The columnar 'analysis/hull' reply (and the sources fetched beside it) agrees entry by entry with
 * the object form the CLI prints (computeHull on the same project); columns decode to exactly the
 * stated lengths.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { computeHull } from '../../../src-main/analysis/hull'
import { hullEntriesFromProject } from '../../../src-main/analysis/hull-input'
import { configurationSources, projectHullColumns } from '../../../src-main/analysis/hull-reply'
import { hullColumnsResult } from '../../../src-main/contract/analysis'
import { decodeColumn } from '../../../src-main/contract/columns'
import { importFile } from '../../../src-main/data/import-file'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

const CUAGAU = fileURLToPath(new URL('../../../../shared/data/pyclupan_CuAgAu/CuAgAu_pyclupan_DFT.extxyz', import.meta.url))

describe('projectHullColumns', () => {
  it('matches computeHull on the Cu–Ag–Au set for the ternary and a binary', async () => {
    const project = Project.create(join(tempDir(), 'cuagau.mtpstudio'), 'Cu–Ag–Au')
    try {
      await importFile(project.db, CUAGAU)
      for (const elements of [['Cu', 'Ag', 'Au'], ['Ag', 'Au']]) {
        const reply = hullColumnsResult.parse(projectHullColumns(project.db, { elements }))
        const objects = computeHull(hullEntriesFromProject(project.db), { elements })
        const n = elements.length
        expect(reply.rows).toBe(objects.entries.length)
        const c = reply.columns
        const id = decodeColumn(c.id, 'i32', reply.rows)
        const ef = decodeColumn(c.formationEnergyMeV, 'f64', reply.rows)
        const eah = decodeColumn(c.eAboveHullMeV, 'f64', reply.rows)
        const stable = decodeColumn(c.stable, 'u8', reply.rows)
        const formula = decodeColumn(c.formula, 'i32', reply.rows)
        const sources = configurationSources(project.db, Array.from(id))
        objects.entries.forEach((e, r) => {
          expect(id[r]).toBe(e.id)
          expect(reply.formulaFractions[formula[r]]).toEqual(e.composition)
          expect(reply.formulaFractions[formula[r]]).toHaveLength(n)
          expect(ef[r]).toBe(e.formationEnergyMeV)
          expect(eah[r]).toBe(e.eAboveHullMeV)
          expect(stable[r] === 1).toBe(e.stable)
          expect(reply.formulas[formula[r]]).toBe(e.formula)
          expect(reply.formulaAtoms[formula[r]]).toBe(e.natoms)
          expect(sources[r]).toEqual({ id: e.id, ...e.source })
        })
        expect(reply.stable).toEqual(objects.stable)
        expect(reply.vertices).toEqual(objects.vertices)
        expect(reply.facets).toEqual(objects.facets)
        expect(reply.references).toEqual(objects.references)
        expect(reply.skipped).toBe(objects.skipped)
        expect(sources).toHaveLength(reply.rows)
      }
      // Sources come back in the order asked; unknown ids are left out.
      expect(configurationSources(project.db, [5, 999_999, 2]).map((s) => s.id)).toEqual([5, 2])
      expect(() => decodeColumn(hullColumnsResult.parse(projectHullColumns(project.db)).columns.id, 'i32', 5)).toThrow(/5 values has \d+ bytes/)
    } finally {
      project.close()
    }
  }, 120_000)
})
