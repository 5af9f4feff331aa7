/**
 * The headless front door: the contract over HTTP, plus the built renderer.
 *
 *   POST /api/<method>   body: JSON args (empty body = {}), header `x-ciclo-token: <token>`,
 *                        `content-type: application/json`. Response 200 with the ApiResult
 *                        envelope `{ ok: true, data } | { ok: false, error }` for every call the
 *                        dispatcher handled (including UNKNOWN_METHOD and INVALID_ARGUMENT).
 *   GET /api/events      server-sent events; token in `x-ciclo-token` or `?token=` (EventSource
 *                        cannot set headers). Each message is unnamed, its data one JSON object
 *                        `{ "event": "<contract event name>", "payload": {...} }`.
 *   GET /*               the renderer's static files, with the strict CSP.
 *
 * Refusals carry the same envelope with a non-200 status: 401 UNAUTHORIZED (token), 403 FORBIDDEN
 * (Host or Origin), 404/405 (route), 413/415/400 PARSE_ERROR (body). See security.ts for why.
 * This file holds no logic of its own: every call goes through the same dispatch as IPC.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, type ApiError } from '../../../shared/errors.js';
import { fail } from '../../../shared/api/result.js';
import type { Dispatch } from '../api/dispatch.js';
import type { EventBus } from '../api/event-bus.js';
import { RENDERER_CSP } from './csp.js';
import { hostPort, isLoopbackHost, isWildcardHost, newToken, tokenMatches } from './security.js';
import { defaultRendererDir, serveStatic } from './static.js';

/** Options of {@link startStudioServer}. */
export interface StudioServerOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Must be true to bind anything but loopback. */
  allowRemote?: boolean;
  /** Default: a fresh random token. */
  token?: string;
  /** Built renderer folder; default dist/renderer. */
  staticDir?: string;
  /** Largest accepted request body (default 16 MiB). */
  maxBodyBytes?: number;
  /** Interval of SSE keep-alive comments (default 20 s). */
  heartbeatMs?: number;
}

/** A running studio server. */
export interface StudioServer {
  host: string;
  port: number;
  token: string;
  /** `http://host:port` */
  origin: string;
  /** The URL to open: the origin with the token in the fragment. */
  url: string;
  /** Stops listening and ends open event streams. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: ApiError['code'], message: string, messageKey?: string): void {
  sendJson(res, status, fail({ code, messageKey: messageKey ?? `errors.${code}`, message }));
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the studio server; refuses a non-loopback host unless `allowRemote`. */
export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new AppError(
      'FORBIDDEN',
      `Refusing to serve on ${host}: the studio gives full access to your projects, so it listens only on this machine (127.0.0.1) unless you pass --allow-remote.`,
      { messageKey: 'errors.FORBIDDEN.remoteHost', params: { host }, details: { field: 'host' } },
    );
  }
  const token = options.token ?? newToken();
  const staticDir = options.staticDir ?? defaultRendererDir();
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const streams = new Set<ServerResponse>();
  let expectedHost = '';
  let origin = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      console.error('[studio] request failed:', err);
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Something went wrong inside Ciclo; the details are in its log.');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('content-security-policy', RENDERER_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');

    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!isWildcardHost(host) && hostHeader !== expectedHost) {
      refuse(res, 403, 'FORBIDDEN', 'This request names another host; the studio answers only at its own address.', 'errors.FORBIDDEN.host');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader || expectedHost}`);
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    if (!isApi) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        refuse(res, 405, 'FORBIDDEN', 'Only GET and HEAD are served here.', 'errors.FORBIDDEN.method');
        return;
      }
      serveStatic(staticDir, req, res, url.pathname);
      return;
    }

    const ownOrigin = isWildcardHost(host) ? `http://${hostHeader}` : origin;
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== ownOrigin) {
      refuse(res, 403, 'FORBIDDEN', 'Calls from other web pages are refused.', 'errors.FORBIDDEN.origin');
      return;
    }
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
      refuse(res, 403, 'FORBIDDEN', 'Calls from other web pages are refused.', 'errors.FORBIDDEN.origin');
      return;
    }

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') {
        refuse(res, 405, 'FORBIDDEN', 'The event stream is read with GET.', 'errors.FORBIDDEN.method');
        return;
      }
      const given = (req.headers['x-ciclo-token'] as string | undefined) ?? url.searchParams.get('token');
      if (!tokenMatches(given, token)) {
        refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong session token.');
        return;
      }
      openEventStream(req, res);
      return;
    }

    if (!tokenMatches(req.headers['x-ciclo-token'] as string | undefined, token)) {
      refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong session token.');
      return;
    }
    if (req.method !== 'POST') {
      refuse(res, 405, 'FORBIDDEN', 'API methods are called with POST.', 'errors.FORBIDDEN.method');
      return;
    }
    let method = '';
    try {
      method = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      method = '';
    }
    if (method === '' || method.includes('/')) {
      refuse(res, 404, 'UNKNOWN_METHOD', 'No such API route.');
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const body = await readBody(req, maxBody);
    if (body === 'too-large') {
      refuse(res, 413, 'PARSE_ERROR', `The request body is larger than ${maxBody} bytes.`, 'errors.PARSE_ERROR.tooLarge');
      return;
    }
    let args: unknown = {};
    if (body.length > 0) {
      if (type !== 'application/json') {
        refuse(res, 415, 'PARSE_ERROR', 'Send the arguments as JSON (content-type: application/json).', 'errors.PARSE_ERROR.contentType');
        return;
      }
      try {
        args = JSON.parse(body.toString('utf8'));
      } catch {
        refuse(res, 400, 'PARSE_ERROR', 'The request body is not valid JSON.', 'errors.PARSE_ERROR.json');
        return;
      }
    }
    sendJson(res, 200, await options.dispatch(method, args));
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    const unsubscribe = options.events.subscribe((event, payload) => {
      res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), options.heartbeatMs ?? 20_000);
    heartbeat.unref();
    const stop = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  expectedHost = hostPort(host, port).toLowerCase();
  origin = `http://${expectedHost}`;
  return {
    host,
    port,
    token,
    origin,
    url: `${origin}/#token=${token}`,
    close() {
      return new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
