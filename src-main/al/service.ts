/**
 * Campaigns inside the app: create, list, start/resume in the background of the app process,
 * pause, cancel, and the views, with al:* events for the cockpit. The loop itself is al/runner.ts;
 * the CLI drives the same runner in the foreground (cli/commands/al.ts).
 */
import type { Studio } from '../app/studio.js'
import type { AlCampaignSummary, AlSpec } from '../contract/al.js'
import { AppError } from '../contract/errors.js'
import type { Db } from '../db/connection.js'
import { getCampaign, listCampaigns, setCampaignStatus } from '../db/repositories/al-campaigns.js'
import { withWriteLock } from '../db/write-queue.js'
import { createCampaign } from './create.js'
import { markInterruptedCampaigns, ownedElsewhere } from './ownership.js'
import { trainingServiceRetrain } from './retrain.js'
import { runCampaign, type RunnerHost, type StopReason } from './runner.js'
import { campaignDetail, campaignSummary, iterationView, requireCampaign } from './views.js'

interface ActiveRun {
  controller: AbortController
  engineWait: { jobId: string; command: string } | null
  done: Promise<unknown>
}

const RESUMABLE = new Set(['draft', 'paused', 'interrupted', 'failed', 'awaiting_dft'])

export class AlService {
  /** Loops running in this process, per project database and campaign id. */
  private readonly active = new WeakMap<Db, Map<number, ActiveRun>>()

  constructor(private readonly studio: Studio) {}

  private db(): Db {
    return this.studio.requireProject().db
  }

  private runs(db: Db): Map<number, ActiveRun> {
    let m = this.active.get(db)
    if (!m) this.active.set(db, (m = new Map()))
    return m
  }

  private activeIds(db: Db): Set<number> {
    return new Set(this.runs(db).keys())
  }

  private reconcile(db: Db): void {
    markInterruptedCampaigns(db, this.activeIds(db))
  }

  private summary(id: number): AlCampaignSummary {
    return campaignSummary(this.db(), requireCampaign(this.db(), id))
  }

  private emitCampaign(db: Db, id: number): void {
    const c = getCampaign(db, id)
    if (c && db === this.studio.currentProject()?.db) this.studio.events.emit('al:campaign', { campaign: campaignSummary(db, c) })
  }

  create(spec: AlSpec): Promise<AlCampaignSummary> {
    const db = this.db()
    return withWriteLock(db, () => {
      const id = createCampaign(db, spec)
      this.emitCampaign(db, id)
      return this.summary(id)
    })
  }

  list(): AlCampaignSummary[] {
    const db = this.db()
    this.reconcile(db)
    return listCampaigns(db).map((c) => campaignSummary(db, c))
  }

  get(id: number) {
    const db = this.db()
    this.reconcile(db)
    return campaignDetail(db, id, this.runs(db).get(id)?.engineWait ?? null)
  }

  /** Starts or resumes the loop in the background; returns once the campaign is marked running. */
  async start(id: number): Promise<AlCampaignSummary> {
    const project = this.studio.requireProject()
    const db = project.db
    this.reconcile(db)
    const c = requireCampaign(db, id)
    if (this.runs(db).has(id)) return this.summary(id)
    if (ownedElsewhere(c)) throw new AppError('invalid_input', `campaign ${id} is being run by process ${c.ownerPid} on ${c.ownerHost}`)
    if (!RESUMABLE.has(c.status)) throw new AppError('invalid_input', `campaign ${id} is ${c.status}; it cannot be started again`)
    const controller = new AbortController()
    let started!: () => void
    const claimed = new Promise<void>((r) => (started = r))
    const run: ActiveRun = { controller, engineWait: null, done: Promise.resolve() }
    const emit = this.studio.events
    const current = () => this.studio.currentProject()?.db === db
    const host: RunnerHost = {
      db,
      projectPath: project.path,
      enginePath: this.studio.enginePath(),
      env: this.studio.env,
      startJob: (o) => this.studio.startProjectJob(o),
      onJobProgress: (l) => this.studio.supervisor.subscribe((e) => e.type === 'progress' && l(e.jobId, e.progress)),
      retrain: trainingServiceRetrain(this.studio, controller.signal),
      notify: {
        campaign: (cid) => {
          started()
          this.emitCampaign(db, cid)
        },
        iteration: (cid, it) => current() && emit.emit('al:iteration', { campaignId: cid, iteration: iterationView(db, it) }),
        progress: (cid, iteration, step, done, total, message) => current() && emit.emit('al:progress', { campaignId: cid, iteration, step, done, total, message }),
        waiting: (_cid, what) => (run.engineWait = what ? { jobId: what.jobId, command: what.command } : null),
      },
    }
    this.runs(db).set(id, run)
    const loop = runCampaign(host, id, controller.signal)
    run.done = loop
      .catch((e) => {
        console.error(`active-learning campaign ${id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
        return null
      })
      .finally(() => this.runs(db).delete(id))
    // A loop that cannot even take the campaign (no candidates left, say) reports why here.
    await Promise.race([claimed, loop.then(() => undefined)])
    return this.summary(id)
  }

  private async stop(id: number, reason: StopReason): Promise<AlCampaignSummary> {
    const db = this.db()
    const c = requireCampaign(db, id)
    const run = this.runs(db).get(id)
    if (run) {
      // The runner stops at once (its engine job is cancelled) and records the status itself.
      run.controller.abort(reason)
      await run.done
    } else if (c.status === 'converged' || c.status === 'stopped' || (reason === 'paused' && c.status === 'draft')) {
      throw new AppError('invalid_input', `campaign ${id} is ${c.status}`)
    } else {
      // Not running here: another process sees the new status at its next step boundary.
      await withWriteLock(db, () => setCampaignStatus(db, id, reason))
    }
    this.emitCampaign(db, id)
    return this.summary(id)
  }

  pause(id: number): Promise<AlCampaignSummary> {
    return this.stop(id, 'paused')
  }

  cancel(id: number): Promise<AlCampaignSummary> {
    return this.stop(id, 'stopped')
  }
}

const services = new WeakMap<Studio, AlService>()

export function alService(studio: Studio): AlService {
  let s = services.get(studio)
  if (!s) services.set(studio, (s = new AlService(studio)))
  return s
}
