import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerStepStatusProvider, availableSteps } from '../../../../../electron/backend/api/lifecycle.js';
import { setOverride, clearOverride } from '../../../../../electron/backend/storage/repos/step-states.js';
import type { Backend } from '../../../../../electron/backend/api/backend.js';
import { STEP_IDS } from '../../../../../shared/domain/lifecycle.js';
import { answers, callOk, sampleObjective, tempDir, testBackend, type TempDir } from '../../../../helpers/project.js';

let tmp: TempDir;
let backend: Backend;
beforeEach(async () => {
  tmp = tempDir();
  backend = testBackend(tmp.path);
});
afterEach(async () => {
  await backend.dispose();
  tmp.cleanup();
});

const status = async (step: string) => (await callOk(backend, 'lifecycle.status', {})).find((s) => s.step === step);

describe('lifecycle.status', () => {
  it('lists the ten steps even with no project open', async () => {
    const steps = await callOk(backend, 'lifecycle.status', {});
    expect(steps).toHaveLength(10);
    expect(steps[0]).toEqual({ step: 'objective', state: 'not_started', isAvailable: true });
    expect(steps[9]).toEqual({ step: 'maintain', state: 'not_started', isAvailable: false, reasonKey: 'lifecycle.reason.notAvailableYet' });
  });

  it('derives the checklist state: notes only count as started, partial is in progress', async () => {
    await callOk(backend, 'project.create', { name: 'States' });
    const noted = answers({});
    noted.perception.note = 'maybe images later';
    await callOk(backend, 'checklist.save', { answers: noted });
    expect((await status('checklist'))?.state).toBe('in_progress');
    await callOk(backend, 'checklist.save', { answers: answers({}) });
    expect((await status('checklist'))?.state).toBe('not_started');
  });

  it('lets a later domain plug in its step with registerStepStatusProvider', async () => {
    await callOk(backend, 'project.create', { name: 'Plugged' });
    // Use a step no domain has claimed yet in this build (later issues register theirs).
    const free = STEP_IDS.find((s) => !availableSteps().includes(s));
    const taken = availableSteps()[0];
    expect(() => registerStepStatusProvider(taken, () => ({ state: 'done' }))).toThrow(/already registered/);
    if (!free) return;
    expect((await status(free))?.isAvailable).toBe(false);
    const unregister = registerStepStatusProvider(free, () => ({ state: 'in_progress', reasonKey: 'lifecycle.reason.test.plugged' }));
    try {
      expect(await status(free)).toEqual({ step: free, state: 'in_progress', isAvailable: true, reasonKey: 'lifecycle.reason.test.plugged' });
    } finally {
      unregister();
    }
    expect((await status(free))?.isAvailable).toBe(false);
  });

  it('shows an override recorded in the project over the computed state, until cleared', async () => {
    await callOk(backend, 'project.create', { name: 'Overrides' });
    await callOk(backend, 'objective.save', { objective: sampleObjective() });
    const db = backend.ctx.session.require().db;
    setOverride(db, 'objective', 'needs_attention', 'lifecycle.reason.objective.metricMissed', '2026-01-01T00:00:00Z');
    expect(await status('objective')).toEqual({ step: 'objective', state: 'needs_attention', isAvailable: true, reasonKey: 'lifecycle.reason.objective.metricMissed' });
    clearOverride(db, 'objective');
    expect((await status('objective'))?.state).toBe('done');
  });
});
