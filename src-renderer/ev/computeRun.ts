/**
 * One E–V or elastic computation at a time on the E–V page, with its progress
 * ('analysis:ev-elastic-progress', matched by the computeId chosen here) and its cancel
 * ('analysis/ev-elastic-cancel'). A cancelled computation rejects with a 'cancelled: …' error,
 * which `isCancelled` tells apart from a failure.
 */
import { onBeforeUnmount, ref, shallowRef } from 'vue'
import type { EventPayload } from '../../src-main/contract/events'
import { ApiError, type StudioApi } from '../api'

export type ComputeProgress = EventPayload<'analysis:ev-elastic-progress'>
export type ComputeKind = ComputeProgress['kind']

export const isCancelled = (error: unknown): boolean => error instanceof ApiError && error.code === 'cancelled'

/** "member 2 of 3 · 5 of 9 structures · calc-efs 9 structures (…)" */
export function describeProgress(p: ComputeProgress | null): string {
  if (!p || p.members === 0) return 'starting…'
  if (p.member >= p.members) return 'finishing…'
  const step = p.steps > 1 ? ` · step ${p.step + 1} of ${p.steps}` : ''
  const structures = p.total > 0 ? ` · ${p.done} of ${p.total} structures` : ''
  return `member ${p.member + 1} of ${p.members}${step}${structures} · ${p.message}`
}

export function useComputeRun(api: StudioApi) {
  const running = ref<ComputeKind | null>(null)
  const progress = shallowRef<ComputeProgress | null>(null)
  const cancelling = ref(false)
  let computeId: string | null = null

  const stop = api.on('analysis:ev-elastic-progress', (p) => {
    if (p.computeId === computeId) progress.value = p
  })
  onBeforeUnmount(stop)

  /** Runs `f` with a fresh computeId; resolves with its result, null when it was cancelled. */
  async function run<T>(kind: ComputeKind, f: (computeId: string) => Promise<T>): Promise<T | null> {
    computeId = crypto.randomUUID()
    running.value = kind
    progress.value = null
    cancelling.value = false
    try {
      return await f(computeId)
    } catch (error) {
      if (isCancelled(error)) return null
      throw error
    } finally {
      running.value = null
      progress.value = null
      cancelling.value = false
      computeId = null
    }
  }

  async function cancel(): Promise<void> {
    if (!computeId || cancelling.value) return
    cancelling.value = true
    await api.analysis.evElasticCancel({ computeId })
  }

  return { running, progress, cancelling, run, cancel }
}
