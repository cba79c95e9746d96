import { describe, expect, it } from 'vitest'
import { columnLayout, type Column } from '../../../src-renderer/data/tableTypes'

describe('columnLayout', () => {
  it('fixes columns without grow, lets the others share spare width, and sums the minimum', () => {
    const columns: Column<{ id: number }>[] = [
      { key: 'id', title: 'ID', width: 72, value: (r) => String(r.id) },
      { key: 'formula', title: 'Formula', width: 110, grow: 1, value: () => '' },
      { key: 'source', title: 'Source', width: 160, grow: 2, value: () => '' },
    ]
    expect(columnLayout(columns)).toEqual({ template: '72px minmax(110px, 1fr) minmax(160px, 2fr)', minWidth: 342 })
  })
})
