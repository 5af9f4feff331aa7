/**
 * Who may use the inference server.
 *
 * The rule: it binds to 127.0.0.1 by default; binding any other host than 127.0.0.1, ::1 or
 * localhost needs an API key (the server refuses to start without one), and a key may be set on
 * loopback too. A request presents the key as `Authorization: Bearer K` or `x-api-key: K`; the
 * comparison hashes both sides with SHA-256 and compares the digests with
 * `crypto.timingSafeEqual`, so it takes the same time whatever the key's length or content.
 *
 * On a loopback binding, the Host header must name loopback (a foreign web page that re-points
 * its own domain at 127.0.0.1, "DNS rebinding", is refused), and a browser request from another
 * origin is refused (the server sends no CORS headers, so browsers would block reading anyway;
 * refusing also stops the request from running).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { AppError } from '../../../shared/errors.js';

/** Shortest API key accepted (a guessable key on a network is no protection). */
export const MIN_API_KEY_LENGTH = 16;

/** The hosts that count as this machine only. */
export function isLoopbackBinding(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === '127.0.0.1' || h === '::1' || h === 'localhost';
}

/** Throws (before anything listens) when the host/key combination breaks the rule. */
export function checkBindingRule(host: string, apiKey: string | undefined): void {
  if (apiKey !== undefined) {
    if (typeof apiKey !== 'string' || apiKey.length < MIN_API_KEY_LENGTH) {
      throw new AppError('INVALID_ARGUMENT', `The API key must be at least ${MIN_API_KEY_LENGTH} characters long.`, { details: { field: 'apiKey' } });
    }
    if (/\s/.test(apiKey)) throw new AppError('INVALID_ARGUMENT', 'The API key must not contain spaces.', { details: { field: 'apiKey' } });
  }
  if (!isLoopbackBinding(host) && apiKey === undefined) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `Refusing to serve on ${host} without an API key: any host other than 127.0.0.1, ::1 or localhost can be reached from other machines. Set an API key.`,
      { details: { field: 'apiKey' } },
    );
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Compares a presented key with the expected one in constant time. */
export function apiKeyMatches(given: string | undefined, expectedDigest: Buffer): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), expectedDigest);
}

/** SHA-256 of the key, computed once at start. */
export function apiKeyDigest(key: string): Buffer {
  return digest(key);
}

/** The key a request presents, if any. */
export function presentedKey(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const x = req.headers['x-api-key'];
  return typeof x === 'string' && x !== '' ? x : undefined;
}

/** `host[:port]` of a Host header, split; null when malformed. */
function splitHost(value: string): { host: string; port: string | null } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) return null;
  return { host: m[1].replace(/^\[|\]$/g, '').toLowerCase(), port: m[2] ?? null };
}

/**
 * On a loopback binding: the Host header must name a loopback address with the bound port.
 * Elsewhere (a network binding, which always has an API key) any Host is accepted.
 */
export function hostAllowed(req: IncomingMessage, boundHost: string, port: number): boolean {
  if (!isLoopbackBinding(boundHost)) return true;
  const h = req.headers.host;
  if (typeof h !== 'string') return false;
  const parsed = splitHost(h);
  if (!parsed) return false;
  const isLoop = parsed.host === 'localhost' || parsed.host === '::1' || (isIP(parsed.host) === 4 && parsed.host.startsWith('127.'));
  return isLoop && (parsed.port === null ? port === 80 : Number(parsed.port) === port);
}

/** A browser request from another web origin (an `Origin` that is not this server's). */
export function isForeignOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (typeof origin !== 'string' || origin === 'null') return true;
  try {
    const u = new URL(origin);
    return u.host.toLowerCase() !== String(req.headers.host ?? '').toLowerCase();
  } catch {
    return true;
  }
}
