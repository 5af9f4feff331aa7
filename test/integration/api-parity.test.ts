// API parity: the same scenario through dispatch (what IPC calls) and through HTTP on port 0
// (what the browser calls) must give the same results, because both transports hold no logic.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ApiResult } from '../../shared/api/result.js';
import { answers, sampleObjective, tempDir, testBackend, type TempDir } from '../helpers/project.js';
import { httpCall, startTestServer } from '../helpers/http.js';
import { latestSchemaVersion } from '../../electron/backend/storage/migrations/index.js';
import { availableSteps } from '../../electron/backend/api/lifecycle.js';

type Caller = (method: string, args: unknown) => Promise<ApiResult<unknown>>;
type Step = { method: string; args: unknown; result: ApiResult<unknown> };

/** Runs the foundation scenario, asserting along the way; returns every step for comparison. */
async function scenario(call: Caller, dir: string): Promise<Step[]> {
  const steps: Step[] = [];
  const run = async (method: string, args: unknown): Promise<ApiResult<unknown>> => {
    const result = await call(method, args);
    steps.push({ method, args, result });
    return result;
  };
  const data = async <T = Record<string, unknown>>(method: string, args: unknown): Promise<T> => {
    const r = await run(method, args);
    if (!r.ok) throw new Error(`${method}: [${r.error.code}] ${r.error.message}`);
    return r.data as T;
  };
  const errorOf = async (method: string, args: unknown) => {
    const r = await run(method, args);
    expect(r.ok, `${method} should fail`).toBe(false);
    return r.ok ? null : r.error;
  };
  const stateOf = async (step: string) =>
    (await data<Array<{ step: string; state: string; isAvailable: boolean }>>('lifecycle.status', {})).find((s) => s.step === step);

  expect(await data('app.info', {})).toMatchObject({ mode: 'headless', hasNativeDialogs: false });
  expect(await data('project.current', {})).toBeNull();
  expect(await data('project.recent', {})).toEqual([]);

  const created = await data<{ path: string; name: string; isReadOnly: boolean; schemaVersion: number }>('project.create', { name: 'Parity', dir });
  expect(created).toMatchObject({ path: join(dir, 'Parity.ciclo'), name: 'Parity', isReadOnly: false, schemaVersion: latestSchemaVersion() });
  expect((await errorOf('project.create', { name: 'Parity', dir }))?.code).toBe('PROJECT_EXISTS');

  const steps0 = await data<Array<{ step: string; state: string; isAvailable: boolean }>>('lifecycle.status', {});
  expect(steps0.map((s) => s.step)).toEqual(['objective', 'checklist', 'data', 'features', 'train', 'evaluate', 'deploy', 'serve', 'monitor', 'maintain']);
  // Steps whose domain registered a status provider are available; the others say they are not built yet.
  const built = new Set<string>(availableSteps());
  expect(['objective', 'checklist', 'data'].every((s) => built.has(s))).toBe(true);
  expect(steps0.map((s) => [s.step, s.state, s.isAvailable])).toEqual(steps0.map((s) => [s.step, 'not_started', built.has(s.step)]));

  expect(await data('objective.get', {})).toBeNull();
  const mismatch = await errorOf('objective.save', { objective: { ...sampleObjective(), taskType: 'regression' } });
  expect(mismatch).toMatchObject({ code: 'INVALID_ARGUMENT', messageKey: 'errors.objective.metricNotForTask', details: { field: 'metric' } });
  const saved = await data('objective.save', { objective: { ...sampleObjective(), inputs: '  Age and plan  ' } });
  expect(saved).toMatchObject({ ...sampleObjective(), inputs: 'Age and plan' });
  expect((await stateOf('objective'))?.state).toBe('done');

  const partial = await data<{ verdict: { kind: string } }>('checklist.save', { answers: answers({ rulesSuffice: 'no' }) });
  expect(partial.verdict.kind).toBe('incomplete');
  expect((await stateOf('checklist'))?.state).toBe('in_progress');
  const against = await data<{ verdict: { kind: string } }>('checklist.save', {
    answers: answers({ rulesSuffice: 'yes', dataAffordable: 'yes', objectiveSimple: 'yes', toleratesErrors: 'yes' }),
  });
  expect(against.verdict.kind).toBe('reconsider');
  expect((await stateOf('checklist'))?.state).toBe('needs_attention');
  const withNote = answers({ rulesSuffice: 'no', dataAffordable: 'yes', objectiveSimple: 'yes', toleratesErrors: 'yes', perception: 'yes', dataExists: 'no' });
  withNote.dataExists.note = 'We would log it from the call centre.';
  const fits = await data<{ verdict: { kind: string }; answers: typeof withNote }>('checklist.save', { answers: withNote });
  expect(fits.verdict.kind).toBe('strongly_indicated');
  expect(fits.answers.dataExists).toEqual({ value: 'no', note: 'We would log it from the call centre.' });
  expect((await stateOf('checklist'))?.state).toBe('done');

  const renamed = await data<{ path: string; name: string }>('project.rename', { name: 'Parity renamed' });
  expect(renamed).toMatchObject({ path: join(dir, 'Parity renamed.ciclo'), name: 'Parity renamed' });
  expect(await data('project.close', {})).toEqual({ closed: true });
  expect(await data('project.close', {})).toEqual({ closed: false });

  // Reopen read-only: everything is still there; writes are refused.
  expect(await data('project.open', { path: renamed.path, readOnly: true })).toMatchObject({ isReadOnly: true, name: 'Parity renamed' });
  expect(await data('objective.get', {})).toMatchObject({ metric: 'recall', threshold: 0.8, positiveClass: 'leaves' });
  expect((await data<{ answers: typeof withNote }>('checklist.get', {})).answers.dataExists.note).toBe('We would log it from the call centre.');
  expect((await errorOf('objective.save', { objective: sampleObjective() }))?.code).toBe('READ_ONLY');
  expect(await data('project.open', { path: renamed.path })).toMatchObject({ isReadOnly: false });

  const recent = await data<Array<{ path: string; exists: boolean }>>('project.recent', {});
  expect(recent).toEqual([expect.objectContaining({ path: renamed.path, name: 'Parity renamed', exists: true })]);

  expect(await data('project.delete', { path: renamed.path })).toEqual({ deleted: true });
  expect(await data('project.current', {})).toBeNull();
  expect(await data('project.recent', {})).toEqual([]);
  expect((await errorOf('project.open', { path: renamed.path }))?.code).toBe('NOT_FOUND');
  expect(await data('project.forgetRecent', { path: renamed.path })).toEqual([]);

  expect((await errorOf('project.teleport', {}))?.code).toBe('UNKNOWN_METHOD');
  expect((await errorOf('project.open', { path: '' }))?.details).toMatchObject({ field: 'path' });
  expect((await errorOf('objective.get', {}))?.code).toBe('NO_PROJECT_OPEN');
  expect(await data('job.list', {})).toEqual([]);
  return steps;
}

/** Replaces what legitimately differs between two runs (temp folders, clock) with markers. */
function normalise(steps: Step[], dir: string): unknown {
  const text = JSON.stringify(steps).split(dir).join('<dir>');
  return JSON.parse(text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>'));
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

describe('API parity between dispatch and HTTP', () => {
  it('gives the same results for the foundation scenario', async () => {
    const direct = testBackend(a.path);
    const viaDispatch = await scenario((m, args) => direct.dispatch(m, args), join(a.path, 'projects'));
    await direct.dispose();

    const served = testBackend(b.path);
    const server = await startTestServer(served);
    try {
      const viaHttp = await scenario(async (m, args) => {
        const res = await httpCall(server, m, args);
        expect(res.status).toBe(200);
        return res.json as ApiResult<unknown>;
      }, join(b.path, 'projects'));
      expect(normalise(viaHttp, b.path)).toEqual(normalise(viaDispatch, a.path));
    } finally {
      await server.close();
      await served.dispose();
    }
  });
});
