// The headless studio's front door: token, Host and Origin checks, loopback-only binding, the
// event stream, static files with the CSP. Real HTTP on 127.0.0.1, port 0.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Backend } from '../../electron/backend/api/backend.js';
import type { StudioServer } from '../../electron/backend/web/server.js';
import { startStudioServer } from '../../electron/backend/web/server.js';
import { tempDir, testBackend, type TempDir } from '../helpers/project.js';
import { rawRequest, startTestServer } from '../helpers/http.js';

let tmp: TempDir;
let backend: Backend;
let server: StudioServer;

beforeEach(async () => {
  tmp = tempDir();
  const renderer = join(tmp.path, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Ciclo</title><div id="root"></div>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  backend = testBackend(tmp.path);
  server = await startTestServer(backend, { staticDir: renderer });
});
afterEach(async () => {
  await server.close();
  await backend.dispose();
  tmp.cleanup();
});

const hostHeader = () => `127.0.0.1:${server.port}`;
const api = (method: string, headers: Record<string, string>, body = '{}') =>
  rawRequest(server, { method: 'POST', path: `/api/${method}`, headers: { host: hostHeader(), 'content-type': 'application/json', ...headers }, body });

describe('studio security', () => {
  it('prints a URL whose fragment carries the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers a call with the right token', async () => {
    const res = await api('app.info', { 'x-ciclo-token': server.token });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, data: { mode: 'headless' } });
  });

  it('refuses a call without a token or with a wrong one (401 UNAUTHORIZED)', async () => {
    const attempts: Array<Record<string, string>> = [{}, { 'x-ciclo-token': 'guess' }, { 'x-ciclo-token': `${server.token}x` }];
    for (const headers of attempts) {
      const res = await api('app.info', headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('does not accept the token in the query string for ordinary calls', async () => {
    const res = await rawRequest(server, { method: 'POST', path: `/api/app.info?token=${server.token}`, headers: { host: hostHeader() }, body: '' });
    expect(res.status).toBe(401);
  });

  it('refuses a call from another web page even with the token (403 FORBIDDEN)', async () => {
    for (const origin of ['http://evil.example', 'http://localhost:1234', `http://127.0.0.1:${server.port + 1}`, 'null']) {
      const res = await api('app.info', { 'x-ciclo-token': server.token, origin });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('accepts its own origin', async () => {
    const res = await api('app.info', { 'x-ciclo-token': server.token, origin: server.origin });
    expect(res.status).toBe(200);
  });

  it('refuses cross-site fetch metadata', async () => {
    const res = await api('app.info', { 'x-ciclo-token': server.token, 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
  });

  it('refuses a request naming another Host (DNS rebinding), for the API and the page alike', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `localhost:${server.port}`, '127.0.0.1']) {
      const res = await api('app.info', { 'x-ciclo-token': server.token, host });
      expect(res.status).toBe(403);
      const page = await rawRequest(server, { path: '/', headers: { host } });
      expect(page.status).toBe(403);
    }
  });

  it('refuses to bind a non-loopback address unless remote access is allowed', async () => {
    await expect(startStudioServer({ dispatch: backend.dispatch, events: backend.ctx.events, host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { field: 'host' },
    });
    const remote = await startStudioServer({ dispatch: backend.dispatch, events: backend.ctx.events, host: '0.0.0.0', port: 0, allowRemote: true });
    await remote.close();
  });

  it('reports body problems with PARSE_ERROR', async () => {
    const bad = await api('app.info', { 'x-ciclo-token': server.token }, '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('PARSE_ERROR');
    const form = await api('app.info', { 'x-ciclo-token': server.token, 'content-type': 'application/x-www-form-urlencoded' }, 'a=b');
    expect(form.status).toBe(415);
  });

  it('refuses a body over the size limit with 413', async () => {
    const small = await startStudioServer({ dispatch: backend.dispatch, events: backend.ctx.events, port: 0, maxBodyBytes: 100, staticDir: tmp.path });
    try {
      const res = await rawRequest(small, {
        method: 'POST',
        path: '/api/app.info',
        headers: { host: `127.0.0.1:${small.port}`, 'x-ciclo-token': small.token, 'content-type': 'application/json' },
        body: JSON.stringify({ pad: 'x'.repeat(500) }),
      });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('routes through dispatch: an unknown method is UNKNOWN_METHOD, GET on a method is 405', async () => {
    const unknown = await api('nothing.here', { 'x-ciclo-token': server.token });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const get = await rawRequest(server, { path: '/api/app.info', headers: { host: hostHeader(), 'x-ciclo-token': server.token } });
    expect(get.status).toBe(405);
  });

  it('serves the renderer with a strict Content-Security-Policy, falling back to index.html', async () => {
    const page = await rawRequest(server, { path: '/', headers: { host: hostHeader() } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await rawRequest(server, { path: '/objective', headers: { host: hostHeader() } })).body).toContain('<div id="root">');
    expect((await rawRequest(server, { path: '/assets/app.js', headers: { host: hostHeader() } })).headers['content-type']).toContain('javascript');
    expect((await rawRequest(server, { path: '/assets/missing.js', headers: { host: hostHeader() } })).status).toBe(404);
    expect((await rawRequest(server, { path: '/../../etc/passwd', headers: { host: hostHeader() } })).body).not.toContain('root:');
    expect((await rawRequest(server, { path: '/%2e%2e/%2e%2e/etc/passwd', headers: { host: hostHeader() } })).body).not.toContain('root:');
  });
});

describe('the event stream', () => {
  /** Opens /api/events and collects data lines until `count` events arrived. */
  function collect(path: string, headers: Record<string, string>, count: number): Promise<{ status: number; events: unknown[] }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: hostHeader(), ...headers } }, (res) => {
        const events: unknown[] = [];
        if (res.statusCode !== 200) {
          res.resume();
          resolve({ status: res.statusCode ?? 0, events });
          return;
        }
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
          }
          if (events.length >= count) {
            req.destroy();
            resolve({ status: 200, events });
          }
        });
      });
      req.on('error', (err) => (err.message.includes('aborted') ? undefined : reject(err)));
      req.end();
    });
  }

  it('carries contract events to a client holding the token (query parameter or header)', async () => {
    const viaQuery = collect(`/api/events?token=${server.token}`, {}, 2);
    const viaHeader = collect('/api/events', { 'x-ciclo-token': server.token }, 2);
    await new Promise((r) => setTimeout(r, 100));
    await api('project.create', { 'x-ciclo-token': server.token }, JSON.stringify({ name: 'Evented', dir: tmp.path }));
    for (const stream of [await viaQuery, await viaHeader]) {
      expect(stream.events).toEqual([
        { event: 'project.changed', payload: { area: 'project' } },
        { event: 'project.changed', payload: { area: 'lifecycle' } },
      ]);
    }
    await api('project.close', { 'x-ciclo-token': server.token });
  });

  it('refuses the stream without the token, or from another origin', async () => {
    expect((await collect('/api/events', {}, 1)).status).toBe(401);
    expect((await collect('/api/events?token=wrong', {}, 1)).status).toBe(401);
    expect((await collect(`/api/events?token=${server.token}`, { origin: 'http://evil.example' }, 1)).status).toBe(403);
  });
});
