/**
 * A project: one SQLite file (WAL). Creating runs every migration; opening runs the pending ones
 * (refusing files from a newer app) and marks engine runs cut off by a crash as interrupted.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { ProjectSummary } from '../contract/entities.js'
import { createDatabase, openDatabase, type Db } from '../db/connection.js'
import { migrate, schemaVersion, type MigrateOptions } from '../db/migrate.js'
import { migrations } from '../db/migrations/index.js'
import { countConfigurations } from '../db/repositories/configurations.js'
import { projectDataCounts } from '../db/repositories/project-counts.js'
import { countEngineRuns, markInterruptedRuns } from '../db/repositories/engine-runs.js'
import { campaignsOwnedElsewhere } from '../al/ownership.js'
import { getSetting, setSetting } from '../db/repositories/settings.js'
import { speciesList } from '../db/repositories/species.js'
import { migrationHooksFromEnv } from '../db/test-hooks.js'
import { appVersion } from '../paths.js'
import { markInterruptedDftJobs } from '../dft/interrupted-jobs.js'

export class Project {
  private constructor(
    readonly path: string,
    readonly db: Db,
  ) {}

  static create(path: string, name: string, options: MigrateOptions = {}): Project {
    const abs = resolve(path)
    mkdirSync(dirname(abs), { recursive: true })
    const db = createDatabase(abs)
    try {
      migrate(db, migrations, options)
      db.transaction(() => {
        setSetting(db, 'name', name)
        setSetting(db, 'created_at', new Date().toISOString())
        setSetting(db, 'created_by', `mtp-studio ${appVersion()}`)
      })()
    } catch (e) {
      db.close()
      throw e
    }
    return new Project(abs, db)
  }

  static open(path: string, options: MigrateOptions = {}): Project {
    const abs = resolve(path)
    const db = openDatabase(abs)
    try {
      migrate(db, migrations, { hooks: migrationHooksFromEnv(abs), ...options })
      if (schemaVersion(db) >= 2) markInterruptedRuns(db)
      // Opening a project (`mtp-studio al status`, say) must not cut off the DFT jobs another live
      // process runs: its own (runner columns of migration 7) or its campaign's (migration 5).
      if (schemaVersion(db) >= 7) markInterruptedDftJobs(db, campaignsOwnedElsewhere(db))
    } catch (e) {
      db.close()
      throw e
    }
    return new Project(abs, db)
  }

  get name(): string {
    return getSetting<string>(this.db, 'name') ?? 'Untitled'
  }

  summary(): ProjectSummary {
    const version = schemaVersion(this.db)
    const species = speciesList(this.db)
    return {
      path: this.path,
      name: this.name,
      schemaVersion: version,
      createdAt: getSetting<string>(this.db, 'created_at') ?? '',
      species,
      counts: {
        configurations: countConfigurations(this.db),
        species: species.length,
        engineRuns: version >= 2 ? countEngineRuns(this.db) : 0,
        ...(version >= 3 ? projectDataCounts(this.db) : { quarantined: 0, trainingSets: 0, potentials: 0, dftJobs: 0 }),
      },
    }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
