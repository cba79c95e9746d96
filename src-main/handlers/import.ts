/**
 * 'import/files' and 'import/cancel'. Each file is imported in its own transaction through the
 * connection's write queue (db/write-queue.ts): the transaction stays open across the reader's
 * awaits, and no other write may land inside it. A cancel rolls back the file being read; the files
 * before it stay imported and the rest are not started. The import is registered under its
 * importId before it waits for the queue, so an import still waiting can be cancelled too.
 */
import type { Studio } from '../app/studio.js'
import { collectImportFiles } from '../data/collect-files.js'
import { ImportCancelled, importFiles, type ImportManyResult } from '../data/import-file.js'
import { withWriteLock } from '../db/write-queue.js'
import { LiveComputations } from '../engine/cancellable-runner.js'
import type { HandlerGroup } from './types.js'

export function importHandlers(studio: Studio): HandlerGroup<'import'> {
  const imports = new LiveComputations()
  return {
    'import/files': (input) => {
      const { db } = studio.requireProject()
      return imports.run(input.importId, (signal) =>
        withWriteLock(db, async () => {
          const paths = await collectImportFiles(input.paths)
          const result: ImportManyResult = { imported: [], failed: [] }
          let cancelled: { file: string; notStarted: string[] } | undefined
          for (const [fileIndex, path] of paths.entries()) {
            try {
              if (signal.aborted) throw new ImportCancelled(path)
              const r = await importFiles(db, [path], {
                species: input.species,
                format: input.format,
                energy: input.energy,
                extxyz: input.prefix ? { prefix: input.prefix } : undefined,
                expect: { forces: input.expectForces, stress: input.expectStress },
                group: input.group,
                tags: input.tags,
                skipDuplicates: input.skipDuplicates,
                onProgress: (p) => studio.events.emit('import:progress', { ...p, fileIndex, files: paths.length }),
                signal,
              })
              result.imported.push(...r.imported)
              result.failed.push(...r.failed)
            } catch (e) {
              if (!(e instanceof ImportCancelled)) throw e
              cancelled = { file: e.file, notStarted: paths.slice(fileIndex + 1) }
              break
            }
          }
          studio.events.emit('projects:current', { project: studio.requireProject().summary() })
          return { imported: result.imported.map(({ ids: _ids, ...rest }) => rest), failed: result.failed, ...(cancelled ? { cancelled } : {}) }
        }),
      )
    },

    'import/cancel': ({ importId }) => ({ cancelled: imports.cancel(importId) }),
  }
}
