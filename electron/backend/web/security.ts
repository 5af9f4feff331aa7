/**
 * The studio's request checks. The HTTP API has full access to the user's projects, so it must
 * not be callable by other web pages the user visits, nor by other users on the network:
 *  - bound to loopback unless the user explicitly allows remote access;
 *  - the Host header must name the bound host:port (defeats DNS rebinding, where a foreign page
 *    re-points its own name at 127.0.0.1);
 *  - a request carrying an Origin other than the studio's own is refused (403);
 *  - every /api request carries the per-session token (401 without it). The page learns the token
 *    from the URL's fragment, which browsers never send in requests or referrers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** A fresh session token (256 random bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** True for "every interface" bindings, where no single Host value is expected. */
export function isWildcardHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === '0.0.0.0' || h === '::';
}

/** `host:port` as it appears in a Host header and in URLs (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '');
  return `${isIP(bare) === 6 ? `[${bare}]` : bare}:${port}`;
}

/** Constant-time token comparison. */
export function tokenMatches(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
