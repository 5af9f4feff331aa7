// API parity of the Deploy and Serve domains: the same scenario through dispatch (what IPC calls)
// and through the headless studio's HTTP adapter on port 0 (what the browser calls) gives the same
// results once ids, times, folders and ports are masked, because the transports hold no logic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/api/backend.js';
import type { StudioServer } from '../../../electron/backend/web/server.js';
import type { ApiResult } from '../../../shared/api/result.js';
import { httpCall, startTestServer } from '../../helpers/http.js';
import { tempDir, testBackend, type TempDir } from '../../helpers/project.js';
import { fixture } from '../training/helpers.js';

type Caller = (method: string, args: unknown) => Promise<ApiResult<unknown>>;

const VOLATILE = new Set(['uptimeSeconds', 'latency', 'memory', 'requestsPerSecond', 'latencyMs', 'durationMs', 'elapsedMs']);

/** Masks what legitimately differs between two runs: ids, times, the folder, ports and timings. */
function normalize(value: unknown, dir: string): unknown {
  if (typeof value === 'string') {
    return value
      .split(dir)
      .join('<dir>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
      .replace(/\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/g, '<date>');
  }
  if (Array.isArray(value)) return value.map((v) => normalize(v, dir));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, VOLATILE.has(k) ? '<volatile>' : k === 'port' && typeof v === 'number' ? '<port>' : normalize(v, dir)]));
  }
  return value;
}

/** The scenario; returns every call's normalized result. */
async function scenario(call: Caller, dir: string): Promise<unknown[]> {
  const results: unknown[] = [];
  const data = async <T>(method: string, args: unknown, keep = true): Promise<T> => {
    const r = await call(method, args);
    if (keep) results.push({ method, result: normalize(r, dir) });
    if (!r.ok) throw new Error(`${method}: [${r.error.code}] ${r.error.message}`);
    return r.data as T;
  };
  const expectError = async (method: string, args: unknown): Promise<void> => {
    const r = await call(method, args);
    results.push({ method, result: normalize(r, dir) });
    expect(r.ok).toBe(false);
  };
  const waitJob = async (jobId: string): Promise<void> => {
    for (;;) {
      const jobs = await data<Array<{ jobId: string; state: string }>>('job.list', {}, false);
      const j = jobs.find((x) => x.jobId === jobId);
      if (j && ['done', 'failed', 'cancelled'].includes(j.state)) {
        expect(j.state).toBe('done');
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  await data('project.create', { name: 'Parity', dir }, false);
  const imported = await data<{ jobId: string; datasetId: string }>('data.import', { path: fixture('churn.csv'), options: { target: 'leaves' } }, false);
  await waitJob(imported.jobId);
  const parted = await data<{ jobId: string }>('data.partition', { datasetId: imported.datasetId, spec: { method: 'stratified', fractions: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 1, column: 'leaves', target: 'leaves' } }, false);
  await waitJob(parted.jobId);
  const started = await data<{ runs: Array<{ runId: string; jobId: string }> }>('training.start', { datasetId: imported.datasetId, models: [{ id: 'logreg' }] }, false);
  await waitJob(started.runs[0].jobId);

  await data('registry.models', {});
  await data('registry.register', { runId: started.runs[0].runId, name: 'churn', stage: 'production', comment: 'parity' });
  await data('registry.model', { name: 'churn' });
  await data('registry.resolve', { ref: 'churn@production' });
  await data('registry.card', { name: 'churn', version: 1, locale: 'es' });
  await data('registry.saveCard', { name: 'churn', version: 1, sections: [{ id: 'overview', markdown: 'Edited.' }] });
  await expectError('registry.setStage', { name: 'churn', version: 1, stage: 'production' });
  await expectError('registry.register', { runId: started.runs[0].runId, name: 'bad name' });
  await data('registry.audit', {});
  await data('lifecycle.status', {});
  await data('serving.status', {});
  const status = await data<{ url: string; models: Array<{ exampleRow: Record<string, unknown> }> }>('serving.start', { models: ['churn'], port: 0 });
  const reply = await fetch(`${status.url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dataframe_records: [status.models[0].exampleRow] }) });
  results.push({ predictions: await reply.json() });
  for (;;) {
    const recent = await data<{ total: number }>('serving.recentPredictions', {}, false);
    if (recent.total === 1) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await data('serving.recentPredictions', {});
  await expectError('serving.start', { models: ['churn'], port: 0 });
  await data('serving.stop', {});
  await data('serving.batches', {});
  await data('lifecycle.status', {});
  await data('project.close', {}, false);
  return results;
}

let tmp: TempDir;
let direct: Backend;
let viaHttp: Backend;
let server: StudioServer;

beforeAll(async () => {
  tmp = tempDir('ciclo-serving-parity-');
  direct = testBackend(join(tmp.path, 'a'));
  viaHttp = testBackend(join(tmp.path, 'b'));
  server = await startTestServer(viaHttp);
});

afterAll(async () => {
  await server.close();
  await direct.dispose();
  await viaHttp.dispose();
  tmp.cleanup();
});

describe('registry and serving API parity', () => {
  it('gives the same results through dispatch and through HTTP', { timeout: 600_000 }, async () => {
    const dirA = join(tmp.path, 'a', 'projects');
    const dirB = join(tmp.path, 'b', 'projects');
    const a = await scenario((m, args) => direct.dispatch(m, args), dirA);
    const b = await scenario(async (m, args) => (await httpCall(server, m, args)).json as ApiResult<unknown>, dirB);

    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(15);
  });
});
