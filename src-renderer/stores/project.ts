import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo, EngineInfo, ProjectSummary, RecentProject } from '../../src-main/contract'
import { useStudioApi } from '../api'
import { useMessagesStore } from './messages'

/**
 * The open project, the recent list and what the app knows about itself. Mirrors the core: every
 * change arrives as a `projects:*` push event, so the store stays right when another window or the
 * CLI changes the project too.
 */
export const useProjectStore = defineStore('project', () => {
  const messages = useMessagesStore()
  const api = useStudioApi()

  const current = ref<ProjectSummary | null>(null)
  const recent = ref<RecentProject[]>([])
  const appInfo = ref<AppInfo | null>(null)
  const engine = ref<EngineInfo | null>(null)
  /** False until the first replies arrive, and after a request fails for lack of a connection. */
  const connected = ref(false)
  const loading = ref(false)
  /** Path of the project being opened or created, for per-item progress in lists. */
  const pending = ref<string | null>(null)

  let started = false

  async function refresh(): Promise<void> {
    loading.value = true
    try {
      const [info, recentList, open] = await Promise.all([api.app.info(), api.projects.recent(), api.projects.current()])
      appInfo.value = info
      recent.value = recentList
      current.value = open
      connected.value = true
    } catch (error) {
      connected.value = false
      messages.reportError('Could not reach the MTP Studio core', error)
    } finally {
      loading.value = false
    }
    // The engine check spawns the native binary; it must not hold up the project list.
    api.engine
      .info()
      .then((info) => (engine.value = info))
      .catch((error: unknown) => messages.reportError('Could not query the engine', error))
  }

  function start(): void {
    if (started) return
    started = true
    api.on('projects:current', ({ project }) => (current.value = project))
    api.on('projects:recent', ({ recent: list }) => (recent.value = list))
    void refresh()
  }

  async function run<T>(what: string, key: string, action: () => Promise<T>): Promise<T | null> {
    pending.value = key
    try {
      return await action()
    } catch (error) {
      messages.reportError(what, error)
      return null
    } finally {
      pending.value = null
    }
  }

  async function open(path: string): Promise<boolean> {
    const project = await run(`Could not open ${path}`, path, () => api.projects.open({ path }))
    if (!project) return false
    current.value = project
    recent.value = await api.projects.recent()
    return true
  }

  async function create(input: { name: string; directory?: string }): Promise<boolean> {
    const project = await run(`Could not create project “${input.name}”`, input.name, () => api.projects.create(input))
    if (!project) return false
    current.value = project
    messages.push('success', `Created ${project.name}`, project.path)
    recent.value = await api.projects.recent()
    return true
  }

  async function close(): Promise<void> {
    const result = await run('Could not close the project', current.value?.path ?? '', () => api.projects.close())
    if (result) current.value = null
  }

  async function forget(path: string): Promise<void> {
    const list = await run(`Could not remove ${path} from the list`, path, () => api.projects.forget({ path }))
    if (list) recent.value = list
  }

  return { current, recent, appInfo, engine, connected, loading, pending, start, refresh, open, create, close, forget }
})
