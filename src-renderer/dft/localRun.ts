/**
 * Local runs of DFT jobs as the jobs page sees them: the run this page started (its runId, so it
 * can be cancelled while 'dft/run' is pending) and any other run whose 'dft:run-progress' events
 * still arrive (a run started before the page was opened), with per-job seconds and SCF counts.
 */
import { computed, onBeforeUnmount, ref, shallowRef } from 'vue'
import type { EventPayload } from '../../src-main/contract/events'
import type { RequestOutput } from '../../src-main/contract'
import type { StudioApi } from '../api'

export type RunProgress = EventPayload<'dft:run-progress'>
export type JobOutcome = RequestOutput<'dft/run'>[number]
export type LiveJob = RunProgress['running'][number]

/** A run counts as live while its progress (sent about every second) is this recent, ms. */
const LIVE_MS = 2500
const INTERRUPTED = /^interrupted/

/** What a run's reply says, in words: imported, quarantined, failed, stopped by a cancel, not started. */
export function summariseOutcomes(outcomes: readonly JobOutcome[], requested: number, cancelled: boolean): { level: 'success' | 'warning' | 'info'; text: string } {
  const stopped = outcomes.filter((o) => o.state === 'failed' && INTERRUPTED.test(o.error ?? '')).length
  const failed = outcomes.filter((o) => o.state === 'failed').length - stopped
  const imported = outcomes.length - failed - stopped
  const held = outcomes.filter((o) => o.quarantineReason).length
  const parts = [`${imported} job(s) imported${held ? `, ${held} in quarantine` : ''}`]
  if (failed) parts.push(`${failed} failed`)
  if (cancelled) {
    parts.push(`${stopped} stopped (can be run again)`, `${requested - outcomes.length} not started (still exported)`)
    return { level: 'info', text: `Run cancelled: ${parts.join(', ')}` }
  }
  return { level: failed ? 'warning' : 'success', text: parts.join(', ') }
}

export function useLocalRun(api: StudioApi) {
  const ownRunId = ref<string | null>(null)
  const cancelling = ref(false)
  const latest = shallowRef<RunProgress | null>(null)
  const receivedAt = ref(0)
  const now = ref(Date.now())
  const clock = setInterval(() => (now.value = Date.now()), 1000)
  const stop = api.on('dft:run-progress', (p) => {
    if (ownRunId.value && p.runId !== ownRunId.value) return
    latest.value = p
    receivedAt.value = Date.now()
  })
  onBeforeUnmount(() => {
    clearInterval(clock)
    stop()
  })

  const active = computed(() => ownRunId.value !== null || (latest.value !== null && now.value - receivedAt.value < LIVE_MS))
  const progress = computed(() => (active.value ? latest.value : null))
  /** Running jobs by id, for the jobs table. */
  const live = computed(() => new Map((progress.value?.running ?? []).map((r) => [r.jobId, r])))

  /** Runs the jobs; resolves with the outcomes and whether the run was cancelled. */
  async function run(jobIds: number[], concurrency: number): Promise<{ outcomes: JobOutcome[]; cancelled: boolean }> {
    ownRunId.value = crypto.randomUUID()
    latest.value = null
    cancelling.value = false
    try {
      const outcomes = await api.dft.run({ jobIds, concurrency, runId: ownRunId.value })
      return { outcomes, cancelled: cancelling.value }
    } finally {
      ownRunId.value = null
      latest.value = null
      cancelling.value = false
    }
  }

  async function cancel(): Promise<void> {
    const runId = ownRunId.value ?? latest.value?.runId
    if (!runId || cancelling.value) return
    cancelling.value = true
    await api.dft.runCancel({ runId })
  }

  return { ownRunId, cancelling, active, progress, live, run, cancel }
}
