/**
 * Rows of a long server-side list, fetched in fixed-size pages and kept in a least-recently-used
 * cache, so scrolling through 10^6 configurations holds only a few thousand rows in memory.
 */
export class PageCache<Row> {
  private readonly pages = new Map<number, Row[]>()
  private readonly inFlight = new Set<number>()
  private currentGeneration = 0

  constructor(
    readonly pageSize: number,
    /** Pages kept; the least recently used beyond this are dropped. */
    readonly maxPages: number,
  ) {
    if (pageSize < 1 || maxPages < 1) throw new Error('page size and page limit must be positive')
  }

  /** The row at a global index, if its page is loaded; marks that page as recently used. */
  get(index: number): Row | undefined {
    const page = Math.floor(index / this.pageSize)
    const rows = this.pages.get(page)
    if (!rows) return undefined
    this.pages.delete(page)
    this.pages.set(page, rows)
    return rows[index - page * this.pageSize]
  }

  /** Pages covering rows [start, end) that are neither loaded nor being fetched, in order. */
  missingPages(start: number, end: number): number[] {
    const missing: number[] = []
    if (end <= start) return missing
    const first = Math.floor(start / this.pageSize)
    const last = Math.floor((end - 1) / this.pageSize)
    for (let p = first; p <= last; p++) if (!this.pages.has(p) && !this.inFlight.has(p)) missing.push(p)
    return missing
  }

  markInFlight(page: number): void {
    this.inFlight.add(page)
  }

  /**
   * Which fill of the cache a fetch belongs to: a reply for an older generation (the filter changed
   * while it was in flight) is dropped by `put`.
   */
  get generation(): number {
    return this.currentGeneration
  }

  /** Stores a fetched page (and ends its in-flight mark), evicting the least recently used pages. */
  put(page: number, rows: Row[], generation: number): void {
    if (generation !== this.currentGeneration) return
    this.inFlight.delete(page)
    this.pages.delete(page)
    this.pages.set(page, rows)
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number
      this.pages.delete(oldest)
    }
  }

  /** A fetch failed: the page may be asked for again. */
  fail(page: number, generation: number): void {
    if (generation === this.currentGeneration) this.inFlight.delete(page)
  }

  /** Forgets everything (new filter, new project). */
  clear(): void {
    this.pages.clear()
    this.inFlight.clear()
    this.currentGeneration++
  }

  get loadedPages(): number {
    return this.pages.size
  }
}
