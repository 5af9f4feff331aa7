import { describe, expect, it } from 'vitest';
import { hostPort, isLoopbackHost, isWildcardHost, newToken, tokenMatches } from '../../../../../electron/backend/web/security.js';

describe('studio security helpers', () => {
  it('recognises loopback hosts only', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.10', '::', 'example.com', '128.0.0.1', 'localhost.evil.com']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('recognises wildcard bindings', () => {
    expect(isWildcardHost('0.0.0.0')).toBe(true);
    expect(isWildcardHost('[::]')).toBe(true);
    expect(isWildcardHost('127.0.0.1')).toBe(false);
  });

  it('writes host:port as a Host header does', () => {
    expect(hostPort('127.0.0.1', 8080)).toBe('127.0.0.1:8080');
    expect(hostPort('::1', 8080)).toBe('[::1]:8080');
  });

  it('makes distinct URL-safe tokens and compares them exactly', () => {
    const a = newToken();
    const b = newToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenMatches(a, a)).toBe(true);
    expect(tokenMatches(b, a)).toBe(false);
    expect(tokenMatches(a.slice(1), a)).toBe(false);
    expect(tokenMatches(undefined, a)).toBe(false);
    expect(tokenMatches('', a)).toBe(false);
  });
});
