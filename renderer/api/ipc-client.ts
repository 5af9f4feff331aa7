// The Electron transport: the preload exposes `window.bridge` with exactly two functions.
// `call` resolves to the ApiResult envelope (never throws across IPC: Electron would keep only
// the message of a thrown error), and `subscribe` forwards backend events.
import type { MethodArgs, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { EventName, EventPayload } from '../../shared/api/events.js';
import type { ApiClient } from './client.js';
import { clientError, unwrapResult } from './client.js';

/** What the preload puts on `window.bridge`. */
export interface PreloadBridge {
  call(method: string, args: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** Creates the IPC transport over the preload bridge. */
export function createIpcClient(bridge: PreloadBridge): ApiClient {
  return {
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodOutput<M>> {
      let envelope: unknown;
      try {
        envelope = await bridge.call(method, args ?? {});
      } catch (cause) {
        throw clientError('errors.network', `The Ciclo backend did not answer: ${String(cause)}`);
      }
      return unwrapResult<MethodOutput<M>>(envelope);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return bridge.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
