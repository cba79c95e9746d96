// An Ag–Pd campaign with the built-in EAM as the reference, through the app's handlers (the
// cockpit's path): it converges, the metrics are consistent with the database (DFT jobs, training-set
// versions, relaxations, grades), the potential's error on the EAM-relaxed candidates falls to ~meV/atom
// and its own relaxations end at the EAM's energies,
// and the γ-slider preview reproduces the exploration's own counts.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Studio } from '../../../src-main/app/studio'
import type { AlCampaignDetail, AlCampaignSummary } from '../../../src-main/contract/al'
import { studioDispatch } from '../support/dispatch'
import { ConfigurationWriter } from '../../../src-main/db/repositories/configuration-store'
import { listDftJobs } from '../../../src-main/db/repositories/dft-jobs'
import { tagConfigurations } from '../../../src-main/db/repositories/tags'
import { trainingSetMembers } from '../../../src-main/db/repositories/training-sets'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { parseCfgText } from '../../../src-main/io/cfg-reader'
import { formatCfgFile } from '../../../src-main/io/cfg-writer'
import type { ParsedStructure } from '../../../src-main/io/types'
import { tempDir, waitFor } from '../support/temp'
import { agpdCandidates, seededProject } from './support'

const engine = enginePath()

/** The candidates relaxed with the engine's EAM (Zhou 2004 Ag–Pd) and labelled by it: the answers the loop should learn. */
function eamRelaxed(dir: string, structures: ParsedStructure[]): ParsedStructure[] {
  const input = join(dir, 'eam-in.cfg')
  writeFileSync(input, formatCfgFile(structures, { species: ['Ag', 'Pd'], lossless: true }))
  const run = (args: string[]) => {
    const r = spawnSync(engine, [...args, '--threads', '1'], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
  }
  run(['relax', input, '--relaxed', join(dir, 'eam-relaxed.cfg'), '--eam-elements', 'Ag,Pd', '--force-tol', '1e-3', '--stress-tol', '1e-2'])
  run(['reference', 'eam', '--elements', 'Ag,Pd', '--lossless', join(dir, 'eam-relaxed.cfg'), join(dir, 'valid.cfg')])
  return parseCfgText(readFileSync(join(dir, 'valid.cfg'), 'utf8'), 'valid.cfg', { species: ['Ag', 'Pd'] })
}

let studio: Studio | null = null
afterEach(async () => {
  await studio?.dispose()
  studio = null
})

describe.skipIf(!isExecutable(engine))('active-learning campaign with the EAM reference (app handlers)', () => {
  it('converges, records every step, and the potential learns the EAM', async () => {
    const dir = tempDir()
    const project = seededProject(dir, 'agpd', agpdCandidates(), 'candidates')
    const writer = new ConfigurationWriter(project.db)
    const valid = eamRelaxed(dir, agpdCandidates())
    expect(valid).toHaveLength(14)
    const validIds = project.db.transaction(() => valid.map((s) => writer.add(s)))()
    tagConfigurations(project.db, 'valid', validIds)
    const path = project.path
    project.close()

    studio = new Studio({ mode: 'browser', home: tempDir(), example: false })
    const { dispatch: call, call: ok } = studioDispatch(studio)
    await ok('projects/open', { path })
    const events: string[] = []
    let last: AlCampaignSummary | null = null
    studio.events.subscribe((event, payload) => {
      if (event.startsWith('al:')) events.push(event)
      if (event === 'al:campaign') last = (payload as { campaign: AlCampaignSummary }).campaign
    })

    const bad = await call('al/create', { name: 'x', candidates: { tag: 'nothing' }, reference: { kind: 'eam' } })
    expect(bad.ok).toBe(false)
    const created = await ok<AlCampaignSummary>('al/create', {
      name: 'Ag–Pd EAM',
      candidates: { tag: 'candidates' },
      reference: { kind: 'eam' },
      level: 8,
      initialSize: 6,
      validation: { tag: 'valid' },
      threads: 1,
      seed: 7,
    })
    expect(created).toMatchObject({ status: 'draft', referenceKind: 'eam', level: 8, gammaSelect: 2, gammaBreak: 10 })
    const started = await ok<AlCampaignSummary>('al/start', { id: created.id })
    expect(started.status).toBe('running')
    await waitFor(() => last !== null && (last as AlCampaignSummary).status !== 'running', 240_000, 'the campaign to stop')
    const d = await ok<AlCampaignDetail>('al/get', { id: created.id })
    expect(d.summary.error).toBeNull()
    expect(d.summary.status).toBe('converged')
    expect(events).toContain('al:iteration')
    expect(events).toContain('al:progress')

    const its = d.iterations
    const first = its[0]
    const final = its[its.length - 1]
    expect(first).toMatchObject({ number: 0, selected: 6, trainingSetSize: 6, status: 'done' })
    expect(final).toMatchObject({ selected: 0, step: 'done', preselected: 0, reliability: 1, breaks: 0 })
    expect(its.length).toBeGreaterThan(2)
    // Each iteration's training set = the previous one + what it selected (every EAM job imported).
    for (let k = 1; k < its.length - 1; k++) {
      expect(its[k].selected).toBeGreaterThan(0)
      expect(its[k].trainingSetSize).toBe(its[k - 1].trainingSetSize! + its[k].selected)
      expect(its[k].dft).toMatchObject({ total: its[k].selected, imported: its[k].selected, failed: 0, quarantined: 0 })
      expect(its[k].explored).toBe(14)
      expect(its[k].reliability).toBeCloseTo((14 - its[k].breaks) / 14, 12)
    }
    expect(its[1].reliability!).toBeLessThan(1)
    expect(d.summary.trainingSetSize).toBe(its[its.length - 2].trainingSetSize)

    const db = studio.requireProject().db
    const jobs = listDftJobs(db).filter((j) => j.batch.startsWith(`al${created.id}-`))
    expect(jobs.every((j) => j.code === 'eam' && j.state === 'imported')).toBe(true)
    const members = trainingSetMembers(db, final.trainingSetId!).map((m) => m.configurationId)
    expect(members).toEqual(jobs.map((j) => j.resultConfigurationId).sort((a, b) => a! - b!))
    // Relaxation outcomes per candidate and explored iteration.
    expect(db.prepare('SELECT COUNT(*) FROM relaxations WHERE campaign = ?').pluck().get(`al:${created.id}`)).toBe(14 * (its.length - 1))

    // Errors of every trained potential on the EAM-relaxed candidates: from hundreds of meV/atom
    // (6 configurations) to a few meV/atom at most.
    const val = its.filter((it) => it.validation).map((it) => it.validation!.energyRmseMeV)
    expect(val.length).toBe(its.length - 1)
    expect(val[0]).toBeGreaterThan(50)
    expect(val[val.length - 1]).toBeLessThan(2)
    // The last exploration's MTP relaxations end where the EAM's do (energy per atom).
    const relaxed = db
      .prepare(`SELECT r.energy / c.natoms AS e FROM relaxations r JOIN configurations c ON c.id = r.start_configuration_id WHERE r.al_iteration_id = (SELECT id FROM al_iterations WHERE campaign_id = ? AND number = ?) AND r.status = 'relaxed' ORDER BY r.start_configuration_id`)
      .pluck()
      .all(created.id, final.number) as number[]
    expect(relaxed).toHaveLength(14)
    const diffs = relaxed.map((e, k) => (e - valid[k].energy! / valid[k].natoms) * 1000)
    expect(Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / diffs.length)).toBeLessThan(2)

    // The preview at the campaign's own thresholds gives the exploration's counts.
    const p = await ok<{ structuresAboveBreak: number; preselected: number; exact: boolean; explored: number }>('al/grade-preview', { id: created.id, gammaSelect: 2, gammaBreak: 10, iteration: 1 })
    expect(p).toMatchObject({ structuresAboveBreak: its[1].breaks, preselected: its[1].preselected, exact: true, explored: 14 })
    const looser = await ok<{ structuresAboveSelect: number; preselected: number }>('al/grade-preview', { id: created.id, gammaSelect: 50, gammaBreak: 100, iteration: 1 })
    expect(looser.preselected).toBeLessThanOrEqual(p.preselected)
    const g = await ok<{ grades: number[]; natoms: number[] }>('al/grades', { id: created.id, iteration: 1 })
    expect(g.grades).toHaveLength(14)
    expect(g.natoms.reduce((a, b) => a + b, 0)).toBe(agpdCandidates().reduce((a, s) => a + s.natoms, 0))
    expect((await call('al/start', { id: created.id })).ok).toBe(false)
  }, 300_000)
})
