import type { Studio } from '../../../src-main/app/studio'
import { createDispatch, createHandlers } from '../../../src-main/handlers/index'

/**
 * The contract's dispatch over a studio's handlers, as the front doors call it, and `call`, which
 * returns a request's result or throws with its error code and message (for requests a test
 * expects to succeed; results are untyped unless T is given).
 */
export function studioDispatch(studio: Studio) {
  const dispatch = createDispatch(createHandlers(studio), () => {})
  const call = async <T = any>(name: string, input: unknown): Promise<T> => {
    const r = await dispatch(name, input)
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`)
    return r.result as T
  }
  return { dispatch, call }
}
