import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Studio } from '../app/studio.js'
import { AppError } from '../contract/errors.js'
import { addPotential } from '../db/repositories/potentials.js'
import { speciesList } from '../db/repositories/species.js'
import { engineRunner } from '../engine/run-result.js'
import { importMtpFiles, listPotentials, readMtpFile, storedSummary } from '../potentials/catalog.js'
import { levelOfBasisCount, writeUntrained } from '../potentials/level-table.js'
import { levelsReport } from '../potentials/levels-report.js'
import { parseMtpHeader } from '../potentials/mtp-header.js'
import type { HandlerGroup } from './types.js'

export const potentialHandlers = (studio: Studio): HandlerGroup<'potentials'> => {
  const run = engineRunner((o) => studio.supervisor.start(o))
  return {
    'potentials/list': () => listPotentials(studio.requireProject().db),

    'potentials/levels': ({ species, radialBasisSize, maxDist, measureCost }) => {
      const db = studio.requireProject().db
      const elements = species ?? speciesList(db)
      if (elements.length === 0) throw new AppError('invalid_input', 'choose the species (the project has no structures yet)')
      return levelsReport(run, db, { species: elements, radialBasisSize, maxDist, measureCost })
    },

    'potentials/create-untrained': async ({ name, level, species, radialBasisSize, minDist, maxDist }) => {
      const db = studio.requireProject().db
      const dir = mkdtempSync(join(tmpdir(), 'mtp-studio-untrained-'))
      try {
        const { text, counts } = await writeUntrained(run, { level, speciesCount: species.length, radialBasisSize, minDist, maxDist }, dir)
        const id = addPotential(db, {
          name: name ?? `untrained level ${level} ${species.join('')}`,
          mtpText: text,
          level,
          species,
          minDist,
          maxDist,
          radialBasisSize,
          radialFuncsCount: counts.radialFuncsCount,
        })
        return storedSummary(db, id)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },

    'potentials/import': async ({ paths, species, ensemble }) => {
      const db = studio.requireProject().db
      const files = []
      for (const path of paths) {
        const text = readMtpFile(path)
        let header
        try {
          header = parseMtpHeader(text, path)
        } catch (e) {
          throw new AppError('invalid_input', (e as Error).message)
        }
        files.push({ path, text, level: await levelOfBasisCount(run, header.basisFunctions) })
      }
      return importMtpFiles(db, files, species, ensemble).map((id) => storedSummary(db, id))
    },
  }
}
