/** Test helpers for the headless studio: a server on port 0 over a backend, and raw HTTP calls. */
import { request } from 'node:http';
import type { Backend } from '../../electron/backend/api/backend.js';
import { startStudioServer, type StudioServer, type StudioServerOptions } from '../../electron/backend/web/server.js';

/** Starts the studio server on 127.0.0.1, any free port. */
export function startTestServer(backend: Backend, options: Partial<StudioServerOptions> = {}): Promise<StudioServer> {
  return startStudioServer({ dispatch: backend.dispatch, events: backend.ctx.events, host: '127.0.0.1', port: 0, ...options });
}

/** A raw HTTP response. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one request with exactly the given headers (Host included, so tests can forge it). */
export function rawRequest(
  server: StudioServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Calls a method the way the renderer does: POST /api/<method> with the token and JSON. */
export async function httpCall(server: StudioServer, method: string, args: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ciclo-token': server.token },
    body: JSON.stringify(args),
  });
  return { status: res.status, json: await res.json() };
}
