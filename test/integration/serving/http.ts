/** HTTP helpers for the serving tests: JSON calls, and requests whose body is held back. */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';

/** A response with its body parsed when it is JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Sends one request with fetch; `body` objects are sent as JSON. */
export async function call(url: string, options: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const hasBody = options.body !== undefined;
  const res = await fetch(url, {
    method: options.method ?? (hasBody ? 'POST' : 'GET'),
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(options.headers ?? {}) },
    body: hasBody ? (typeof options.body === 'string' ? options.body : JSON.stringify(options.body)) : undefined,
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A request whose headers and first part of the body are sent; `finish()` sends the rest. */
export interface HeldRequest {
  req: ClientRequest;
  /** Resolves with the response (whenever it comes). */
  response: Promise<{ status: number; headers: IncomingMessage['headers']; text: string }>;
  finish(): void;
}

/** Starts a POST of `body` and holds back its last byte (so the server is still reading it). */
export function holdRequest(port: number, path: string, body: string, headers: Record<string, string> = {}): HeldRequest {
  const bytes = Buffer.from(body);
  const req = request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers },
  });
  const response = new Promise<{ status: number; headers: IncomingMessage['headers']; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(bytes.subarray(0, bytes.length - 1));
  return {
    req,
    response,
    finish: () => {
      req.end(bytes.subarray(bytes.length - 1));
    },
  };
}

/** Waits until `cond()` holds (polling), or fails after `ms`. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
