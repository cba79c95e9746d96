import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../src-main/db/migrate'
import { migrations } from '../../../../src-main/db/migrations/index'
import { getCampaign, listIterations, setCampaignStatus } from '../../../../src-main/db/repositories/al-campaigns'

describe('migration 5 (active-learning campaigns)', () => {
  it('rebuilds the campaign tables keeping their rows; a campaign left running becomes interrupted', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations, { target: 4 })
    const t = '2026-11-21T00:00:00.000Z'
    db.prepare(`INSERT INTO al_campaigns (id, name, settings, status, created_at, updated_at) VALUES (1, 'old', '{"name":"old"}', 'running', ?, ?)`).run(t, t)
    db.prepare(`INSERT INTO al_campaigns (id, name, settings, status, created_at, updated_at) VALUES (2, 'done', '{"name":"done"}', 'converged', ?, ?)`).run(t, t)
    db.prepare(`INSERT INTO al_iterations (campaign_id, number, step, status, candidates, selected, state, started_at) VALUES (1, 0, 'select', 'running', 3, 2, '{"a":1}', ?)`).run(t)
    expect(migrate(db, migrations, { target: 5 })).toEqual([5])

    expect(getCampaign(db, 1)).toMatchObject({ name: 'old', status: 'interrupted', error: null, ownerPid: null })
    expect(getCampaign(db, 2)?.status).toBe('converged')
    expect(listIterations(db, 1)).toMatchObject([{ number: 0, step: 'select', status: 'running', explored: 3, selected: 2, state: { a: 1 }, metrics: {} }])
    // The new statuses are allowed, unknown ones are not; iterations still go with their campaign.
    setCampaignStatus(db, 1, 'awaiting_dft')
    expect(getCampaign(db, 1)?.status).toBe('awaiting_dft')
    expect(() => db.prepare(`UPDATE al_campaigns SET status = 'bogus' WHERE id = 1`).run()).toThrow(/CHECK/)
    db.prepare('DELETE FROM al_campaigns WHERE id = 1').run()
    expect(listIterations(db, 1)).toEqual([])
    expect(db.prepare(`SELECT COUNT(*) FROM sqlite_temp_master`).pluck().get()).toBe(0)
  })
})
