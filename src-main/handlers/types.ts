import type { ParsedRequestInput, RequestName, RequestOutput } from '../contract/requests.js'

/** One function per request, taking the validated input. Tests call these directly. */
export type Handlers = {
  [K in RequestName]: (input: ParsedRequestInput<K>) => Promise<RequestOutput<K>> | RequestOutput<K>
}

export type HandlerGroup<D extends string> = {
  [K in RequestName as K extends `${D}/${string}` ? K : never]: Handlers[K]
}
