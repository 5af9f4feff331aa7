import { describe, expect, it } from 'vitest';
import type { TokenEnv } from '../../../../renderer/api/token.js';
import { readSessionToken } from '../../../../renderer/api/token.js';

function env(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [['ciclo.token', stored]] : []);
  const replaced: string[] = [];
  const e: TokenEnv = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_d, _u, url) => void replaced.push(url ?? '') },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { e, storage, replaced };
}

describe('readSessionToken', () => {
  it('takes the token from the fragment, stores it and clears the address bar', () => {
    const { e, storage, replaced } = env('#token=abc123');
    expect(readSessionToken(e)).toBe('abc123');
    expect(storage.get('ciclo.token')).toBe('abc123');
    expect(replaced).toEqual(['/']);
  });

  it('falls back to the stored token after a reload', () => {
    const { e, replaced } = env('', 'stored');
    expect(readSessionToken(e)).toBe('stored');
    expect(replaced).toEqual([]);
  });

  it('returns null when there is no token anywhere', () => {
    expect(readSessionToken(env('#other=1').e)).toBeNull();
  });
});
