import { describe, expect, it, vi } from 'vitest';
import type { IncomingMessage } from 'node:http';
import type * as NodeCrypto from 'node:crypto';

// Wraps the real timingSafeEqual in a spy, to check the key comparison goes through it.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof NodeCrypto>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});
const crypto = await import('node:crypto');
const { apiKeyDigest, apiKeyMatches, checkBindingRule, hostAllowed, isForeignOrigin, isLoopbackBinding, presentedKey } = await import('../../../../../electron/backend/serving/auth.js');

function req(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

const KEY = 'k'.repeat(16) + '-secret';

describe('the binding rule', () => {
  it('allows loopback without a key', () => {
    for (const host of ['127.0.0.1', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(() => checkBindingRule(host, undefined)).not.toThrow();
  });

  it('refuses any other host without a key, naming the apiKey field', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5', '127.0.0.2', 'example.org']) {
      let caught: unknown;
      try {
        checkBindingRule(host, undefined);
      } catch (err) {
        caught = err;
      }
      expect(caught).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'apiKey' } });
      expect((caught as Error).message).toContain(host);
    }
    expect(() => checkBindingRule('0.0.0.0', KEY)).not.toThrow();
  });

  it('refuses short keys and keys with spaces', () => {
    expect(() => checkBindingRule('127.0.0.1', 'short')).toThrow(/at least 16 characters/);
    expect(() => checkBindingRule('127.0.0.1', 'a key with spaces in it')).toThrow(/spaces/);
  });

  it('treats only 127.0.0.1, ::1 and localhost as loopback bindings', () => {
    expect(isLoopbackBinding('127.0.0.1')).toBe(true);
    expect(isLoopbackBinding('127.1.2.3')).toBe(false);
  });
});

describe('API key checks', () => {
  it('accepts the key and refuses others, always through timingSafeEqual on equal-length digests', () => {
    const digest = apiKeyDigest(KEY);
    const spy = vi.mocked(crypto.timingSafeEqual);
    const before = spy.mock.calls.length;

    expect(apiKeyMatches(KEY, digest)).toBe(true);
    expect(apiKeyMatches(`${KEY}x`, digest)).toBe(false);
    expect(apiKeyMatches('x', digest)).toBe(false);
    expect(apiKeyMatches(undefined, digest)).toBe(false);

    const calls = spy.mock.calls.slice(before);
    expect(calls).toHaveLength(3);
    for (const [a, b] of calls) expect((a as Buffer).length).toBe((b as Buffer).length);
  });

  it('reads the key from Authorization: Bearer or x-api-key', () => {
    expect(presentedKey(req({ authorization: `Bearer ${KEY}` }))).toBe(KEY);
    expect(presentedKey(req({ authorization: `bearer   ${KEY} ` }))).toBe(KEY);
    expect(presentedKey(req({ 'x-api-key': KEY }))).toBe(KEY);
    expect(presentedKey(req({ authorization: `Basic ${KEY}` }))).toBeUndefined();
    expect(presentedKey(req({}))).toBeUndefined();
  });
});

describe('Host and Origin checks', () => {
  it('on loopback, accepts loopback Host headers with the bound port only', () => {
    expect(hostAllowed(req({ host: '127.0.0.1:8080' }), '127.0.0.1', 8080)).toBe(true);
    expect(hostAllowed(req({ host: 'localhost:8080' }), '127.0.0.1', 8080)).toBe(true);
    expect(hostAllowed(req({ host: '[::1]:8080' }), '::1', 8080)).toBe(true);
    expect(hostAllowed(req({ host: 'evil.example:8080' }), '127.0.0.1', 8080)).toBe(false);
    expect(hostAllowed(req({ host: '127.0.0.1:9999' }), '127.0.0.1', 8080)).toBe(false);
    expect(hostAllowed(req({}), '127.0.0.1', 8080)).toBe(false);
  });

  it('accepts any Host on a network binding (the API key protects it)', () => {
    expect(hostAllowed(req({ host: 'models.internal:8080' }), '0.0.0.0', 8080)).toBe(true);
  });

  it('flags browser requests from other origins', () => {
    expect(isForeignOrigin(req({ host: '127.0.0.1:8080' }))).toBe(false);
    expect(isForeignOrigin(req({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }))).toBe(false);
    expect(isForeignOrigin(req({ host: '127.0.0.1:8080', origin: 'https://evil.example' }))).toBe(true);
    expect(isForeignOrigin(req({ host: '127.0.0.1:8080', origin: 'null' }))).toBe(true);
  });
});
