// The headless studio's transport: `POST /api/<method>` with a JSON body and the session token
// in the `x-ciclo-token` header; events from `GET /api/events` as server-sent events, read with
// fetch so the token can travel as a header too. No logic lives here beyond moving bytes.
import type { MethodArgs, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { EventName, EventPayload } from '../../shared/api/events.js';
import type { ApiClient } from './client.js';
import { clientError, unwrapResult } from './client.js';
import type { SseMessage } from './sse.js';
import { SseParser } from './sse.js';

/** The header that carries the studio's session token. */
export const TOKEN_HEADER = 'x-ciclo-token';

/** How to reach the studio. */
export interface HttpClientOptions {
  /** Origin + path prefix of the studio ('' = same origin as the page). */
  baseUrl?: string;
  token: string | null;
  /** Injected in tests; defaults to the page's fetch. */
  fetch?: typeof fetch;
  /** Delay before reconnecting the event stream, by attempt number (ms). */
  retryDelay?: (attempt: number) => number;
}

type Listener = (payload: unknown) => void;

/** Creates the HTTP transport. */
export function createHttpClient(options: HttpClientOptions): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const retryDelay = options.retryDelay ?? ((attempt) => Math.min(10_000, 500 * 2 ** attempt));
  const headers = (extra: Record<string, string>): Record<string, string> =>
    options.token ? { ...extra, [TOKEN_HEADER]: options.token } : extra;

  const listeners = new Map<string, Set<Listener>>();
  let stream: AbortController | null = null;

  async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodOutput<M>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json', accept: 'application/json' }),
        body: JSON.stringify(args ?? {}),
      });
    } catch (cause) {
      throw clientError('errors.network', `Ciclo studio cannot be reached: ${String(cause)}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw clientError('errors.badResponse', `The studio answered ${response.status} without a readable body.`);
    }
    // Error statuses still carry the envelope, so the typed error (code, field) is preserved.
    return unwrapResult<MethodOutput<M>>(body);
  }

  function dispatch(event: string, payload: unknown): void {
    const set = listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) listener(payload);
  }

  // The studio sends unnamed messages whose data is `{"event": name, "payload": ...}`; a named
  // SSE event (`event: name` + JSON data) is understood too.
  function onMessage(message: SseMessage): void {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      console.warn(`ciclo: ignoring an event whose data is not JSON (${message.event})`);
      return;
    }
    if (message.event !== 'message') dispatch(message.event, data);
    else if (typeof data === 'object' && data !== null && typeof (data as { event?: unknown }).event === 'string') {
      const envelope = data as { event: string; payload?: unknown };
      dispatch(envelope.event, envelope.payload);
    }
  }

  async function readStream(controller: AbortController): Promise<void> {
    let attempt = 0;
    while (!controller.signal.aborted) {
      try {
        const response = await doFetch(`${baseUrl}/api/events`, {
          headers: headers({ accept: 'text/event-stream' }),
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        attempt = 0;
        const parser = new SseParser(onMessage);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(value);
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        console.warn('ciclo: event stream interrupted, reconnecting', error);
      }
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
      attempt += 1;
    }
  }

  function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const wrapped = listener as Listener;
    set.add(wrapped);
    if (!stream) {
      stream = new AbortController();
      void readStream(stream);
    }
    return () => {
      set.delete(wrapped);
      const hasAny = [...listeners.values()].some((s) => s.size > 0);
      if (!hasAny && stream) {
        stream.abort();
        stream = null;
      }
    };
  }

  return { call, on };
}
