// Acceptance 4 of issue 6: SIGKILL in the middle of an import leaves a project that opens with
// all or none of each file. The real CLI imports two files; a test hook
// (MTP_STUDIO_TEST_IMPORT_PAUSE) holds it after 50 frames of the second one, inside that file's
// transaction, where it is killed. The first file (23 frames, committed) must be there in full,
// the second (194 frames) not at all; a re-import then completes.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../../src-main/data/import-file'
import { Project } from '../../../src-main/projects/project'
import { tempDir, waitFor } from '../support/temp'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))
const MLEARN = fileURLToPath(new URL('../../../../shared/data/mlearn/', import.meta.url))

describe('SIGKILL during an import', () => {
  it('keeps every committed file whole and no frame of the file being imported', async () => {
    const dir = tempDir()
    const path = join(dir, 'crash.mtpstudio')
    Project.create(path, 'crash').close()
    const first = join(MLEARN, 'Mo', 'test.json')
    const second = join(MLEARN, 'Mo', 'training.json')
    const child = spawn(process.execPath, [cli, 'import', '--project', path, '--json', first, second], {
      env: { ...process.env, MTP_STUDIO_HOME: join(dir, 'home'), MTP_STUDIO_TEST_IMPORT_PAUSE: '50:60000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)))
    await waitFor(() => stderr.includes(`import of ${second} paused after 50 frames`), 60_000, `the import to reach frame 50; stderr: ${stderr}`)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    expect(existsSync(`${path}-wal`)).toBe(true)

    const project = Project.open(path)
    try {
      const db = project.db
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.prepare('SELECT path, frames FROM import_sources').all()).toEqual([{ path: first, frames: 23 }])
      expect(db.prepare('SELECT COUNT(*) FROM configurations').pluck().get()).toBe(23)
      expect(db.prepare('SELECT COUNT(*) FROM configurations WHERE source_file = ?').pluck().get(second)).toBe(0)
      const again = await importFile(db, second)
      expect(again.stored).toBe(194)
      expect(project.summary().counts.configurations).toBe(23 + 194)
    } finally {
      project.close()
    }
  })
})
