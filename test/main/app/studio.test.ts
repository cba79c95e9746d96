import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import type { EventName } from '../../../src-main/contract/events'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

const fakeEngine = fileURLToPath(new URL('../engine/fixtures/fake-engine.mjs', import.meta.url))
let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

describe('Studio', () => {
  it('forwards engine job state, progress and logs as push events', async () => {
    studio = new Studio({ mode: 'cli', home: tempDir(), example: false, env: { MTP_ENGINE_BIN: fakeEngine } })
    const seen: EventName[] = []
    const done: number[] = []
    studio.events.subscribe((e, payload) => {
      seen.push(e)
      if (e === 'jobs:progress') done.push((payload as { done: number }).done)
    })
    const job = await studio.supervisor.run({ command: 'ok' })
    expect(job.state.status).toBe('succeeded')
    // Throttled: the first update and the completed stage (0 and 3 of 3) get through at once.
    expect(done[0]).toBe(0)
    expect(done[done.length - 1]).toBe(3)
    expect(seen).toContain('jobs:log')
    expect(seen[seen.length - 1]).toBe('jobs:state')
  })

  it('records jobs started for the current project in its engine_runs table', async () => {
    studio = new Studio({ mode: 'cli', home: tempDir(), env: { MTP_ENGINE_BIN: fakeEngine } })
    const [example] = studio.recent.list()
    const project = Project.open(example.path)
    studio.setCurrent(project)
    const done = await studio.startProjectJob({ command: 'ok', label: 'fake work' }).done()
    expect(done.state.status).toBe('succeeded')
    expect(project.db.prepare('SELECT command, label, status, exit_code AS exitCode FROM engine_runs').all()).toEqual([
      { command: 'ok', label: 'fake work', status: 'succeeded', exitCode: 0 },
    ])
    expect(project.summary().counts.engineRuns).toBe(1)
  })

  it('refuses project jobs without an open project', () => {
    studio = new Studio({ mode: 'cli', home: tempDir(), example: false, env: { MTP_ENGINE_BIN: fakeEngine } })
    expect(() => studio!.startProjectJob({ command: 'ok' })).toThrow(/no project is open/)
  })
})
