import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

export type MessageLevel = 'error' | 'warning' | 'info' | 'success'

export interface Message {
  id: number
  level: MessageLevel
  /** One line for the snackbar, e.g. "Could not open project". */
  text: string
  /** The core's explanation: file, line and field when it names them. */
  detail?: string
  at: Date
  read: boolean
}

/** How many messages are kept; older ones are dropped so a long session does not grow without bound. */
const historyLimit = 200

/** The one place errors and notices go; the snackbar shows the newest, the panel keeps a history. */
export const useMessagesStore = defineStore('messages', () => {
  const messages = ref<Message[]>([])
  let nextId = 1

  const unreadCount = computed(() => messages.value.filter((m) => !m.read).length)
  const latest = computed<Message | undefined>(() => messages.value[0])

  function push(level: MessageLevel, text: string, detail?: string): Message {
    const message: Message = { id: nextId++, level, text, detail, at: new Date(), read: false }
    messages.value = [message, ...messages.value].slice(0, historyLimit)
    return message
  }

  /** Reports a failure; `error` may be anything thrown (Error, the core's error object, a string). */
  function reportError(text: string, error?: unknown): Message {
    return push('error', text, error === undefined ? undefined : describeError(error))
  }

  function markAllRead(): void {
    for (const m of messages.value) m.read = true
  }

  function dismiss(id: number): void {
    messages.value = messages.value.filter((m) => m.id !== id)
  }

  function clear(): void {
    messages.value = []
  }

  return { messages, unreadCount, latest, push, reportError, markAllRead, dismiss, clear }
})

/** A readable one-line description of a thrown value, keeping file/line/field when present. */
export function describeError(error: unknown): string {
  if (typeof error === 'string') return error
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; file?: unknown; line?: unknown; field?: unknown }
    const parts: string[] = []
    if (typeof e.message === 'string') parts.push(e.message)
    const where: string[] = []
    if (typeof e.file === 'string') where.push(typeof e.line === 'number' ? `${e.file}:${e.line}` : e.file)
    if (typeof e.field === 'string') where.push(`field ${e.field}`)
    if (where.length > 0) parts.push(`(${where.join(', ')})`)
    if (parts.length > 0) return parts.join(' ')
  }
  return String(error)
}
