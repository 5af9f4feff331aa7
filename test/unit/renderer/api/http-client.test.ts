import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../../renderer/api/client.js';
import { TOKEN_HEADER, createHttpClient } from '../../../../renderer/api/http-client.js';

interface Seen {
  url: string;
  init: RequestInit | undefined;
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('HTTP client: calls', () => {
  it('posts JSON to /api/<method> with the token header and unwraps the data', async () => {
    const seen: Seen[] = [];
    const client = createHttpClient({
      token: 's3cret',
      fetch: async (url, init) => {
        seen.push({ url: String(url), init });
        return jsonResponse(200, { ok: true, data: { closed: true } });
      },
    });
    const result = await client.call('project.close', {});
    expect(result).toEqual({ closed: true });
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe('/api/project.close');
    expect(seen[0].init?.method).toBe('POST');
    expect((seen[0].init?.headers as Record<string, string>)[TOKEN_HEADER]).toBe('s3cret');
    expect(JSON.parse(String(seen[0].init?.body))).toEqual({});
  });

  it('keeps the typed error of an error status (code and field survive)', async () => {
    const client = createHttpClient({
      token: 't',
      fetch: async () =>
        jsonResponse(400, {
          ok: false,
          error: { code: 'INVALID_ARGUMENT', messageKey: 'errors.INVALID_ARGUMENT', message: 'threshold out of range', details: { field: 'threshold' } },
        }),
    });
    const error = await client.call('objective.get', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'threshold' } });
  });

  it('reports an unreachable studio as errors.network', async () => {
    const client = createHttpClient({ token: 't', fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(client.call('app.info', {})).rejects.toMatchObject({ messageKey: 'errors.network' });
  });

  it('reports a body that is not JSON as errors.badResponse', async () => {
    const client = createHttpClient({ token: 't', fetch: async () => new Response('<h1>502</h1>', { status: 502 }) });
    await expect(client.call('app.info', {})).rejects.toMatchObject({ messageKey: 'errors.badResponse' });
  });
});

describe('HTTP client: events', () => {
  function streamOf(text: string[], onCancel?: () => void, isEnded = false): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    return new ReadableStream({
      start(controller) {
        for (const t of text) controller.enqueue(encoder.encode(t));
        if (isEnded) controller.close();
      },
      cancel() {
        onCancel?.();
      },
    });
  }

  it('opens one event stream with the token, delivers the studio\'s event envelopes and named events, and stops when nobody listens', async () => {
    const seen: Seen[] = [];
    let isCancelled = false;
    let signal: AbortSignal | undefined;
    const client = createHttpClient({
      token: 'tok',
      retryDelay: () => 60_000,
      fetch: async (url, init) => {
        seen.push({ url: String(url), init });
        signal = init?.signal ?? undefined;
        const body = streamOf(
          ['retry: 2000\n: connected\n\n', 'data: {"event":"project.changed","payload":{"area":"check', 'list"}}\n\n', 'event: job.progress\ndata: {"jobId":"j1"}\n\n'],
          () => (isCancelled = true),
        );
        return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      },
    });
    const received: unknown[] = [];
    const stop = client.on('project.changed', (p) => received.push(p));
    const stopJobs = client.on('job.progress', (p) => received.push(p));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe('/api/events');
    expect((seen[0].init?.headers as Record<string, string>)[TOKEN_HEADER]).toBe('tok');
    expect(received).toEqual([{ area: 'checklist' }, { jobId: 'j1' }]);
    stop();
    expect(signal?.aborted).toBe(false);
    stopJobs();
    expect(signal?.aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(isCancelled || signal?.aborted).toBe(true);
  });

  it('reconnects after the stream ends', async () => {
    let connections = 0;
    const client = createHttpClient({
      token: 'tok',
      retryDelay: () => 5,
      fetch: async () => {
        connections += 1;
        return new Response(streamOf([`event: project.changed\ndata: {"area":"data"}\n\n`], undefined, true), { status: 200 });
      },
    });
    const received: unknown[] = [];
    const stop = client.on('project.changed', (p) => received.push(p));
    await new Promise((r) => setTimeout(r, 60));
    stop();
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(received.length).toBe(connections);
  });
});
