// The stores against a fake API: what they call, what they keep, where errors go.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChecklistState } from '../../../../shared/domain/checklist.js';
import { emptyAnswers } from '../../../../shared/domain/checklist.js';
import type { StepStatus } from '../../../../shared/domain/lifecycle.js';
import { STEP_IDS } from '../../../../shared/domain/lifecycle.js';
import type { Objective } from '../../../../shared/domain/objective.js';
import type { ProjectInfo } from '../../../../shared/api/methods/foundation.js';
import { setApi } from '../../../../renderer/api/client.js';
import { SAVE_DELAY, useChecklistStore } from '../../../../renderer/stores/checklist-store.js';
import { useLifecycleStore } from '../../../../renderer/stores/lifecycle-store.js';
import { useObjectiveStore } from '../../../../renderer/stores/objective-store.js';
import { clearProjectStores } from '../../../../renderer/stores/project-session.js';
import { useProjectStore } from '../../../../renderer/stores/project-store.js';
import { subscribeToBackend } from '../../../../renderer/stores/subscriptions.js';
import { selectLocale, useUiStore } from '../../../../renderer/stores/ui-store.js';
import type { FakeApi } from '../fake-api.js';
import { createFakeApi } from '../fake-api.js';

const NOW = '2025-03-01T10:00:00.000Z';

function project(name: string, isReadOnly = false): ProjectInfo {
  return { path: `/home/u/Ciclo/${name}.ciclo`, name, createdAt: NOW, updatedAt: NOW, schemaVersion: 1, createdWith: '0.1.0', isReadOnly };
}

function statuses(): StepStatus[] {
  return STEP_IDS.map((step) => ({ step, state: 'not_started', isAvailable: step === 'objective' || step === 'checklist' }));
}

/** A backend that holds one project's objective and checklist in memory. */
function backend(api: FakeApi) {
  let objective: (Objective & { updatedAt: string }) | null = null;
  let checklist: ChecklistState = { answers: emptyAnswers(), verdict: { kind: 'incomplete', reasons: [] }, updatedAt: null };
  api.handle('app.info', () => ({
    version: '0.1.0',
    engineVersion: '0.1.0',
    mode: 'headless',
    systemLocale: 'es',
    defaultProjectDir: '/home/u/Ciclo',
    hasNativeDialogs: false,
  }));
  api.handle('project.current', () => null);
  api.handle('project.recent', () => []);
  api.handle('project.create', ({ name }) => project(name.trim()));
  api.handle('lifecycle.status', () => statuses());
  api.handle('objective.get', () => objective);
  api.handle('objective.save', ({ objective: o }) => (objective = { ...(o as Objective), updatedAt: NOW }));
  api.handle('checklist.get', () => checklist);
  api.handle('checklist.save', ({ answers }) => (checklist = { answers: answers as ChecklistState['answers'], verdict: { kind: 'fits', reasons: [] }, updatedAt: NOW }));
}

let api: FakeApi;

beforeEach(() => {
  api = createFakeApi();
  backend(api);
  setApi(api);
  useProjectStore.setState({ startup: 'idle', current: null, recent: [], createErrors: {}, openErrors: {}, renameErrors: {}, recentError: null, busy: null });
  useUiStore.setState({ language: null, systemLocale: null, toasts: [] });
  clearProjectStores();
});

afterEach(() => setApi(null));

