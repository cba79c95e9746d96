/**
 * 'analysis/hull-compare', its cancel, and 'analysis/hull-send-to-dft'. Running comparisons are
 * kept by computeId with their AbortController (cancel aborts it); the last few finished ones are
 * kept, with the project they belong to, so sending to DFT does not evaluate everything again.
 */
import { randomUUID } from 'node:crypto'
import type { Studio } from '../app/studio.js'
import { runHullCompare } from '../analysis/hull-compare-service.js'
import { sendNearHull } from '../analysis/hull-send-to-dft.js'
import { AppError } from '../contract/errors.js'
import type { HullCompareRequest, HullCompareView } from '../contract/hull-compare.js'
import { getDftJob } from '../db/repositories/dft-jobs.js'
import { withWriteLock } from '../db/write-queue.js'
import type { Handlers } from './types.js'

/** Finished comparisons kept for sending to DFT. */
const KEEP_FINISHED = 4

type HullCompareHandlers = Pick<Handlers, 'analysis/hull-compare' | 'analysis/hull-compare-cancel' | 'analysis/hull-send-to-dft'>

export const hullCompareHandlers = (studio: Studio): HullCompareHandlers => {
  const running = new Map<string, AbortController>()
  const finished: { projectPath: string; view: HullCompareView }[] = []

  async function compare(input: HullCompareRequest): Promise<HullCompareView> {
    const project = studio.requireProject()
    const computeId = input.computeId ?? randomUUID()
    if (running.has(computeId)) throw new AppError('invalid_input', `a hull comparison with id ${computeId} is already running`)
    const controller = new AbortController()
    running.set(computeId, controller)
    try {
      const view = await runHullCompare((o) => studio.startProjectJob(o), project.db, { ...input, computeId }, {
        signal: controller.signal,
        onProgress: (p) => studio.events.emit('analysis:hull-compare-progress', p),
      })
      finished.push({ projectPath: project.path, view })
      if (finished.length > KEEP_FINISHED) finished.shift()
      return view
    } catch (e) {
      if (e instanceof AppError) throw e
      throw new AppError('invalid_input', (e as Error).message)
    } finally {
      running.delete(computeId)
    }
  }

  function finishedView(computeId: string): HullCompareView {
    const project = studio.requireProject()
    const kept = finished.find((f) => f.view.computeId === computeId && f.projectPath === project.path)
    if (!kept) throw new AppError('not_found', `no finished hull comparison ${computeId} of this project (run analysis/hull-compare first)`)
    return kept.view
  }

  return {
    'analysis/hull-compare': compare,
    'analysis/hull-compare-cancel': ({ computeId }) => {
      const c = running.get(computeId)
      c?.abort()
      return { cancelled: c !== undefined }
    },
    'analysis/hull-send-to-dft': async (input) => {
      const view = input.compare ? await compare(input.compare) : finishedView(input.computeId!)
      const { db } = studio.requireProject()
      return withWriteLock(db, () => {
        const r = sendNearHull(db, view, input)
        for (const id of r.jobIds) studio.events.emit('dft:job', { job: getDftJob(db, id)! })
        return r
      })
    },
  }
}
