import { describe, expect, it } from 'vitest'
import { scrollTopForRow, virtualWindow } from '../../../src-renderer/data/virtualWindow'

const base = { viewportHeight: 300, rowHeight: 30, overscan: 2, maxContentHeight: 1_000_000 }

describe('virtualWindow', () => {
  it('renders the visible rows plus overscan at their natural position', () => {
    const w = virtualWindow({ ...base, scrollTop: 300, total: 1000 })
    expect(w.contentHeight).toBe(30_000)
    expect(w.topRow).toBe(10)
    expect(w.start).toBe(8)
    expect(w.end).toBe(10 + 10 + 1 + 2)
    expect(w.offsetY).toBe(8 * 30)
  })

  it('clamps at both ends of the list', () => {
    expect(virtualWindow({ ...base, scrollTop: 0, total: 5 })).toMatchObject({ start: 0, end: 5, offsetY: 0 })
    const end = virtualWindow({ ...base, scrollTop: 29_700, total: 1000 })
    expect(end.end).toBe(1000)
    expect(virtualWindow({ ...base, scrollTop: 0, total: 0 })).toMatchObject({ contentHeight: 0, start: 0, end: 0 })
  })

  it('compresses 10^6 rows into the height limit and still reaches the last row', () => {
    const big = { ...base, total: 1_000_000, maxContentHeight: 3_000_000 }
    const top = virtualWindow({ ...big, scrollTop: 0 })
    expect(top.contentHeight).toBe(3_000_000)
    expect(top.start).toBe(0)
    const bottom = virtualWindow({ ...big, scrollTop: 3_000_000 - 300 })
    expect(bottom.end).toBe(1_000_000)
    // The last row's bottom edge lines up with the viewport's bottom edge.
    const lastRowTop = bottom.offsetY + (999_999 - bottom.start) * 30
    expect(lastRowTop + 30).toBeCloseTo(3_000_000, 6)
    const middle = virtualWindow({ ...big, scrollTop: (3_000_000 - 300) / 2 })
    expect(middle.topRow).toBeCloseTo((1_000_000 - 10) / 2, 6)
  })

  it('scrollTopForRow inverts the mapping in both regimes', () => {
    for (const total of [1000, 1_000_000]) {
      const max = 3_000_000
      const top = scrollTopForRow(1234 % total, 300, 30, total, max)
      const w = virtualWindow({ ...base, maxContentHeight: max, total, scrollTop: top })
      expect(w.topRow).toBeCloseTo(1234 % total, 6)
    }
  })
})