describe('project store', () => {
  it('starts up: reads app info, adopts the system language, shows the home when no project is open', async () => {
    await useProjectStore.getState().init();
    const s = useProjectStore.getState();
    expect(s.startup).toBe('ready');
    expect(s.appInfo?.defaultProjectDir).toBe('/home/u/Ciclo');
    expect(s.current).toBeNull();
    expect(selectLocale(useUiStore.getState())).toBe('es');
  });

  it('reports an unreachable backend at start-up instead of hanging', async () => {
    api.fail('app.info', { code: 'UNAUTHORIZED', messageKey: 'errors.UNAUTHORIZED', message: 'no token' });
    await useProjectStore.getState().init();
    expect(useProjectStore.getState().startup).toBe('error');
    expect(useProjectStore.getState().startupError?.code).toBe('UNAUTHORIZED');
  });

  it('creates a project and loads the wizard stores for it', async () => {
    const isCreated = await useProjectStore.getState().createProject({ name: ' Churn ', dir: '/home/u/Ciclo' });
    expect(isCreated).toBe(true);
    expect(api.callsTo('project.create')).toEqual([{ name: 'Churn', dir: '/home/u/Ciclo' }]);
    expect(useProjectStore.getState().current?.name).toBe('Churn');
    expect(useLifecycleStore.getState().activeStep).toBe('objective');
    expect(useObjectiveStore.getState().status).toBe('ready');
    expect(useChecklistStore.getState().status).toBe('ready');
  });

  it('does not call the backend with an invalid form', async () => {
    expect(await useProjectStore.getState().createProject({ name: 'a:b', dir: '' })).toBe(false);
    expect(api.callsTo('project.create')).toEqual([]);
    expect(useProjectStore.getState().createErrors.name?.key).toBe('home.error.nameChars');
    expect(useProjectStore.getState().createErrors.dir?.key).toBe('home.error.dirRequired');
  });

  it('shows a file refusal at the path field, and an unexpected failure as a toast', async () => {
    api.fail('project.open', { code: 'NOT_A_PROJECT', messageKey: 'errors.NOT_A_PROJECT.foreignDatabase', message: 'foreign', details: { field: 'path' } });
    expect(await useProjectStore.getState().openProject('/tmp/other.db')).toBe(false);
    expect(useProjectStore.getState().openErrors.path?.key).toBe('errors.NOT_A_PROJECT.foreignDatabase');
    expect(useUiStore.getState().toasts).toEqual([]);

    api.fail('project.open', { code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: 'disk on fire' });
    expect(await useProjectStore.getState().openProject('/tmp/x.ciclo')).toBe(false);
    expect(useUiStore.getState().toasts).toMatchObject([{ kind: 'error', messageKey: 'errors.INTERNAL', fallback: 'disk on fire' }]);
  });

  it('asks the desktop dialogs for paths, and reports their absence in the browser', async () => {
    api.handle('dialog.saveProject', () => ({ dir: '/home/u/projects', name: 'Sales', path: '/home/u/projects/Sales.ciclo' }));
    expect(await useProjectStore.getState().pickSaveTarget('Sal')).toEqual({ name: 'Sales', dir: '/home/u/projects' });
    expect(api.callsTo('dialog.saveProject')).toEqual([{ defaultName: 'Sal' }]);
    api.handle('dialog.openProject', () => null);
    expect(await useProjectStore.getState().pickProjectFile()).toBeNull();
    api.fail('dialog.openProject', { code: 'UNSUPPORTED', messageKey: 'errors.UNSUPPORTED.dialogs', message: 'no dialogs' });
    expect(await useProjectStore.getState().pickProjectFile()).toBeNull();
    expect(useUiStore.getState().toasts[0]).toMatchObject({ messageKey: 'errors.UNSUPPORTED.dialogs' });
  });

  it('closes the project and forgets its data', async () => {
    api.handle('project.close', () => ({ closed: true }));
    await useProjectStore.getState().createProject({ name: 'P', dir: '/d' });
    useObjectiveStore.getState().setField('target', 'something');
    await useProjectStore.getState().closeProject();
    expect(useProjectStore.getState().current).toBeNull();
    expect(useObjectiveStore.getState().draft.target).toBe('');
    expect(useLifecycleStore.getState().activeStep).toBeNull();
  });
});

describe('objective store', () => {
  beforeEach(async () => {
    await useProjectStore.getState().createProject({ name: 'P', dir: '/d' });
  });

  it('saves a valid objective, shows it back, and refreshes the step states', async () => {
    const s = useObjectiveStore.getState();
    s.setField('inputs', 'customer rows');
    s.setField('target', 'churn');
    s.setField('taskType', 'classification');
    s.setField('metric', 'roc_auc');
    s.setField('threshold', '0,85');
    const lifecycleCalls = api.callsTo('lifecycle.status').length;
    expect(await useObjectiveStore.getState().save()).toBe(true);
    expect(api.callsTo('objective.save')).toEqual([
      { objective: { inputs: 'customer rows', target: 'churn', taskType: 'classification', metric: 'roc_auc', threshold: 0.85, costNotes: '' } },
    ]);
    expect(useObjectiveStore.getState().saved?.threshold).toBe(0.85);
    expect(useObjectiveStore.getState().draft.threshold).toBe('0.85');
    await Promise.resolve();
    expect(api.callsTo('lifecycle.status').length).toBe(lifecycleCalls + 1);
  });

  it('does not send an incomplete objective, and marks its fields', async () => {
    expect(await useObjectiveStore.getState().save()).toBe(false);
    expect(api.callsTo('objective.save')).toEqual([]);
    expect(useObjectiveStore.getState().isSubmitted).toBe(true);
  });

  it('puts the backend field errors at their fields, and editing a field clears its error', async () => {
    api.fail('objective.save', {
      code: 'INVALID_ARGUMENT',
      messageKey: 'errors.objective.thresholdAboveMax',
      message: 'too high',
      params: { metric: 'accuracy', max: 1 },
      details: { field: 'threshold' },
    });
    const s = useObjectiveStore.getState();
    s.setField('inputs', 'a');
    s.setField('target', 'b');
    s.setField('taskType', 'classification');
    s.setField('metric', 'accuracy');
    s.setField('threshold', '0.9');
    expect(await useObjectiveStore.getState().save()).toBe(false);
    expect(useObjectiveStore.getState().serverErrors.threshold?.key).toBe('errors.objective.thresholdAboveMax');
    expect(useUiStore.getState().toasts).toEqual([]);
    useObjectiveStore.getState().setField('threshold', '0.95');
    expect(useObjectiveStore.getState().serverErrors.threshold).toBeUndefined();
  });
});

