// A programmable in-memory ApiClient for store tests: each method answers from a handler the
// test sets, every call is recorded, and events can be emitted by hand.
import type { MethodArgs, MethodName, MethodOutput } from '../../../shared/api/contract.js';
import type { EventName, EventPayload } from '../../../shared/api/events.js';
import type { ApiError } from '../../../shared/errors.js';
import type { ApiClient } from '../../../renderer/api/client.js';
import { ApiCallError } from '../../../renderer/api/client.js';

type Handler<M extends MethodName> = (args: MethodArgs<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** The fake client plus its controls. */
export interface FakeApi extends ApiClient {
  calls: Array<{ method: MethodName; args: unknown }>;
  handle<M extends MethodName>(method: M, handler: Handler<M>): void;
  fail(method: MethodName, error: ApiError): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  callsTo(method: MethodName): unknown[];
}

/** Creates a fake; a method without a handler rejects as UNKNOWN_METHOD (so a forgotten setup is visible). */
export function createFakeApi(): FakeApi {
  const handlers = new Map<string, (args: unknown) => unknown>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: Array<{ method: MethodName; args: unknown }> = [];
  return {
    calls,
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodOutput<M>> {
      calls.push({ method, args });
      const handler = handlers.get(method);
      if (!handler) throw new ApiCallError({ code: 'UNKNOWN_METHOD', messageKey: 'errors.UNKNOWN_METHOD', message: `fake: no handler for ${method}` });
      return (await handler(args)) as MethodOutput<M>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    handle(method, handler) {
      handlers.set(method, handler as (args: unknown) => unknown);
    },
    fail(method, error) {
      handlers.set(method, () => {
        throw new ApiCallError(error);
      });
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    callsTo(method) {
      return calls.filter((c) => c.method === method).map((c) => c.args);
    },
  };
}
