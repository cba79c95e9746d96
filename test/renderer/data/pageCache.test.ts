import { describe, expect, it } from 'vitest'
import { PageCache } from '../../../src-renderer/data/pageCache'

const page = (p: number, size: number) => Array.from({ length: size }, (_, i) => p * size + i)

describe('PageCache', () => {
  it('reports the pages a row range needs, skipping loaded and in-flight ones', () => {
    const cache = new PageCache<number>(100, 10)
    expect(cache.missingPages(0, 0)).toEqual([])
    expect(cache.missingPages(50, 250)).toEqual([0, 1, 2])
    cache.markInFlight(1)
    cache.put(0, page(0, 100), cache.generation)
    expect(cache.missingPages(50, 250)).toEqual([2])
    expect(cache.get(42)).toBe(42)
    expect(cache.get(142)).toBeUndefined()
  })

  it('evicts the least recently used page beyond its limit', () => {
    const cache = new PageCache<number>(10, 2)
    const g = cache.generation
    cache.put(0, page(0, 10), g)
    cache.put(1, page(1, 10), g)
    cache.get(5) // page 0 is now the most recently used
    cache.put(2, page(2, 10), g)
    expect(cache.loadedPages).toBe(2)
    expect(cache.get(5)).toBe(5)
    expect(cache.get(15)).toBeUndefined()
    expect(cache.get(25)).toBe(25)
  })

  it('drops replies that arrive after the cache was cleared', () => {
    const cache = new PageCache<number>(10, 5)
    const before = cache.generation
    cache.markInFlight(3)
    cache.clear()
    cache.put(3, page(3, 10), before)
    expect(cache.get(35)).toBeUndefined()
    expect(cache.missingPages(30, 40)).toEqual([3])
  })

  it('lets a failed page be fetched again', () => {
    const cache = new PageCache<number>(10, 5)
    cache.markInFlight(0)
    expect(cache.missingPages(0, 10)).toEqual([])
    cache.fail(0, cache.generation)
    expect(cache.missingPages(0, 10)).toEqual([0])
  })
})
