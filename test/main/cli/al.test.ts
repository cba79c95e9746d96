// Acceptance 3 of issue 7: an Ag–Pd campaign with the EAM reference runs from the CLI through the
// project database, converges, and is resumable — killed with SIGKILL in the middle of iterations
// (once while training, once in the reference step) and resumed, it ends with the same
// training-set size and the same potential, byte for byte, as an uninterrupted run with the same seed.
import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { AlCampaignDetail } from '../../../src-main/contract/al'
import { enginePath, isExecutable } from '../../../src-main/engine/locate'
import { isAlive, tempDir, waitFor } from '../support/temp'
import { agpdCandidates, seededProject } from '../al/support'

const cli = fileURLToPath(new URL('../../../bin/mtp-studio.mjs', import.meta.url))
const engine = enginePath()

function mtpStudio(args: string[], home: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, MTP_STUDIO_HOME: home }, encoding: 'utf8', timeout: 240_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const spec = { name: 'Ag–Pd EAM', candidates: { tag: 'candidates' }, reference: { kind: 'eam' }, level: 8, initialSize: 5, seed: 11, threads: 1 }

function newProject(dir: string, name: string): string {
  const p = seededProject(dir, name, agpdCandidates(), 'candidates')
  const path = p.path
  p.close()
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec))
  return path
}

function finalPotential(path: string): { mtp: string; size: number } {
  const db = new Database(path, { readonly: true })
  try {
    const run = db.prepare(`SELECT training_run_id FROM al_iterations WHERE training_run_id IS NOT NULL ORDER BY number DESC LIMIT 1`).pluck().get() as number
    const mtp = db.prepare('SELECT mtp_text FROM potentials WHERE training_run_id = ? ORDER BY id LIMIT 1').pluck().get(run) as string
    const size = db.prepare(`SELECT size FROM training_sets WHERE name LIKE 'AL %' ORDER BY id DESC LIMIT 1`).pluck().get() as number
    return { mtp, size }
  } finally {
    db.close()
  }
}

/** The current iteration and step, read without taking part in the writer's transactions. */
function position(path: string): { number: number; step: string } | undefined {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true })
    try {
      return db.prepare('SELECT number, step FROM al_iterations ORDER BY number DESC LIMIT 1').get() as { number: number; step: string } | undefined
    } finally {
      db.close()
    }
  } catch {
    return undefined
  }
}

describe.skipIf(!isExecutable(engine))('mtp-studio al', () => {
  it('converges from the CLI and, killed twice mid-iteration and resumed, ends with the same potential', async () => {
    const home = tempDir()
    const dirA = tempDir()
    const a = newProject(dirA, 'straight')
    const created = mtpStudio(['al', 'create', '--project', a, '--spec', join(dirA, 'spec.json'), '--json'], home)
    expect(created.code, created.err).toBe(0)
    const id = JSON.parse(created.out).id as number
    const run = mtpStudio(['al', 'run', '--project', a, '--campaign', String(id), '--json'], home)
    expect(run.code, run.err).toBe(0)
    const straight = JSON.parse(run.out) as AlCampaignDetail
    expect(straight.summary.status).toBe('converged')
    const its = straight.iterations
    expect(its[its.length - 1]).toMatchObject({ selected: 0, reliability: 1 })
    const want = finalPotential(a)
    expect(want.size).toBe(straight.summary.trainingSetSize)
    expect(want.size).toBe(its.reduce((n, it) => n + it.selected, 0))

    const dirB = tempDir()
    const b = newProject(dirB, 'killed')
    expect(mtpStudio(['al', 'create', '--project', b, '--spec', join(dirB, 'spec.json')], home).code).toBe(0)
    const kills: { number: number; step: string }[] = []
    for (const target of [{ number: 1, step: 'train' }, { number: 2, step: 'reference' }]) {
      const child = spawn(process.execPath, [cli, 'al', kills.length ? 'resume' : 'run', '--project', b, '--campaign', '1'], { env: { ...process.env, MTP_STUDIO_HOME: home }, stdio: 'ignore' })
      const at = await waitFor(() => {
        const p = position(b)
        return p && p.number === target.number && p.step === target.step ? p : undefined
      }, 120_000, `iteration ${target.number} at ${target.step}`)
      child.kill('SIGKILL')
      await waitFor(() => !isAlive(child.pid!), 10_000, 'the CLI to die')
      kills.push(at)
      const status = JSON.parse(mtpStudio(['al', 'status', '--project', b, '--campaign', '1', '--json'], home).out) as AlCampaignDetail
      // The dead owner is noticed; the campaign resumes at the step it was in.
      expect(status.summary).toMatchObject({ status: 'interrupted', iteration: target.number, step: target.step })
    }
    const resumed = mtpStudio(['al', 'resume', '--project', b, '--campaign', '1', '--json'], home)
    expect(resumed.code, resumed.err).toBe(0)
    const after = JSON.parse(resumed.out) as AlCampaignDetail
    expect(after.summary.status).toBe('converged')
    expect(after.iterations.map((it) => [it.selected, it.trainingSetSize])).toEqual(its.map((it) => [it.selected, it.trainingSetSize]))
    const got = finalPotential(b)
    expect(got.size).toBe(want.size)
    expect(got.mtp).toBe(want.mtp)
  }, 600_000)
})
