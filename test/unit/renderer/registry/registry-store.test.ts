// The registry store against a fake API: what it shows first, what each change sends, how a stage
// move reaches the screen, and how a refused bundle is kept for the dialog.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelDetail } from '../../../../shared/api/methods/registry.js';
import { setApi } from '../../../../renderer/api/client.js';
import { useRegistryStore } from '../../../../renderer/stores/registry-store.js';
import { subscribeToBackend } from '../../../../renderer/stores/subscriptions.js';
import { useProjectStore } from '../../../../renderer/stores/project-store.js';
import type { FakeApi } from '../fake-api.js';
import { createFakeApi } from '../fake-api.js';
import { auditEntry, card, modelDetail, modelSummary, versionDetail, versionSummary } from './fixtures.js';

let api: FakeApi;
let model: ModelDetail;

beforeEach(() => {
  api = createFakeApi();
  setApi(api);
  model = modelDetail([versionSummary({ version: 1, stage: 'production' }), versionSummary({ version: 2, stage: 'staging' })]);
  api.handle('registry.models', () => [modelSummary({ productionVersion: 1, stagingVersion: 2, versionCount: 2, latestVersion: 2 })]);
  api.handle('registry.model', () => model);
  api.handle('registry.version', (args) => versionDetail({ version: args.version, stage: model.versions.find((v) => v.version === args.version)?.stage ?? 'none' }));
  api.handle('registry.audit', () => [auditEntry()]);
  api.handle('lifecycle.status', () => []);
});

afterEach(() => {
  useRegistryStore.getState().reset();
  setApi(null);
});

