// The headless studio prints a URL like http://127.0.0.1:PORT/#token=SECRET. The token is read
// once from the fragment (fragments never reach server logs or Referer headers), kept in
// sessionStorage so a reload still works, and removed from the address bar so it is not
// bookmarked or shared by accident.

const STORAGE_KEY = 'ciclo.token';

/** The parts of `window` the token logic needs (injectable for tests). */
export interface TokenEnv {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
}

/** Reads the session token from the URL fragment or sessionStorage; clears the fragment. */
export function readSessionToken(env: TokenEnv): string | null {
  const fragment = env.location.hash.replace(/^#/, '');
  const fromUrl = new URLSearchParams(fragment).get('token');
  if (fromUrl) {
    env.storage?.setItem(STORAGE_KEY, fromUrl);
    env.history.replaceState(null, '', env.location.pathname + env.location.search);
    return fromUrl;
  }
  return env.storage?.getItem(STORAGE_KEY) ?? null;
}
