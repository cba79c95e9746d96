import { describe, expect, it, vi } from 'vitest'
import { ProgressThrottle } from '../../../src-main/app/progress-throttle'

const p = (stage: string, done: number, total = 100) => ({ stage, done, total, extra: {} })

describe('ProgressThrottle', () => {
  it('sends at most one update per interval, never losing the latest, and urgent ones at once', () => {
    vi.useFakeTimers()
    let clock = 0
    const sent: string[] = []
    const t = new ProgressThrottle((id, q) => sent.push(`${id}:${q.stage}:${q.done}`), 100, () => clock)
    t.push('a', p('read', 0)) // first: at once
    clock = 10
    t.push('a', p('read', 1))
    clock = 20
    t.push('a', p('read', 2)) // replaces 1 while waiting
    expect(sent).toEqual(['a:read:0'])
    clock = 100
    vi.advanceTimersByTime(90)
    expect(sent).toEqual(['a:read:0', 'a:read:2'])
    clock = 110
    t.push('a', p('fit', 0)) // new stage: at once
    clock = 120
    t.push('a', p('fit', 100)) // complete: at once
    t.push('b', p('read', 5)) // other job: independent
    expect(sent).toEqual(['a:read:0', 'a:read:2', 'a:fit:0', 'a:fit:100', 'b:read:5'])
    vi.useRealTimers()
  })

  it('flushes a held-back update when the job ends', () => {
    vi.useFakeTimers()
    let clock = 0
    const sent: number[] = []
    const t = new ProgressThrottle((_id, q) => sent.push(q.done), 100, () => clock)
    t.push('a', p('s', 1))
    clock = 5
    t.push('a', p('s', 7))
    t.drop('a')
    expect(sent).toEqual([1, 7])
    vi.advanceTimersByTime(500)
    expect(sent).toEqual([1, 7])
    vi.useRealTimers()
  })
})
