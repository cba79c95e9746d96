/**
 * Which rows of a fixed-row-height list are visible for a scroll position. Browsers cap an element's
 * height (Chromium at about 3.3·10^7 px), so above `maxContentHeight` the scroll range is compressed:
 * the scroll fraction maps linearly onto the row range, and rows are drawn at their true height.
 */
export interface VirtualWindowInput {
  scrollTop: number
  viewportHeight: number
  rowHeight: number
  total: number
  /** Extra rows rendered above and below the viewport so fast scrolling shows no gaps. */
  overscan: number
  maxContentHeight: number
}

export interface VirtualWindow {
  /** Height of the scrollable content, px. */
  contentHeight: number
  /** First and one-past-last row index to render. */
  start: number
  end: number
  /** Where row `start` is drawn, px from the top of the content. */
  offsetY: number
  /** The (fractional) row index at the top of the viewport. */
  topRow: number
}

export function virtualWindow(input: VirtualWindowInput): VirtualWindow {
  const { scrollTop, viewportHeight, rowHeight, total, overscan, maxContentHeight } = input
  const naturalHeight = total * rowHeight
  const contentHeight = Math.min(naturalHeight, maxContentHeight)
  const visibleRows = Math.ceil(viewportHeight / rowHeight)
  if (total === 0) return { contentHeight: 0, start: 0, end: 0, offsetY: 0, topRow: 0 }

  let topRow: number
  if (naturalHeight <= maxContentHeight) {
    topRow = scrollTop / rowHeight
  } else {
    const scrollRange = Math.max(1, contentHeight - viewportHeight)
    const rowRange = Math.max(0, total - viewportHeight / rowHeight)
    topRow = (Math.min(Math.max(scrollTop, 0), scrollRange) / scrollRange) * rowRange
  }
  topRow = Math.min(Math.max(topRow, 0), Math.max(0, total - 1))
  const first = Math.floor(topRow)
  const start = Math.max(0, first - overscan)
  const end = Math.min(total, first + visibleRows + 1 + overscan)
  // Row `first` sits (topRow − first) rows above the viewport top; `start` is that many rows further up.
  const offsetY = scrollTop - (topRow - first) * rowHeight - (first - start) * rowHeight
  return { contentHeight, start, end, offsetY, topRow }
}

/** The scrollTop that puts row `index` at the top of the viewport (inverse of virtualWindow). */
export function scrollTopForRow(index: number, viewportHeight: number, rowHeight: number, total: number, maxContentHeight: number): number {
  const naturalHeight = total * rowHeight
  if (naturalHeight <= maxContentHeight) return index * rowHeight
  const scrollRange = Math.max(1, maxContentHeight - viewportHeight)
  const rowRange = Math.max(1e-9, total - viewportHeight / rowHeight)
  return (Math.min(index, rowRange) / rowRange) * scrollRange
}
