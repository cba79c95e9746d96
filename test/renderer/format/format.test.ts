import { describe, expect, it } from 'vitest'
import { dateTime, relativeTime } from '../../../src-renderer/format/time'
import { fixed, groupDigits } from '../../../src-renderer/format/numbers'

describe('relativeTime', () => {
  const now = new Date('2026-11-21T12:00:00Z')
  it('picks the largest fitting unit', () => {
    expect(relativeTime('2026-11-21T11:59:50Z', now)).toBe('just now')
    expect(relativeTime('2026-11-21T11:55:00Z', now)).toBe('5 minutes ago')
    expect(relativeTime('2026-11-21T09:00:00Z', now)).toBe('3 hours ago')
    expect(relativeTime('2026-11-20T12:00:00Z', now)).toBe('yesterday')
    expect(relativeTime('2026-10-01T12:00:00Z', now)).toBe('2 months ago')
  })
  it('returns unparseable input unchanged', () => {
    expect(relativeTime('not a date', now)).toBe('not a date')
    expect(dateTime('not a date')).toBe('not a date')
  })
})

describe('number formatting', () => {
  it('groups thousands with thin spaces and uses a real minus sign', () => {
    expect(groupDigits(1_000_000)).toBe('1\u2009000\u2009000')
    expect(groupDigits(-12345.5)).toBe('−12\u2009345.5')
    expect(groupDigits(999)).toBe('999')
  })
  it('prints fixed decimals or an en dash for missing values', () => {
    expect(fixed(-3.14159, 3)).toBe('−3.142')
    expect(fixed(2, 2)).toBe('2.00')
    expect(fixed(null, 2)).toBe('–')
    expect(fixed(NaN, 2)).toBe('–')
  })
})
