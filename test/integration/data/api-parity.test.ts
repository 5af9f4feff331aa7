// Data methods through dispatch (what IPC calls) and through HTTP on port 0 (what the browser
// calls) give the same results: preview, import (a job), list, versions, rows, tags, diff and
// the errors, after replacing what legitimately differs (ids, folders, clock).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ApiResult } from '../../../shared/api/result.js';
import type { Backend } from '../../../electron/backend/api/backend.js';
import { httpCall, startTestServer } from '../../helpers/http.js';
import { tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { jobOk, SMALL_HEADER, smallRows, writeCsv } from './helpers.js';

type Caller = (method: string, args: unknown) => Promise<ApiResult<unknown>>;

async function scenario(call: Caller, backend: Backend, dir: string): Promise<unknown[]> {
  const results: unknown[] = [];
  const run = async (method: string, args: unknown) => {
    const r = await call(method, args);
    results.push({ method, r });
    return r;
  };
  const data = async <T = Record<string, unknown>>(method: string, args: unknown): Promise<T> => {
    const r = await run(method, args);
    if (!r.ok) throw new Error(`${method}: [${r.error.code}] ${r.error.message}`);
    return r.data as T;
  };
  const file = writeCsv(dir, 'parity.csv', SMALL_HEADER, smallRows(120));
  expect((await run('data.list', {})).ok).toBe(true);
  await data('project.create', { name: 'Parity', dir });
  const preview = await data<{ columns: { name: string; type: string }[] }>('data.preview', { path: file });
  expect(preview.columns.map((c) => c.name)).toEqual([...SMALL_HEADER]);
  const started = await data<{ jobId: string; datasetId: string; versionId: string }>('data.import', { path: file, options: { target: 'label' } });
  await jobOk(backend, started.jobId);
  await data('data.list', {});
  await data('data.versions', { datasetId: started.datasetId });
  await data('data.rows', { datasetId: started.datasetId, offset: 100, limit: 5 });
  await data('data.tag', { datasetId: started.datasetId, versionId: started.versionId, tag: 'first' });
  const roles = await data<{ id: string }>('data.setRoles', { datasetId: started.datasetId, target: 'label', ignored: ['code'] });
  await data('data.diff', { datasetId: started.datasetId, a: started.versionId, b: roles.id });
  await data('data.recipe', { datasetId: started.datasetId });
  expect((await run('data.get', { datasetId: 'no-such-dataset' })).ok).toBe(false);
  expect((await run('data.rows', { datasetId: started.datasetId, limit: 5000 })).ok).toBe(false);
  expect((await run('data.preview', { path: join(dir, 'missing.csv') })).ok).toBe(false);
  await data('project.close', {});
  return results;
}

/** Ids (UUIDs), temp folders and times differ between runs; everything else must not. */
function normalise(results: unknown[], dir: string): unknown {
  const ids = new Map<string, string>();
  const text = JSON.stringify(results)
    .split(dir)
    .join('<dir>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `<id${ids.size}>`);
      return ids.get(id) as string;
    })
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
    .replace(/"elapsedMs":[\d.]+/g, '"elapsedMs":0');
  return JSON.parse(text);
}

let a: TempDir;
let b: TempDir;
beforeEach(() => {
  a = tempDir();
  b = tempDir();
});
afterEach(() => {
  a.cleanup();
  b.cleanup();
});

describe('data API parity between dispatch and HTTP', () => {
  it('gives the same results for the data scenario', { timeout: 240_000 }, async () => {
    const direct = testBackend(a.path);
    const viaDispatch = await scenario((m, args) => direct.dispatch(m, args), direct, a.path);
    await direct.dispose();

    const served = testBackend(b.path);
    const server = await startTestServer(served);
    try {
      const viaHttp = await scenario(
        async (m, args) => {
          const res = await httpCall(server, m, args);
          return res.json as ApiResult<unknown>;
        },
        served,
        b.path,
      );
      expect(normalise(viaHttp, b.path)).toEqual(normalise(viaDispatch, a.path));
      expect(viaHttp).toHaveLength(15);
    } finally {
      await server.close();
      await served.dispose();
    }
  });
});
