import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { isTerminal, type JobView } from '../../src-main/contract'
import { useStudioApi } from '../api'
import { useMessagesStore } from './messages'

/** Engine jobs of this session, kept current by the core's `jobs:*` push events. */
export const useJobsStore = defineStore('jobs', () => {
  const api = useStudioApi()
  const messages = useMessagesStore()
  const jobs = ref<JobView[]>([])
  const active = computed(() => jobs.value.filter((j) => !isTerminal(j.state)))
  let started = false

  function upsert(job: JobView): void {
    const i = jobs.value.findIndex((j) => j.id === job.id)
    if (i === -1) jobs.value = [job, ...jobs.value]
    else jobs.value = jobs.value.map((j, k) => (k === i ? job : j))
    if (job.state.status === 'failed') messages.reportError(`${job.label} failed`, job.state.error)
  }

  function start(): void {
    if (started) return
    started = true
    api.on('jobs:state', ({ job }) => upsert(job))
    api.on('jobs:progress', ({ jobId, stage, done, total, extra }) => {
      jobs.value = jobs.value.map((j) =>
        j.id === jobId && j.state.status === 'running' ? { ...j, state: { ...j.state, progress: { stage, done, total, extra } } } : j,
      )
    })
    api.jobs
      .list()
      .then((list) => (jobs.value = list))
      .catch((error: unknown) => messages.reportError('Could not list engine jobs', error))
  }

  async function cancel(id: string): Promise<void> {
    try {
      upsert(await api.jobs.cancel({ id }))
    } catch (error) {
      messages.reportError('Could not cancel the job', error)
    }
  }

  async function logTail(id: string): Promise<{ text: string; truncated: boolean } | null> {
    try {
      return await api.jobs.log({ id, maxBytes: 16_384 })
    } catch (error) {
      messages.reportError('Could not read the job log', error)
      return null
    }
  }

  return { jobs, active, start, cancel, logTail }
})
