/** Typed push events from the core; adapters subscribe and forward them to the renderer. */
import type { EventName, EventPayload } from '../contract/events.js'

export type AnyEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export class EventBus {
  private readonly listeners = new Set<AnyEventListener>()

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload)
      } catch (e) {
        // One broken subscriber (a closed socket, say) must not stop the others.
        console.error(`event listener for ${event} failed:`, e)
      }
    }
  }

  subscribe(listener: AnyEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
