/**
 * The application core behind both front doors and the CLI: the user's MTP Studio home, the
 * recent list, the current project, the engine supervisor and the push-event bus.
 */
import { join } from 'node:path'
import { AppError } from '../contract/errors.js'
import { isTerminal, type AppInfo } from '../contract/entities.js'
import { saveEngineRun } from '../db/repositories/engine-runs.js'
import { enginePath } from '../engine/locate.js'
import { EngineSupervisor } from '../engine/supervisor.js'
import { studioHome } from '../paths.js'
import { ensureExampleProject } from '../projects/example.js'
import { Project } from '../projects/project.js'
import { RecentProjects } from '../projects/recent.js'
import { loadAppSettings } from './app-settings.js'
import { EventBus } from './event-bus.js'
import { ProgressThrottle } from './progress-throttle.js'

export interface StudioOptions {
  mode: AppInfo['mode']
  home?: string
  env?: NodeJS.ProcessEnv
  /** Create the example project on first start (default true). */
  example?: boolean
  /** SIGTERM → SIGKILL grace period for engine jobs, ms. */
  graceMs?: number
}

export class Studio {
  readonly mode: AppInfo['mode']
  readonly home: string
  readonly env: NodeJS.ProcessEnv
  readonly recent: RecentProjects
  readonly events = new EventBus()
  readonly supervisor: EngineSupervisor
  private current: Project | null = null
  /** Jobs started for the current project are recorded in it (engine_runs). */
  private readonly projectJobs = new Set<string>()

  constructor(opts: StudioOptions) {
    this.mode = opts.mode
    this.env = opts.env ?? process.env
    this.home = opts.home ?? studioHome(this.env)
    this.recent = new RecentProjects(this.home)
    if (opts.example !== false) {
      try {
        ensureExampleProject(this.home, this.recent)
      } catch (e) {
        // The app is still usable without it; the next start tries again.
        console.error(`mtp-studio: could not create the example project: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
    this.supervisor = new EngineSupervisor({
      enginePath: () => this.enginePath(),
      logDir: join(this.home, 'logs', 'jobs'),
      graceMs: opts.graceMs,
      defaultThreads: () => loadAppSettings(this.home).engineThreads,
    })
    const progress = new ProgressThrottle((jobId, p) => this.events.emit('jobs:progress', { jobId, ...p }))
    this.supervisor.subscribe((e) => {
      if (e.type === 'state') {
        if (this.current && this.projectJobs.has(e.job.id)) saveEngineRun(this.current.db, e.job)
        // The last progress goes out before the final state.
        if (isTerminal(e.job.state)) progress.drop(e.job.id)
        this.events.emit('jobs:state', { job: e.job })
      } else if (e.type === 'progress') progress.push(e.jobId, e.progress)
      else this.events.emit('jobs:log', { jobId: e.jobId, level: e.level, message: e.message })
    })
  }

  enginePath(): string {
    return enginePath(this.env)
  }

  get projectsDir(): string {
    return join(this.home, 'projects')
  }

  currentProject(): Project | null {
    return this.current
  }

  requireProject(): Project {
    if (!this.current) throw new AppError('no_project', 'no project is open')
    return this.current
  }

  /** Makes `project` current (closing the previous one) and records it in the recent list. */
  setCurrent(project: Project | null): void {
    if (this.current && this.current !== project) this.current.close()
    this.current = project
    this.projectJobs.clear()
    if (project) this.events.emit('projects:recent', { recent: this.recent.touch(project.path, project.name) })
    this.events.emit('projects:current', { project: project ? project.summary() : null })
  }

  /** Starts an engine job recorded in the current project. */
  startProjectJob(opts: Parameters<EngineSupervisor['start']>[0]) {
    this.requireProject()
    const job = this.supervisor.start(opts)
    this.projectJobs.add(job.id)
    saveEngineRun(this.requireProject().db, job.view())
    return job
  }

  /** Stops every engine process and closes the project. */
  async dispose(): Promise<void> {
    await this.supervisor.shutdown()
    this.current?.close()
    this.current = null
  }
}
