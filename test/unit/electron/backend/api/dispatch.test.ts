import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../../../../electron/backend/api/index.js';
import { createBackendContext, type BackendContext } from '../../../../../electron/backend/api/context.js';
import { createDispatch } from '../../../../../electron/backend/api/dispatch.js';
import type { ApiHandlers } from '../../../../../shared/api/contract.js';
import { AppError } from '../../../../../shared/errors.js';
import { CancelledError, InvalidInputError, NotFittedError } from '../../../../../electron/ml/core/errors.js';
import { tempDir, type TempDir } from '../../../../helpers/project.js';
import { join } from 'node:path';

let tmp: TempDir;
let ctx: BackendContext;
let logged: unknown[];

beforeEach(() => {
  tmp = tempDir();
  logged = [];
  ctx = createBackendContext({
    mode: 'headless',
    appVersion: '9.9.9',
    configDir: join(tmp.path, 'home'),
    defaultProjectDir: join(tmp.path, 'projects'),
    systemLocale: 'es',
  });
});
afterEach(() => tmp.cleanup());

/** A dispatch whose `app.info` handler is replaced by `impl`. */
function dispatchWith(impl: (...args: unknown[]) => unknown) {
  const handlers = { ...createApiHandlers(), 'app.info': impl } as unknown as ApiHandlers<BackendContext>;
  return createDispatch(handlers, ctx, { log: (_m, err) => logged.push(err) });
}

describe('dispatch', () => {
  it('returns the handler\'s value in an ok envelope', async () => {
    const dispatch = createDispatch(createApiHandlers(), ctx);
    const r = await dispatch('app.info', {});
    expect(r).toEqual({
      ok: true,
      data: expect.objectContaining({ version: '9.9.9', mode: 'headless', systemLocale: 'es', hasNativeDialogs: false }),
    });
  });

  it('treats missing args as {}', async () => {
    const dispatch = createDispatch(createApiHandlers(), ctx);
    expect((await dispatch('project.current', undefined)).ok).toBe(true);
  });

  it('refuses an unknown method with UNKNOWN_METHOD (including prototype names)', async () => {
    const dispatch = createDispatch(createApiHandlers(), ctx);
    for (const name of ['project.explode', 'toString', '__proto__', '']) {
      const r = await dispatch(name, {});
      expect(r.ok ? null : r.error.code).toBe('UNKNOWN_METHOD');
    }
  });

  it('validates args with the method\'s schema: INVALID_ARGUMENT with the field path and every issue', async () => {
    const dispatch = createDispatch(createApiHandlers(), ctx);
    const r = await dispatch('objective.save', { objective: { inputs: 'a', target: 'b', taskType: 'clustering', metric: 'accuracy', threshold: '0.9', costNotes: '' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_ARGUMENT');
    expect(r.error.details?.field).toBe('objective.taskType');
    expect(r.error.details?.issues?.map((i) => i.path)).toEqual(['objective.taskType', 'objective.threshold']);
  });

  it('refuses a project name that cannot be a file name', async () => {
    const dispatch = createDispatch(createApiHandlers(), ctx);
    const r = await dispatch('project.create', { name: 'a/b' });
    expect(r.ok ? null : r.error.details?.field).toBe('name');
  });

  it('maps an AppError to its code, key, params and details', async () => {
    const r = await dispatchWith(() => {
      throw new AppError('CONFLICT', 'Already there.', { messageKey: 'errors.CONFLICT.dataset', params: { name: 'x' }, details: { field: 'name' } });
    })('app.info', {});
    expect(r).toEqual({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.CONFLICT.dataset', message: 'Already there.', params: { name: 'x' }, details: { field: 'name' } } });
  });

  it('maps engine errors by their code, keeping the field', async () => {
    const invalid = await dispatchWith(() => {
      throw new InvalidInputError('Column has NaN.', 'age');
    })('app.info', {});
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'age' } } });
    const notFitted = await dispatchWith(() => {
      throw new NotFittedError('LinearRegression');
    })('app.info', {});
    expect(notFitted).toMatchObject({ ok: false, error: { code: 'NOT_FITTED' } });
    const cancelled = await dispatchWith(async () => {
      throw new CancelledError();
    })('app.info', {});
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('hides unexpected errors as INTERNAL, logging the stack without sending it', async () => {
    const boom = new Error('secret path /home/someone/x');
    const r = await dispatchWith(() => {
      throw boom;
    })('app.info', {});
    expect(r.ok ? null : r.error.code).toBe('INTERNAL');
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(logged).toContain(boom);
  });

  it('refuses a handler result that breaks the output schema', async () => {
    const r = await dispatchWith(() => ({ version: 1 }))('app.info', {});
    expect(r.ok ? null : r.error.code).toBe('INTERNAL');
    expect(logged).toHaveLength(1);
  });

  it('says NO_PROJECT_OPEN for project methods without a project', async () => {
    const dispatch = createDispatch(createApiHandlers(), ctx);
    for (const m of ['objective.get', 'checklist.get', 'objective.save'] as const) {
      const args = m === 'objective.save' ? { objective: { inputs: 'a', target: 'b', taskType: 'regression', metric: 'mae', threshold: 1, costNotes: '' } } : {};
      const r = await dispatch(m, args);
      expect(r.ok ? null : r.error.code).toBe('NO_PROJECT_OPEN');
    }
  });

  it('answers the dialog methods with UNSUPPORTED in headless mode', async () => {
    const dispatch = createDispatch(createApiHandlers(), ctx);
    expect(await dispatch('dialog.openProject', {})).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await dispatch('dialog.saveProject', { defaultName: 'x' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });

  it('uses native dialogs when the host provides them', async () => {
    const dispatch = createDispatch(
      createApiHandlers({ dialogs: { openProject: async () => '/p/a.ciclo', saveProject: async () => '/p/New one' } }),
      ctx,
    );
    expect(await dispatch('dialog.openProject', {})).toEqual({ ok: true, data: { path: '/p/a.ciclo' } });
    expect(await dispatch('dialog.saveProject', {})).toEqual({ ok: true, data: { dir: '/p', name: 'New one', path: '/p/New one.ciclo' } });
    expect(await dispatch('app.info', {})).toMatchObject({ ok: true, data: { hasNativeDialogs: true } });
  });
});
