/**
 * The backend's event bus: handlers and the job manager emit contract events here, and each
 * transport forwards them (IPC `api:event`, HTTP server-sent events). Listeners that throw are
 * logged and skipped, so one broken transport never silences the others.
 */
import type { EventName, EventPayload } from '../../../shared/api/contract.js';

/** Receives every event. */
export type EventListener = (name: EventName, payload: EventPayload<EventName>) => void;

/** A typed publish/subscribe bus. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Publishes an event to every subscriber. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch (err) {
        console.error(`[events] a listener of ${name} failed:`, err);
      }
    }
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Number of subscribers (diagnostics, tests). */
  get size(): number {
    return this.listeners.size;
  }
}