describe('registry store', () => {
  it('opens on the first model and its production version, with its lineage and history', async () => {
    // Act
    await useRegistryStore.getState().load();
    // Assert
    const s = useRegistryStore.getState();
    expect(s.status).toBe('ready');
    expect(s.selectedName).toBe('churn-model');
    expect(s.selectedVersion).toBe(1);
    expect(s.version.data?.version).toBe(1);
    expect(s.audit.data).toHaveLength(1);
    expect(api.callsTo('registry.version')).toEqual([{ name: 'churn-model', version: 1 }]);
  });

  it('sends a stage move with its reason, and shows the model as the backend returns it', async () => {
    await useRegistryStore.getState().load();
    const promoted = modelDetail([versionSummary({ version: 1, stage: 'archived' }), versionSummary({ version: 2, stage: 'production' })]);
    api.handle('registry.setStage', () => promoted);
    // Act
    const ok = await useRegistryStore.getState().setStage(2, 'production', '  better recall on March data ');
    // Assert
    expect(ok).toBe(true);
    expect(api.callsTo('registry.setStage')).toEqual([{ name: 'churn-model', version: 2, stage: 'production', comment: 'better recall on March data' }]);
    expect(useRegistryStore.getState().model.data?.versions.map((v) => v.stage)).toEqual(['production', 'archived']);
    expect(api.callsTo('registry.audit').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps a refused stage move as an error for the dialog', async () => {
    await useRegistryStore.getState().load();
    api.fail('registry.setStage', { code: 'CONFLICT', messageKey: 'errors.registry.sameStage', message: 'same', params: { stage: 'staging' } });
    expect(await useRegistryStore.getState().setStage(2, 'staging', 'again please')).toBe(false);
    expect(useRegistryStore.getState().stage).toMatchObject({ status: 'error', error: { messageKey: 'errors.registry.sameStage' } });
  });

  it('registers a run under the typed name and shows the new version', async () => {
    await useRegistryStore.getState().load();
    api.handle('registry.register', () => versionDetail({ version: 3 }));
    model = modelDetail([...model.versions, versionSummary({ version: 3 })]);
    // Act
    const ok = await useRegistryStore.getState().registerRun({ runId: 'run-9', target: 'existing', newName: 'ignored', existingName: 'churn-model', stage: 'none', comment: ' best so far ' });
    // Assert
    expect(ok).toBe(true);
    expect(api.callsTo('registry.register')).toEqual([{ runId: 'run-9', name: 'churn-model', stage: 'none', comment: 'best so far' }]);
    expect(useRegistryStore.getState().selectedVersion).toBe(3);
  });

  it('saves an edited card section and drops its draft; the generated text again is sent as a revert', async () => {
    await useRegistryStore.getState().load();
    api.handle('registry.card', () => card());
    await useRegistryStore.getState().loadCard('en');
    let stored = card();
    api.handle('registry.saveCard', (args) => {
      const [change] = args.sections;
      stored = { ...stored, sections: stored.sections.map((s) => (s.id === change.id ? { ...s, markdown: change.markdown ?? s.generatedMarkdown, isEdited: change.markdown !== null } : s)) };
      return stored;
    });
    useRegistryStore.getState().editSection('overview', 'For the retention team.');
    // Act
    expect(await useRegistryStore.getState().saveSection('overview')).toBe(true);
    useRegistryStore.getState().editSection('metrics', '- ROC AUC 0.85');
    await useRegistryStore.getState().saveSection('metrics');
    // Assert
    const sent = api.callsTo('registry.saveCard') as Array<{ sections: unknown[] }>;
    expect(sent[0]).toMatchObject({ name: 'churn-model', version: 1, locale: 'en', sections: [{ id: 'overview', markdown: 'For the retention team.' }] });
    expect(sent[1].sections).toEqual([{ id: 'metrics', markdown: null }]);
    expect(useRegistryStore.getState().drafts).toEqual({});
    expect(useRegistryStore.getState().card.data?.sections[0]).toMatchObject({ markdown: 'For the retention team.', isEdited: true });
  });

  it('keeps a tampered bundle refusal for the import dialog and imports nothing', async () => {
    await useRegistryStore.getState().load();
    api.fail('registry.import', {
      code: 'INVALID_ARGUMENT',
      messageKey: 'errors.registry.bundleTampered',
      message: 'pipeline.json does not match its checksum',
      params: { file: 'pipeline.json' },
      details: { field: 'dir', file: 'pipeline.json' },
    });
    const ok = await useRegistryStore.getState().importBundle({ dir: ' "/tmp/b" ', name: 'churn-model', comment: '' });
    expect(ok).toBe(false);
    expect(api.callsTo('registry.import')).toEqual([{ dir: '/tmp/b', name: 'churn-model', comment: '' }]);
    expect(useRegistryStore.getState().importing.error?.details?.file).toBe('pipeline.json');
    expect(useRegistryStore.getState().selectedVersion).toBe(1);
  });

  it('exports the chosen version by reference, in the given language', async () => {
    await useRegistryStore.getState().load();
    api.handle('registry.export', () => ({ dir: '/tmp/b', name: 'churn-model', version: 1, files: [], onnx: { status: 'exported', file: 'model.onnx' } }));
    expect(await useRegistryStore.getState().exportBundle('/tmp/b ', 'es')).toBe(true);
    expect(api.callsTo('registry.export')).toEqual([{ ref: 'churn-model@1', dir: '/tmp/b', locale: 'es' }]);
    await useRegistryStore.getState().selectVersion(2);
    expect(useRegistryStore.getState().exporting.status).toBe('idle');
  });

  it('refreshes on project.changed for the registry once loaded', async () => {
    useProjectStore.setState({ current: { path: '/p.ciclo', name: 'p', createdAt: '', updatedAt: '', schemaVersion: 4, createdWith: '0.1.0', isReadOnly: false } });
    const stop = subscribeToBackend(api);
    await useRegistryStore.getState().load();
    const before = api.callsTo('registry.models').length;
    api.emit('project.changed', { area: 'registry' });
    await new Promise((r) => setTimeout(r, 0));
    expect(api.callsTo('registry.models').length).toBe(before + 1);
    stop();
    useProjectStore.setState({ current: null });
  });
});
