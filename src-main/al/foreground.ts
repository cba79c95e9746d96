/**
 * Running a campaign in the foreground of a process without the app (the CLI): a plain engine
 * supervisor with its logs in the campaign folder, the training service on the same project, and
 * the runner. SIGINT/SIGTERM pause the campaign at once (its engine job is cancelled).
 */
import { join } from 'node:path'
import type { AlCampaignStatus, AlStep } from '../contract/al.js'
import { enginePath } from '../engine/locate.js'
import { EngineSupervisor } from '../engine/supervisor.js'
import type { Project } from '../projects/project.js'
import { campaignDir } from './files.js'
import { trainingServiceRetrain } from './retrain.js'
import { runCampaign } from './runner.js'

export interface ForegroundOptions {
  env: NodeJS.ProcessEnv
  /** One line per step change / progress, for people. */
  log?: (line: string) => void
  /** Pause on SIGINT / SIGTERM (default true). */
  handleSignals?: boolean
}

export async function runCampaignHere(project: Project, campaignId: number, o: ForegroundOptions): Promise<AlCampaignStatus> {
  const engine = enginePath(o.env)
  const supervisor = new EngineSupervisor({ enginePath: () => engine, logDir: join(campaignDir(project.path, campaignId), 'logs') })
  const controller = new AbortController()
  const onSignal = () => controller.abort('paused')
  if (o.handleSignals !== false) {
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  }
  const host = { requireProject: () => project, supervisor }
  let lastStep = ''
  const step = (n: number, s: AlStep) => {
    const key = `${n}:${s}`
    if (key !== lastStep) o.log?.(`iteration ${n}: ${s}`)
    lastStep = key
  }
  try {
    return await runCampaign(
      {
        db: project.db,
        projectPath: project.path,
        enginePath: engine,
        env: o.env,
        startJob: (opts) => supervisor.start(opts),
        onJobProgress: (l) => supervisor.subscribe((e) => e.type === 'progress' && l(e.jobId, e.progress)),
        retrain: trainingServiceRetrain(host, controller.signal),
        notify: {
          iteration: (_c, it) => step(it.number, it.step),
          progress: (_c, n, s) => step(n, s),
        },
      },
      campaignId,
      controller.signal,
    )
  } finally {
    if (o.handleSignals !== false) {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
    await supervisor.shutdown()
  }
}
