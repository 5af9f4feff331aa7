// The Data store against a fake API: what it calls, what it keeps, how jobs move it along
// (import -> new dataset; profile/check -> results read once; remedy -> new version announced),
// and that late answers never paint over the dataset on screen.
import { beforeEach, describe, expect, it } from 'vitest';
import type { DatasetDetail, DatasetSummary, DatasetVersion, RowsPage } from '../../../../shared/api/methods/data.js';
import type { ImportPreview, TableProfile } from '../../../../shared/domain/dataset.js';
import type { JobProgress } from '../../../../shared/domain/jobs.js';
import { setApi } from '../../../../renderer/api/client.js';
import { checkFormOf, checkOptionsOf, useDataStore } from '../../../../renderer/stores/data-store.js';
import { useObjectiveStore } from '../../../../renderer/stores/objective-store.js';
import type { FakeApi } from '../fake-api.js';
import { createFakeApi } from '../fake-api.js';

const NOW = '2025-03-01T10:00:00.000Z';

function version(id: string, number: number, patch: Partial<DatasetVersion> = {}): DatasetVersion {
  return {
    id,
    datasetId: 'ds1',
    number,
    parentId: number > 1 ? `v${number - 1}` : null,
    kind: number === 1 ? 'import' : 'remedy',
    message: '',
    author: 'ana',
    createdAt: NOW,
    rows: 210,
    schema: [
      { name: 'age', type: 'integer', role: 'feature' },
      { name: 'churn', type: 'categorical', role: 'target' },
    ],
    target: 'churn',
    partition: null,
    step: null,
    source: null,
    tags: [],
    isCurrent: true,
    logicalBytes: 100,
    storedBytes: 100,
    hasProfile: false,
    hasReport: false,
    ...patch,
  };
}

function summary(id: string, name: string, updatedAt = NOW): DatasetSummary {
  return {
    id,
    name,
    createdAt: NOW,
    updatedAt,
    currentVersionId: 'v1',
    latestVersionId: 'v1',
    versionCount: 1,
    rows: 210,
    columns: 2,
    target: 'churn',
    hasPartition: false,
    criticalFindings: null,
  };
}

function detail(id: string, current: DatasetVersion): DatasetDetail {
  return { ...summary(id, id), currentVersionId: current.id, latestVersionId: current.id, current };
}

const PROFILE: TableProfile = { rows: 210, duplicateRows: 0, missingCells: 0, columns: [], correlation: { columns: [], values: [] }, target: null };

function preview(): ImportPreview {
  return {
    format: 'csv',
    bytes: 10,
    dialect: { encoding: 'utf-8', hasBom: false, delimiter: ',', quote: '"', hasHeader: true, decimalSeparator: '.', thousandsSeparator: '', dateOrder: 'dmy' },
    sheets: [],
    sheet: null,
    hasHeader: true,
    columns: [
      { index: 0, name: 'age', originalName: 'age', type: 'integer', missing: 0, distinct: 3, examples: ['30'] },
      { index: 1, name: 'churn', originalName: 'churn', type: 'categorical', missing: 0, distinct: 2, examples: ['yes'] },
    ],
    rows: [['30', 'yes']],
    sampledRows: 1,
    estimatedRows: 1,
    isComplete: true,
    renames: [],
    suggestedTarget: null,
    warnings: [],
  };
}