describe('checklist store', () => {
  beforeEach(async () => {
    await useProjectStore.getState().createProject({ name: 'P', dir: '/d' });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves by itself shortly after answers change, once for a burst of clicks, with notes trimmed', async () => {
    vi.useFakeTimers();
    useChecklistStore.getState().setAnswer('rulesSuffice', 'yes');
    useChecklistStore.getState().setAnswer('rulesSuffice', 'no');
    useChecklistStore.getState().setNote('rulesSuffice', '  too many cases ');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY.answer);
    expect(api.callsTo('checklist.save')).toEqual([]);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY.note);
    const sent = api.callsTo('checklist.save') as Array<{ answers: ChecklistState['answers'] }>;
    expect(sent).toHaveLength(1);
    expect(sent[0].answers.rulesSuffice).toEqual({ value: 'no', note: 'too many cases' });
    expect(useChecklistStore.getState().saved?.updatedAt).toBe(NOW);
  });

  it('sends an answer given during a save in a second save, without losing it', async () => {
    let release: () => void = () => undefined;
    const calls: Array<ChecklistState['answers']> = [];
    api.handle('checklist.save', async ({ answers }) => {
      calls.push(answers as ChecklistState['answers']);
      if (calls.length === 1) await new Promise<void>((r) => (release = r));
      return { answers: answers as ChecklistState['answers'], verdict: { kind: 'incomplete', reasons: [] }, updatedAt: NOW };
    });
    useChecklistStore.getState().setAnswer('perception', 'yes');
    const first = useChecklistStore.getState().save();
    await Promise.resolve();
    useChecklistStore.getState().setAnswer('dataExists', 'no');
    const second = useChecklistStore.getState().save();
    release();
    await Promise.all([first, second]);
    expect(calls).toHaveLength(2);
    expect(calls[1].dataExists.value).toBe('no');
    expect(useChecklistStore.getState().answers.dataExists.value).toBe('no');
    expect(useChecklistStore.getState().answers.perception.value).toBe('yes');
  });

  it('stores pending answers before the project closes', async () => {
    api.handle('project.close', () => ({ closed: true }));
    useChecklistStore.getState().setAnswer('dataRecent', 'yes');
    await useProjectStore.getState().closeProject();
    const sent = api.callsTo('checklist.save') as Array<{ answers: ChecklistState['answers'] }>;
    expect(sent.map((x) => x.answers.dataRecent.value)).toEqual(['yes']);
    const order = api.calls.map((c) => c.method).filter((m) => m === 'checklist.save' || m === 'project.close');
    expect(order).toEqual(['checklist.save', 'project.close']);
  });

  it('reports a refused save (read-only project) as a toast, keeps the answers and can retry', async () => {
    api.fail('checklist.save', { code: 'READ_ONLY', messageKey: 'errors.READ_ONLY', message: 'read-only' });
    useChecklistStore.getState().setAnswer('perception', 'yes');
    expect(await useChecklistStore.getState().save()).toBe(false);
    expect(useChecklistStore.getState().answers.perception.value).toBe('yes');
    expect(useChecklistStore.getState().hasSaveFailed).toBe(true);
    expect(useUiStore.getState().toasts[0]).toMatchObject({ code: 'READ_ONLY' });
    backend(api);
    expect(await useChecklistStore.getState().save()).toBe(true);
    expect(useChecklistStore.getState().hasSaveFailed).toBe(false);
  });
});

describe('backend events', () => {
  it('refreshes the named area, but never overwrites a form being edited', async () => {
    await useProjectStore.getState().createProject({ name: 'P', dir: '/d' });
    const stop = subscribeToBackend(api);
    const before = api.callsTo('objective.get').length;
    api.emit('project.changed', { area: 'objective' });
    await Promise.resolve();
    expect(api.callsTo('objective.get').length).toBe(before + 1);

    // A refresh of the shown screen never flashes "loading" (that would remount the form and lose focus).
    const seen: string[] = [];
    const unsubscribe = useChecklistStore.subscribe((s) => seen.push(s.status));
    api.emit('project.changed', { area: 'checklist' });
    await new Promise((r) => setTimeout(r, 0));
    unsubscribe();
    expect(api.callsTo('checklist.get').length).toBeGreaterThan(1);
    expect(seen).not.toContain('loading');

    useObjectiveStore.getState().setField('target', 'typing…');
    api.emit('project.changed', { area: 'objective' });
    await Promise.resolve();
    expect(api.callsTo('objective.get').length).toBe(before + 1);
    expect(useObjectiveStore.getState().draft.target).toBe('typing…');
    stop();
  });
});

describe('ui store', () => {
  it('follows the system language until the user picks one', () => {
    useUiStore.getState().setSystemLocale('es');
    expect(selectLocale(useUiStore.getState())).toBe('es');
    useUiStore.getState().setLanguage('en');
    expect(selectLocale(useUiStore.getState())).toBe('en');
  });
});
