/** A column of VirtualTable: how to show one field of a row. */
export interface Column<R> {
  key: string
  title: string
  /** Unit shown under the title, e.g. "eV/atom". */
  unit?: string
  /** Minimum width, px; the table scrolls sideways when the columns do not fit. */
  width: number
  /** Share of the spare width this column takes (CSS fr); fixed width when absent. */
  grow?: number
  align?: 'start' | 'end' | 'center'
  value: (row: R) => string
  numeric?: boolean
}

export interface Page<R> {
  /** Matching rows in all, or null when this reply did not count them (only the first page does). */
  total: number | null
  items: R[]
}

/** CSS grid-template-columns for the columns, and the width below which the table scrolls sideways. */
export function columnLayout<R>(columns: readonly Column<R>[]): { template: string; minWidth: number } {
  return {
    template: columns.map((c) => (c.grow ? `minmax(${c.width}px, ${c.grow}fr)` : `${c.width}px`)).join(' '),
    minWidth: columns.reduce((sum, c) => sum + c.width, 0),
  }
}