function progress(jobId: string, kind: JobProgress['kind'], state: JobProgress['state'], subjectId = 'ds1'): JobProgress {
  return { jobId, kind, state, fraction: state === 'done' ? 1 : 0.5, phaseKey: 'jobs.phase.working', startedAt: NOW, subjectId };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

let api: FakeApi;
let current: DatasetVersion;

function backend(): void {
  current = version('v1', 1);
  api.handle('data.list', () => [summary('ds1', 'churn')]);
  api.handle('data.get', ({ datasetId }) => detail(datasetId, current));
  api.handle('data.versions', () => [current]);
  api.handle('data.getProfile', () => null);
  api.handle('data.getReport', () => null);
  api.handle('job.list', () => []);
}

beforeEach(() => {
  api = createFakeApi();
  setApi(api);
  useDataStore.getState().reset();
  useObjectiveStore.getState().reset();
  backend();
});

describe('loading', () => {
  it('shows the empty state when the project has no dataset', async () => {
    api.handle('data.list', () => []);
    await useDataStore.getState().load();
    const s = useDataStore.getState();
    expect(s.status).toBe('ready');
    expect(s.activeId).toBeNull();
    expect(api.callsTo('data.get')).toEqual([]);
  });

  it('opens the most recently changed dataset with its working version, profile and report', async () => {
    api.handle('data.list', () => [summary('old', 'old', '2025-01-01T00:00:00.000Z'), summary('ds1', 'churn', NOW)]);
    await useDataStore.getState().load();
    const s = useDataStore.getState();
    expect(s.activeId).toBe('ds1');
    expect(s.detail?.current.id).toBe('v1');
    expect(api.callsTo('data.getProfile')).toEqual([{ datasetId: 'ds1', versionId: 'v1' }]);
    expect(s.profileStatus).toBe('ready');
    expect(s.profile).toBeNull();
  });

  it('drops a late answer about a dataset the user has left', async () => {
    let release: (d: DatasetDetail) => void = () => undefined;
    api.handle('data.list', () => [summary('ds1', 'churn'), summary('ds2', 'other', '2024-01-01T00:00:00.000Z')]);
    api.handle('data.get', ({ datasetId }) =>
      datasetId === 'ds1' ? new Promise<DatasetDetail>((r) => (release = r)) : detail('ds2', version('w1', 1, { datasetId: 'ds2' })),
    );
    const first = useDataStore.getState().load();
    await settle();
    await useDataStore.getState().select('ds2');
    release(detail('ds1', current));
    await first;
    expect(useDataStore.getState().activeId).toBe('ds2');
    expect(useDataStore.getState().detail?.current.id).toBe('w1');
  });

  it('shows again the jobs that were running before a reload', async () => {
    api.handle('job.list', () => [progress('j9', 'data.profile', 'running')]);
    await useDataStore.getState().load();
    expect(useDataStore.getState().running.profile).toBe('j9');
    expect(useDataStore.getState().jobs.j9.progress.state).toBe('running');
  });
});

describe('import', () => {
  it('previews with the chosen settings and proposes the objective’s target column', async () => {
    useObjectiveStore.setState({
      saved: { inputs: 'x', target: 'whether they leave', targetColumn: 'churn', taskType: 'classification', metric: 'recall', threshold: 0.8, positiveClass: 'yes', costNotes: '', updatedAt: NOW },
    });
    api.handle('data.preview', () => preview());
    useDataStore.getState().openImport('/data/clients.csv');
    await useDataStore.getState().requestPreview();
    const w = useDataStore.getState().wizard;
    expect(api.callsTo('data.preview')).toEqual([{ path: '/data/clients.csv', options: {} }]);
    expect(w.stage).toBe('preview');
    expect(w.target).toBe('churn');
  });

  it('keeps only the newest of two overlapping previews', async () => {
    const answers: Array<(p: ImportPreview) => void> = [];
    api.handle('data.preview', () => new Promise<ImportPreview>((r) => answers.push(r)));
    useDataStore.getState().openImport('/data/a.csv');
    const first = useDataStore.getState().requestPreview();
    useDataStore.getState().updateWizard((w) => ({ ...w, dialect: { delimiter: ';' } }));
    const second = useDataStore.getState().requestPreview();
    const semicolon = { ...preview(), columns: [preview().columns[0]] };
    answers[1](semicolon);
    await second;
    answers[0](preview());
    await first;
    expect(useDataStore.getState().wizard.preview?.columns).toHaveLength(1);
  });

  it('runs the import as a job, then opens the new dataset and announces its first version', async () => {
    api.handle('data.preview', () => preview());
    api.handle('data.import', () => ({ jobId: 'j1', datasetId: 'ds1', versionId: 'v1' }));
    useDataStore.getState().openImport('/data/clients.csv');
    await useDataStore.getState().requestPreview();
    expect(await useDataStore.getState().startImport()).toBe(true);
    expect(api.callsTo('data.import')).toEqual([{ path: '/data/clients.csv', name: 'clients', options: {} }]);
    expect(useDataStore.getState().running.import).toBe('j1');

    useDataStore.getState().onJobProgress(progress('j1', 'data.import', 'running'));
    expect(useDataStore.getState().wizard.jobId).toBe('j1');
    useDataStore.getState().onJobProgress(progress('j1', 'data.import', 'done'));
    await settle();
    const s = useDataStore.getState();
    expect(s.wizard.stage).toBe('closed');
    expect(s.activeId).toBe('ds1');
    expect(s.outcome).toEqual({ kind: 'imported', versionId: 'v1' });
    expect(api.callsTo('data.list').length).toBeGreaterThan(0);
  });

  it('binds the objective to the target column the import chose, once', async () => {
    const saved = { inputs: 'x', target: 'whether they leave', taskType: 'classification' as const, metric: 'recall' as const, threshold: 0.8, positiveClass: 'yes', costNotes: '', updatedAt: NOW };
    useObjectiveStore.setState({ saved });
    api.handle('objective.save', ({ objective }) => ({ ...(objective as typeof saved), updatedAt: NOW }));
    api.handle('objective.get', () => ({ ...saved, targetColumn: 'churn' }));
    api.handle('data.preview', () => preview());
    api.handle('data.import', () => ({ jobId: 'j1', datasetId: 'ds1', versionId: 'v1' }));
    useDataStore.getState().openImport('/data/clients.csv');
    await useDataStore.getState().requestPreview();
    await useDataStore.getState().startImport();
    useDataStore.getState().onJobProgress(progress('j1', 'data.import', 'done'));
    await settle();
    expect(api.callsTo('objective.save')).toEqual([{ objective: { inputs: 'x', target: 'whether they leave', taskType: 'classification', metric: 'recall', threshold: 0.8, positiveClass: 'yes', costNotes: '', targetColumn: 'churn' } }]);
    expect(useObjectiveStore.getState().saved?.targetColumn).toBe('churn');
  });

  it('leaves an objective that is not saved alone', async () => {
    api.handle('data.preview', () => preview());
    api.handle('data.import', () => ({ jobId: 'j1', datasetId: 'ds1', versionId: 'v1' }));
    useDataStore.getState().openImport('/data/clients.csv');
    await useDataStore.getState().requestPreview();
    await useDataStore.getState().startImport();
    useDataStore.getState().onJobProgress(progress('j1', 'data.import', 'done'));
    await settle();
    expect(api.callsTo('objective.save')).toEqual([]);
  });

  it('keeps the dialog and the choices when the import fails or is cancelled', async () => {
    api.handle('data.preview', () => preview());
    api.handle('data.import', () => ({ jobId: 'j1', datasetId: 'ds1', versionId: 'v1' }));
    useDataStore.getState().openImport('/data/clients.csv');
    await useDataStore.getState().requestPreview();
    await useDataStore.getState().startImport();
    useDataStore.getState().onJobProgress(progress('j1', 'data.import', 'cancelled'));
    const w = useDataStore.getState().wizard;
    expect(w.stage).toBe('preview');
    expect(w.jobId).toBeNull();
    expect(w.importError?.code).toBe('CANCELLED');
    expect(useDataStore.getState().jobErrors.import?.code).toBe('CANCELLED');
  });
});

describe('jobs of the active dataset', () => {
  beforeEach(async () => {
    await useDataStore.getState().load();
  });

  it('reads the profile once when its job is done, and does not start another meanwhile', async () => {
    api.handle('data.profile', () => ({ jobId: 'p1' }));
    await useDataStore.getState().runProfile();
    let stored: unknown = null;
    api.handle('data.getProfile', () => stored as null);
    stored = { versionId: 'v1', profile: PROFILE, computedAt: NOW, elapsedMs: 5 };
    useDataStore.getState().onJobProgress(progress('p1', 'data.profile', 'done'));
    // Between the end of the job and the answer, the screen must not look "never computed".
    expect(useDataStore.getState().profileStatus).toBe('loading');
    expect(useDataStore.getState().running.profile).toBeUndefined();
    await settle();
    expect(useDataStore.getState().profile?.profile.rows).toBe(210);
    expect(useDataStore.getState().profileStatus).toBe('ready');
    expect(api.callsTo('data.profile')).toHaveLength(1);
  });

  it('sends the check options from the form', async () => {
    api.handle('data.check', () => ({ jobId: 'c1' }));
    useDataStore.getState().setCheckForm({ groupColumns: ['region'], labelCheck: true });
    await useDataStore.getState().runCheck();
    expect(api.callsTo('data.check')).toEqual([{ datasetId: 'ds1', versionId: 'v1', options: { groupColumns: ['region'], labelCheck: true } }]);
  });

  it('announces the version a remedy created, with the id the backend chose at the start', async () => {
    api.handle('data.applyRemedy', () => ({ jobId: 'r1', datasetId: 'ds1', versionId: 'v2' }));
    const jobId = await useDataStore.getState().applyRemedy({ kind: 'smote', target: 'churn', kNeighbors: 5 }, ' balance ');
    expect(jobId).toBe('r1');
    expect(api.callsTo('data.applyRemedy')).toEqual([{ datasetId: 'ds1', versionId: 'v1', params: { kind: 'smote', target: 'churn', kNeighbors: 5 }, message: 'balance' }]);
    current = version('v2', 2);
    useDataStore.getState().onJobProgress(progress('r1', 'data.remedy', 'done'));
    await settle();
    const s = useDataStore.getState();
    expect(s.outcome).toEqual({ kind: 'remedy', versionId: 'v2' });
    expect(s.detail?.current.id).toBe('v2');
    expect(s.running.remedy).toBeUndefined();
  });

  it('keeps the error of a failed remedy for the dialog', async () => {
    api.handle('data.applyRemedy', () => ({ jobId: 'r1', datasetId: 'ds1', versionId: 'v2' }));
    await useDataStore.getState().applyRemedy({ kind: 'smote', target: 'churn' });
    useDataStore.getState().onJobProgress({
      ...progress('r1', 'data.remedy', 'failed'),
      error: { code: 'INVALID_ARGUMENT', messageKey: 'errors.data.smoteNeedsNumbers', message: 'no', params: { column: 'city' } },
    });
    expect(useDataStore.getState().jobErrors.remedy?.messageKey).toBe('errors.data.smoteNeedsNumbers');
    expect(useDataStore.getState().outcome).toBeNull();
  });

  it('asks the backend to cancel and shows it is cancelling', async () => {
    api.handle('data.profile', () => ({ jobId: 'p1' }));
    api.handle('job.cancel', () => ({ cancelled: true }));
    await useDataStore.getState().runProfile();
    await useDataStore.getState().cancelJob('p1');
    expect(api.callsTo('job.cancel')).toEqual([{ jobId: 'p1' }]);
    expect(useDataStore.getState().jobs.p1.isCancelling).toBe(true);
  });

  it('ignores the jobs of other steps', () => {
    useDataStore.getState().onJobProgress(progress('t1', 'training.run', 'running'));
    expect(useDataStore.getState().jobs.t1).toBeUndefined();
  });

  it('fetches a finding’s example rows in few calls and returns them in the asked order', async () => {
    api.handle('data.rows', ({ offset = 0, limit = 100 }) => {
      const rows = Array.from({ length: limit }, (_, i) => [String(offset + i), 'yes']);
      const page: RowsPage = { datasetId: 'ds1', versionId: 'v1', total: 1000, offset, columns: current.schema, rowIds: rows.map((_, i) => 5000 + offset + i), parts: null, rows };
      return page;
    });
    const page = await useDataStore.getState().fetchRowsAt('v1', [7, 5, 600]);
    expect(api.callsTo('data.rows')).toEqual([
      { datasetId: 'ds1', versionId: 'v1', offset: 5, limit: 3 },
      { datasetId: 'ds1', versionId: 'v1', offset: 600, limit: 1 },
    ]);
    expect(page?.rows.map((r) => r[0])).toEqual(['7', '5', '600']);
    expect(page?.rowIds).toEqual([5007, 5005, 5600]);
  });

  it('runs one refresh at a time when several events ask for one', async () => {
    const before = api.callsTo('data.get').length;
    await Promise.all([useDataStore.getState().refreshActive(), useDataStore.getState().refreshActive(), useDataStore.getState().refreshActive()]);
    expect(api.callsTo('data.get').length - before).toBe(2);
  });
});

describe('check options', () => {
  it('leave out what is not set and read back what a report ran with', () => {
    expect(checkOptionsOf({ groupColumns: [], eventTimeColumn: '', referenceDatasetId: '', labelCheck: false })).toEqual({});
    expect(checkOptionsOf({ groupColumns: ['a'], eventTimeColumn: 't', referenceDatasetId: 'ds2', labelCheck: true })).toEqual({
      groupColumns: ['a'],
      eventTimeColumn: 't',
      referenceDatasetId: 'ds2',
      labelCheck: true,
    });
    const form = checkFormOf({
      versionId: 'v1',
      report: { rows: 1, columns: 1, task: 'classification', findings: [], counts: { info: 0, warning: 0, critical: 0 } },
      options: { groupColumns: ['region'], eventTimeColumn: 'when', labelCheck: true, referenceVersionId: null },
      labelCheck: null,
      computedAt: NOW,
      elapsedMs: 1,
    });
    expect(form).toEqual({ groupColumns: ['region'], eventTimeColumn: 'when', referenceDatasetId: '', labelCheck: true });
  });
});
