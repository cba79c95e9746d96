import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { describeError, useMessagesStore } from '../../../src-renderer/stores/messages'

describe('messages store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('keeps the newest message first and counts unread ones', () => {
    const store = useMessagesStore()
    store.push('info', 'first')
    store.reportError('Could not open project', new Error('file is not a database'))
    expect(store.latest?.text).toBe('Could not open project')
    expect(store.latest?.detail).toBe('file is not a database')
    expect(store.unreadCount).toBe(2)
    store.markAllRead()
    expect(store.unreadCount).toBe(0)
    store.dismiss(store.messages[1].id)
    expect(store.messages.map((m) => m.text)).toEqual(['Could not open project'])
  })

  it('keeps at most 200 messages', () => {
    const store = useMessagesStore()
    for (let i = 0; i < 250; i++) store.push('info', `m${i}`)
    expect(store.messages).toHaveLength(200)
    expect(store.messages[0].text).toBe('m249')
  })
})

describe('describeError', () => {
  it('names file, line and field when the core gives them', () => {
    expect(describeError({ message: 'bad energy', file: 'train.cfg', line: 12, field: 'Energy' })).toBe(
      'bad energy (train.cfg:12, field Energy)',
    )
    expect(describeError('plain')).toBe('plain')
    expect(describeError(42)).toBe('42')
  })
})
