// Acceptance 3 of issue 2: killing the server with SIGKILL during a migration leaves a project
// file that opens, with the migration either fully applied or not at all. The real server opens
// a project at schema 1; a test hook (MTP_STUDIO_TEST_MIGRATION_PAUSE) holds it inside
// migration 2's transaction, or just after its commit, where it is killed.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { Project } from '../../../src-main/projects/project'
import { LATEST_SCHEMA_VERSION } from '../../../src-main/db/migrations/index'
import { tempDir, waitFor } from '../support/temp'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))

async function killDuringMigration(phase: 'inside' | 'committed') {
  const dir = tempDir()
  const path = join(dir, 'p.mtpstudio')
  Project.create(path, 'crash test', { target: 1 }).close()
  const child = spawn(process.execPath, [cli, 'serve', '--open', path], {
    env: { ...process.env, MTP_STUDIO_HOME: join(dir, 'home'), MTP_STUDIO_TEST_MIGRATION_PAUSE: `${phase}:2:60000` },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)))
  await waitFor(() => stderr.includes(`migration 2 ${phase} in ${path}, pausing`), 60_000, `the server to reach migration 2 (${phase}); stderr: ${stderr}`)
  child.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
  // The server had the file open in WAL mode when it died: its -wal file is still there.
  expect(existsSync(`${path}-wal`)).toBe(true)
  return path
}

function inspect(path: string) {
  const db = new Database(path, { readonly: false })
  const integrity = db.pragma('integrity_check', { simple: true })
  const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version)
  const table = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'engine_runs'").get() as { n: number }
  db.close()
  return { integrity, versions, engineRunsTable: table.n === 1 }
}

describe('SIGKILL during a migration', () => {
  it('inside the transaction: the migration is not applied at all, and the next open applies it', async () => {
    const path = await killDuringMigration('inside')
    expect(inspect(path)).toEqual({ integrity: 'ok', versions: [1], engineRunsTable: false })
    const project = Project.open(path)
    expect(project.summary()).toMatchObject({ name: 'crash test', schemaVersion: LATEST_SCHEMA_VERSION })
    project.close()
    expect(inspect(path)).toMatchObject({ integrity: 'ok', engineRunsTable: true })
    expect(inspect(path).versions.slice(0, 2)).toEqual([1, 2])
  })

  it('right after the commit: the migration is fully applied and recorded', async () => {
    const path = await killDuringMigration('committed')
    expect(inspect(path)).toEqual({ integrity: 'ok', versions: [1, 2], engineRunsTable: true })
    const project = Project.open(path)
    expect(project.summary().schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    project.close()
  })
})
