/**
 * One queue of writes per database connection. An import keeps its file's transaction open
 * across the reader's awaits; any other write on the same connection meanwhile would land inside
 * that transaction (and vanish with its rollback). Every async writer of project data (imports,
 * the DFT executor, the data handlers) goes through `withWriteLock`.
 */
import type { Db } from './connection.js'

const tails = new WeakMap<Db, Promise<unknown>>()

/** Runs `f` once every earlier queued write on `db` has finished (whether it failed or not). */
export function withWriteLock<T>(db: Db, f: () => T | Promise<T>): Promise<T> {
  const prev = tails.get(db) ?? Promise.resolve()
  const next = prev.then(f, f)
  tails.set(db, next.catch(() => undefined))
  return next
}
