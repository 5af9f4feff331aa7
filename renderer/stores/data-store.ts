// The Data step: the project's datasets, the active one with its working version, versions,
// profile, quality report, a page of rows, a diff, the import wizard, and the jobs that compute
// or change them (import, profile, check, remedy, partition, export). The backend owns the data;
// this store caches what the screen shows and follows jobs through `job.progress` events
// (routed here by stores/subscriptions.ts). Responses that arrive after the user moved to
// another dataset are dropped, so a slow call never paints stale data over the current one.
import { create } from 'zustand';
import type {
  DataCheckOptions,
  DatasetDetail,
  DatasetSummary,
  DatasetVersion,
  RowsPage,
  StoredProfile,
  StoredReport,
  VersionDiff,
} from '../../shared/api/methods/data.js';
import type { PartName, PartitionSpec, RemedyParams } from '../../shared/domain/dataset.js';
import type { JobProgress } from '../../shared/domain/jobs.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import type { TargetHint } from './data-logic.js';
import * as logic from './data-logic.js';
import type { JobTable } from './job-logic.js';
import { applyJobProgress, forgetJob, isTerminalState, markCancelling, queuedJob } from './job-logic.js';
import { useLifecycleStore } from './lifecycle-store.js';
import { useObjectiveStore } from './objective-store.js';

type JobKind = JobProgress['kind'];

/** Load state of one resource. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What a data job is for (one of each may run per dataset). */
export type DataJobSlot = 'import' | 'profile' | 'check' | 'remedy' | 'partition' | 'export';

const SLOT_OF_KIND: Partial<Record<JobKind, DataJobSlot>> = {
  'data.import': 'import',
  'data.profile': 'profile',
  'data.check': 'check',
  'data.remedy': 'remedy',
  'data.partition': 'partition',
  'data.export': 'export',
};

/** The slot of a job kind, or null for jobs of other steps. */
export function slotOfKind(kind: JobKind): DataJobSlot | null {
  return SLOT_OF_KIND[kind] ?? null;
}

/** Something that just finished, shown once above the tabs. */
export type DataOutcome =
  | { kind: 'imported'; versionId: string }
  | { kind: 'remedy'; versionId: string }
  | { kind: 'partition'; versionId: string }
  | { kind: 'checkout'; versionId: string }
  | { kind: 'roles'; versionId: string }
  | { kind: 'exported'; path: string };

/** The options form of the quality check. */
export interface CheckForm {
  groupColumns: string[];
  eventTimeColumn: string;
  referenceDatasetId: string;
  labelCheck: boolean;
}

/** The rows browser. */
export interface RowsView {
  status: LoadStatus;
  error: ApiError | null;
  page: RowsPage | null;
  offset: number;
  part: PartName | 'all';
}

/** The diff view. */
export interface DiffView {
  status: LoadStatus;
  error: ApiError | null;
  result: VersionDiff | null;
}

/** Rows of the page size the browser uses. */
export const ROWS_PAGE_SIZE = 50;

/** Data store state. */
export interface DataState {
  status: LoadStatus;
  error: ApiError | null;
  datasets: DatasetSummary[];
  activeId: string | null;
  detail: DatasetDetail | null;
  versions: DatasetVersion[];
  profile: StoredProfile | null;
  profileStatus: LoadStatus;
  report: StoredReport | null;
  reportStatus: LoadStatus;
  checkForm: CheckForm;
  rows: RowsView;
  diff: DiffView;
  /** Versions ticked for comparison (at most two). */
  compare: string[];
  jobs: JobTable;
  /** The job of each purpose for the active dataset. */
  running: Partial<Record<DataJobSlot, string>>;
  /** The last job of each purpose that failed or was cancelled, with its error. */
  jobErrors: Partial<Record<DataJobSlot, ApiError>>;
  outcome: DataOutcome | null;
  wizard: logic.ImportWizard;

  load: () => Promise<void>;
  select: (datasetId: string) => Promise<void>;
  refreshActive: () => Promise<void>;
  reset: () => void;

  openImport: (path?: string) => void;
  closeImport: () => void;
  updateWizard: (change: (w: logic.ImportWizard) => logic.ImportWizard) => void;
  requestPreview: () => Promise<void>;
  startImport: () => Promise<boolean>;

  runProfile: () => Promise<void>;
  setCheckForm: (patch: Partial<CheckForm>) => void;
  runCheck: () => Promise<void>;
  applyRemedy: (params: RemedyParams, message?: string) => Promise<string | null>;
  createPartition: (spec: PartitionSpec) => Promise<string | null>;
  setRoles: (target: string | null, ignored: string[]) => Promise<boolean>;
  checkout: (versionId: string) => Promise<boolean>;
  tag: (versionId: string, tag: string) => Promise<ApiError | null>;
  untag: (tag: string) => Promise<void>;
  toggleCompare: (versionId: string) => void;
  loadDiff: (a: string, b: string) => Promise<void>;
  clearDiff: () => void;
  loadRows: (offset: number, part?: PartName | 'all') => Promise<void>;
  /** Rows at the given positions of a version (a finding's examples). */
  fetchRowsAt: (versionId: string, positions: readonly number[]) => Promise<RowsPage | null>;
  exportCsv: (path: string, includePartition: boolean, overwrite: boolean) => Promise<ApiError | null>;
  cancelJob: (jobId: string) => Promise<void>;
  onJobProgress: (report: JobProgress) => void;
  onVersionCreated: (event: { datasetId: string; versionId: string; jobId?: string }) => void;
  dismissOutcome: () => void;
}

function emptyCheckForm(): CheckForm {
  return { groupColumns: [], eventTimeColumn: '', referenceDatasetId: '', labelCheck: false };
}

function emptyRows(): RowsView {
  return { status: 'idle', error: null, page: null, offset: 0, part: 'all' };
}

function emptyDiff(): DiffView {
  return { status: 'idle', error: null, result: null };
}

const initial = {
  status: 'idle' as LoadStatus,
  error: null,
  datasets: [] as DatasetSummary[],
  activeId: null,
  detail: null,
  versions: [] as DatasetVersion[],
  profile: null,
  profileStatus: 'idle' as LoadStatus,
  report: null,
  reportStatus: 'idle' as LoadStatus,
  checkForm: emptyCheckForm(),
  rows: emptyRows(),
  diff: emptyDiff(),
  compare: [] as string[],
  jobs: {} as JobTable,
  running: {},
  jobErrors: {},
  outcome: null,
  wizard: logic.closedWizard(),
};

/** The check options as the form holds them, for the contract. */
export function checkOptionsOf(form: CheckForm): DataCheckOptions {
  const options: DataCheckOptions = {};
  if (form.groupColumns.length > 0) options.groupColumns = [...form.groupColumns];
  if (form.eventTimeColumn !== '') options.eventTimeColumn = form.eventTimeColumn;
  if (form.referenceDatasetId !== '') options.referenceDatasetId = form.referenceDatasetId;
  if (form.labelCheck) options.labelCheck = true;
  return options;
}

/** The form showing the options a stored report ran with. */
export function checkFormOf(report: StoredReport | null): CheckForm {
  if (!report) return emptyCheckForm();
  return {
    groupColumns: [...(report.options.groupColumns ?? [])],
    eventTimeColumn: report.options.eventTimeColumn ?? '',
    referenceDatasetId: '',
    labelCheck: report.options.labelCheck,
  };
}

function nowIso(): string {
  return new Date().toISOString();
}

function targetHint(): TargetHint {
  const saved = useObjectiveStore.getState().saved;
  const hint: TargetHint = {};
  if (saved?.targetColumn) hint.targetColumn = saved.targetColumn;
  if (saved?.target) hint.targetText = saved.target;
  return hint;
}

/**
 * Binds the Objective's target to the dataset column the user chose (the Objective step names the
 * target in words; the Data step says which column holds it). Only a saved objective is updated;
 * a failure leaves the objective as it was and is only logged (the data change itself succeeded).
 */
async function bindObjectiveTarget(target: string | null): Promise<void> {
  const saved = useObjectiveStore.getState().saved;
  if (target === null || !saved || saved.targetColumn === target) return;
  const { updatedAt: _updatedAt, ...objective } = saved;
  try {
    await getApi().call('objective.save', { objective: { ...objective, targetColumn: target } });
    void useObjectiveStore.getState().load();
  } catch (error) {
    console.warn('ciclo: could not bind the objective to the target column', error);
  }
}

// A refresh of the active dataset in flight, and whether another was asked for meanwhile.
let refreshing: Promise<void> | null = null;
let refreshAgain = false;

// Preview requests can overlap (the user changes two settings quickly); only the newest answer counts.
let previewSerial = 0;

/** The data store. */
export const useDataStore = create<DataState>()((set, get) => {
  /** True while `datasetId` is still the one on screen. */
  const isActive = (datasetId: string) => get().activeId === datasetId;

  function track(slot: DataJobSlot, jobId: string, kind: JobKind, subjectId: string): void {
    set((s) => ({
      // A report may already have arrived for this job (events can beat the call's answer): keep it.
      jobs: s.jobs[jobId] ? s.jobs : { ...s.jobs, [jobId]: queuedJob(jobId, kind, nowIso(), subjectId) },
      running: { ...s.running, [slot]: jobId },
      jobErrors: { ...s.jobErrors, [slot]: undefined },
    }));
  }

  async function loadResults(datasetId: string, versionId: string): Promise<void> {
    set({ profileStatus: 'loading', reportStatus: 'loading' });
    const api = getApi();
    const [profile, report] = await Promise.allSettled([
      api.call('data.getProfile', { datasetId, versionId }),
      api.call('data.getReport', { datasetId, versionId }),
    ]);
    if (!isActive(datasetId) || get().detail?.current.id !== versionId) return;
    if (profile.status === 'fulfilled') set({ profile: profile.value, profileStatus: 'ready' });
    else set({ profile: null, profileStatus: 'error', error: toApiError(profile.reason) });
    if (report.status === 'fulfilled') {
      // The form follows the report on screen, unless the user is editing it for the next check.
      set((s) => ({ report: report.value, reportStatus: 'ready', checkForm: report.value ? checkFormOf(report.value) : s.checkForm }));
    } else set({ report: null, reportStatus: 'error', error: toApiError(report.reason) });
  }

  async function recoverJobs(datasetId: string): Promise<void> {
    // After a reload, jobs started earlier are still running in the backend: show them again.
    try {
      const active = await getApi().call('job.list', { activeOnly: true });
      if (!isActive(datasetId) && datasetId !== '') return;
      for (const job of active) {
        const slot = slotOfKind(job.kind);
        if (!slot || (job.subjectId !== datasetId && slot !== 'import')) continue;
        set((s) => ({ jobs: applyJobProgress(s.jobs, job), running: { ...s.running, [slot]: job.jobId } }));
      }
    } catch (error) {
      // Not being able to list jobs only means no progress bar for an earlier job; the data still loads.
      console.warn('ciclo: could not list running jobs', error);
    }
  }

  async function loadActive(datasetId: string, isSilent: boolean): Promise<void> {
    const api = getApi();
    if (!isSilent) set({ profile: null, report: null, profileStatus: 'loading', reportStatus: 'loading', rows: emptyRows(), diff: emptyDiff(), compare: [] });
    try {
      const [detail, versions] = await Promise.all([api.call('data.get', { datasetId }), api.call('data.versions', { datasetId })]);
      if (!isActive(datasetId)) return;
      const previous = get().detail;
      const versionChanged = previous?.current.id !== detail.current.id;
      set({ detail, versions, status: 'ready', error: null });
      if (versionChanged || !isSilent) {
        set({ rows: emptyRows(), diff: emptyDiff() });
        await loadResults(datasetId, detail.current.id);
      }
    } catch (error) {
      if (!isActive(datasetId)) return;
      set({ status: 'error', error: toApiError(error) });
    }
  }

  function finishJob(report: JobProgress): void {
    const slot = slotOfKind(report.kind);
    if (!slot) return;
    const state = get();
    const isOurs = state.running[slot] === report.jobId;
    if (!isOurs) return;
    const running = { ...state.running };
    delete running[slot];
    if (report.state !== 'done') {
      const error: ApiError =
        report.error ??
        (report.state === 'cancelled'
          ? { code: 'CANCELLED', messageKey: 'errors.data.cancelled', message: 'Cancelled.' }
          : { code: 'INTERNAL', messageKey: 'data.job.interrupted', message: 'The job stopped before it finished.' });
      set({ running, jobErrors: { ...state.jobErrors, [slot]: error } });
      if (slot === 'import') set((s) => ({ wizard: logic.importEnded(s.wizard, error) }));
      return;
    }
    set({ running });
    const datasetId = report.subjectId ?? state.activeId;
    if (slot === 'import' && datasetId) {
      const versionId = versionOfJob.get(report.jobId);
      set({ wizard: logic.closedWizard(), activeId: datasetId, outcome: versionId ? { kind: 'imported', versionId } : null });
      void get()
        .load()
        .then(() => (isActive(datasetId) ? bindObjectiveTarget(get().detail?.current.target ?? null) : undefined));
    } else if ((slot === 'profile' || slot === 'check') && datasetId && isActive(datasetId) && state.detail) {
      const versionId = state.detail.current.id;
      // Loading until the result is read, so a screen never takes "no result and no job" for "never computed".
      set(slot === 'profile' ? { profileStatus: 'loading' } : { reportStatus: 'loading' });
      if (slot === 'profile') {
        void getApi()
          .call('data.getProfile', { datasetId, versionId })
          .then((profile) => isActive(datasetId) && set({ profile, profileStatus: 'ready' }))
          .catch((error: unknown) => set({ profileStatus: 'error', error: toApiError(error) }));
      } else {
        void getApi()
          .call('data.getReport', { datasetId, versionId })
          .then((stored) => isActive(datasetId) && set({ report: stored, reportStatus: 'ready', checkForm: checkFormOf(stored) }))
          .catch((error: unknown) => set({ reportStatus: 'error', error: toApiError(error) }));
      }
    } else if ((slot === 'remedy' || slot === 'partition') && datasetId && isActive(datasetId)) {
      void get().refreshActive();
    }
    void useLifecycleStore.getState().load();
  }

  return {
    ...initial,

    async load() {
      if (get().status !== 'ready') set({ status: 'loading', error: null });
      try {
        const datasets = await getApi().call('data.list', {});
        const keep = get().activeId;
        const newest = [...datasets].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))[0];
        const activeId = keep && datasets.some((d) => d.id === keep) ? keep : (newest?.id ?? null);
        const isSwitch = activeId !== get().activeId || get().detail?.id !== activeId;
        set({ datasets, activeId, status: activeId ? get().status : 'ready', error: null });
        if (!activeId) {
          set({ status: 'ready', detail: null, versions: [] });
          return;
        }
        await Promise.all([loadActive(activeId, !isSwitch), recoverJobs(activeId)]);
      } catch (error) {
        set({ status: 'error', error: toApiError(error) });
      }
    },

    async select(datasetId) {
      if (get().activeId === datasetId) return;
      set({ activeId: datasetId, detail: null, versions: [], running: {}, jobErrors: {}, outcome: null, checkForm: emptyCheckForm(), status: 'loading' });
      await Promise.all([loadActive(datasetId, false), recoverJobs(datasetId)]);
    },

    async refreshActive() {
      // Several events can ask for a refresh at once (a job's end, project.changed): one runs at a
      // time, and one more follows if anything asked while it ran.
      if (refreshing) {
        refreshAgain = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          refreshAgain = false;
          const { activeId } = get();
          if (!activeId) {
            await get().load();
            continue;
          }
          try {
            const datasets = await getApi().call('data.list', {});
            set({ datasets });
          } catch (error) {
            // The list only feeds the dataset picker; the active dataset still refreshes below.
            console.warn('ciclo: could not refresh the dataset list', error);
          }
          await loadActive(activeId, true);
        } while (refreshAgain);
      })();
      try {
        await refreshing;
      } finally {
        refreshing = null;
      }
    },

    reset() {
      previewSerial += 1;
      set({ ...initial, checkForm: emptyCheckForm(), rows: emptyRows(), diff: emptyDiff(), wizard: logic.closedWizard() });
    },

    openImport(path) {
      set({ wizard: logic.openWizard(path ?? '') });
    },

    closeImport() {
      previewSerial += 1;
      set({ wizard: logic.closedWizard() });
    },

    updateWizard(change) {
      set((s) => ({ wizard: change(s.wizard) }));
    },

    async requestPreview() {
      const w = get().wizard;
      if (w.path.trim() === '' || w.stage === 'closed') return;
      const serial = ++previewSerial;
      const key = logic.readOptionsKey(w);
      set({ wizard: logic.previewStarted(w) });
      try {
        const preview = await getApi().call('data.preview', { path: w.path.trim(), options: logic.readOptions(w) });
        if (serial !== previewSerial) return;
        set((s) => ({ wizard: logic.previewLoaded(s.wizard, preview, key, targetHint()) }));
      } catch (error) {
        if (serial !== previewSerial) return;
        set((s) => ({ wizard: logic.previewFailed(s.wizard, toApiError(error)) }));
      }
    },

    async startImport() {
      const w = get().wizard;
      if (!logic.canImport(w)) return false;
      try {
        const started = await getApi().call('data.import', { path: w.path.trim(), name: w.name.trim(), options: logic.importOptions(w) });
        versionOfJob.set(started.jobId, started.versionId);
        set((s) => ({ wizard: logic.importStarted(s.wizard, started.jobId) }));
        track('import', started.jobId, 'data.import', started.datasetId);
        return true;
      } catch (error) {
        set((s) => ({ wizard: logic.importEnded(s.wizard, toApiError(error)) }));
        return false;
      }
    },

    async runProfile() {
      const { activeId, detail, running } = get();
      if (!activeId || !detail || running.profile) return;
      try {
        const { jobId } = await getApi().call('data.profile', { datasetId: activeId, versionId: detail.current.id });
        track('profile', jobId, 'data.profile', activeId);
      } catch (error) {
        set((s) => ({ jobErrors: { ...s.jobErrors, profile: toApiError(error) } }));
      }
    },

    setCheckForm(patch) {
      set((s) => ({ checkForm: { ...s.checkForm, ...patch } }));
    },

    async runCheck() {
      const { activeId, detail, running, checkForm } = get();
      if (!activeId || !detail || running.check) return;
      try {
        const { jobId } = await getApi().call('data.check', { datasetId: activeId, versionId: detail.current.id, options: checkOptionsOf(checkForm) });
        track('check', jobId, 'data.check', activeId);
      } catch (error) {
        set((s) => ({ jobErrors: { ...s.jobErrors, check: toApiError(error) } }));
      }
    },

    async applyRemedy(params, message) {
      const { activeId, detail } = get();
      if (!activeId || !detail) return null;
      try {
        const args: { datasetId: string; versionId: string; params: RemedyParams; message?: string } = { datasetId: activeId, versionId: detail.current.id, params };
        if (message && message.trim() !== '') args.message = message.trim();
        const started = await getApi().call('data.applyRemedy', args);
        versionOfJob.set(started.jobId, started.versionId);
        track('remedy', started.jobId, 'data.remedy', activeId);
        set({ outcome: null });
        return started.jobId;
      } catch (error) {
        set((s) => ({ jobErrors: { ...s.jobErrors, remedy: toApiError(error) } }));
        return null;
      }
    },

    async createPartition(spec) {
      const { activeId, detail } = get();
      if (!activeId || !detail) return null;
      try {
        const started = await getApi().call('data.partition', { datasetId: activeId, versionId: detail.current.id, spec });
        versionOfJob.set(started.jobId, started.versionId);
        track('partition', started.jobId, 'data.partition', activeId);
        set({ outcome: null });
        return started.jobId;
      } catch (error) {
        set((s) => ({ jobErrors: { ...s.jobErrors, partition: toApiError(error) } }));
        return null;
      }
    },

    async setRoles(target, ignored) {
      const { activeId, detail } = get();
      if (!activeId || !detail) return false;
      try {
        const version = await getApi().call('data.setRoles', { datasetId: activeId, versionId: detail.current.id, target, ignored });
        set({ outcome: { kind: 'roles', versionId: version.id } });
        await Promise.all([get().refreshActive(), bindObjectiveTarget(version.target)]);
        return true;
      } catch (error) {
        reportUnexpected(error);
        return false;
      }
    },

    async checkout(versionId) {
      const { activeId } = get();
      if (!activeId) return false;
      try {
        await getApi().call('data.checkout', { datasetId: activeId, versionId });
        set({ outcome: { kind: 'checkout', versionId } });
        await get().refreshActive();
        void useLifecycleStore.getState().load();
        return true;
      } catch (error) {
        reportUnexpected(error);
        return false;
      }
    },

    async tag(versionId, tag) {
      const { activeId } = get();
      if (!activeId) return null;
      try {
        await getApi().call('data.tag', { datasetId: activeId, versionId, tag: tag.trim() });
        const versions = await getApi().call('data.versions', { datasetId: activeId });
        if (isActive(activeId)) set({ versions });
        return null;
      } catch (error) {
        return toApiError(error);
      }
    },

    async untag(tag) {
      const { activeId } = get();
      if (!activeId) return;
      try {
        await getApi().call('data.untag', { datasetId: activeId, tag });
        const versions = await getApi().call('data.versions', { datasetId: activeId });
        if (isActive(activeId)) set({ versions });
      } catch (error) {
        reportUnexpected(error);
      }
    },

    toggleCompare(versionId) {
      set((s) => ({ compare: logic.toggleCompare(s.compare, versionId) }));
    },

    async loadDiff(a, b) {
      const { activeId } = get();
      if (!activeId) return;
      set({ diff: { status: 'loading', error: null, result: null } });
      try {
        const result = await getApi().call('data.diff', { datasetId: activeId, a, b, maxExamples: 10 });
        if (isActive(activeId)) set({ diff: { status: 'ready', error: null, result } });
      } catch (error) {
        if (isActive(activeId)) set({ diff: { status: 'error', error: toApiError(error), result: null } });
      }
    },

    clearDiff() {
      set({ diff: emptyDiff() });
    },

    async loadRows(offset, part) {
      const { activeId, detail, rows } = get();
      if (!activeId || !detail) return;
      const chosen = part ?? rows.part;
      set({ rows: { ...rows, status: 'loading', error: null, offset, part: chosen } });
      try {
        const args: { datasetId: string; versionId: string; offset: number; limit: number; part?: PartName } = {
          datasetId: activeId,
          versionId: detail.current.id,
          offset,
          limit: ROWS_PAGE_SIZE,
        };
        if (chosen !== 'all') args.part = chosen;
        const page = await getApi().call('data.rows', args);
        const now = get().rows;
        // Only the answer to the latest request is shown.
        if (!isActive(activeId) || now.offset !== offset || now.part !== chosen) return;
        set({ rows: { status: 'ready', error: null, page, offset, part: chosen } });
      } catch (error) {
        if (isActive(activeId)) set((s) => ({ rows: { ...s.rows, status: 'error', error: toApiError(error) } }));
      }
    },

    async fetchRowsAt(versionId, positions) {
      const { activeId } = get();
      if (!activeId || positions.length === 0) return null;
      // Example rows lie close together or far apart: one call per run of nearby positions,
      // then only the asked rows are kept, in the asked order.
      const sorted = [...new Set(positions)].sort((a, b) => a - b);
      const runs: Array<[number, number]> = [];
      for (const p of sorted) {
        const last = runs[runs.length - 1];
        if (last && p - last[0] < 100) last[1] = p;
        else runs.push([p, p]);
      }
      try {
        const pages = await Promise.all(
          runs.map(([from, to]) => getApi().call('data.rows', { datasetId: activeId, versionId, offset: from, limit: to - from + 1 })),
        );
        const first = pages[0];
        const byPosition = new Map<number, { rowId: number; cells: Array<string | null>; part: PartName | null }>();
        pages.forEach((page) =>
          page.rows.forEach((cells, i) => byPosition.set(page.offset + i, { rowId: page.rowIds[i], cells, part: page.parts ? page.parts[i] : null })),
        );
        const picked = positions.map((p) => byPosition.get(p)).filter((r): r is NonNullable<typeof r> => r !== undefined);
        return {
          ...first,
          offset: 0,
          rowIds: picked.map((r) => r.rowId),
          rows: picked.map((r) => r.cells),
          parts: first.parts ? picked.map((r) => r.part ?? 'train') : null,
        };
      } catch (error) {
        reportUnexpected(error);
        return null;
      }
    },

    async exportCsv(path, includePartition, overwrite) {
      const { activeId, detail } = get();
      if (!activeId || !detail) return null;
      try {
        const { jobId } = await getApi().call('data.export', { datasetId: activeId, versionId: detail.current.id, path: path.trim(), includePartition, overwrite });
        track('export', jobId, 'data.export', activeId);
        set({ outcome: null });
        exportPaths.set(jobId, path.trim());
        return null;
      } catch (error) {
        return toApiError(error);
      }
    },

    async cancelJob(jobId) {
      set((s) => ({ jobs: markCancelling(s.jobs, jobId) }));
      try {
        await getApi().call('job.cancel', { jobId });
      } catch (error) {
        reportUnexpected(error);
      }
    },

    onJobProgress(report) {
      if (!slotOfKind(report.kind)) return;
      const before = get().jobs[report.jobId];
      const jobs = applyJobProgress(get().jobs, report);
      if (jobs === get().jobs) return;
      set({ jobs });
      const wasOpen = !before || !isTerminalState(before.progress.state);
      if (wasOpen && isTerminalState(report.state)) {
        if (report.kind === 'data.export' && report.state === 'done') {
          const path = exportPaths.get(report.jobId);
          if (path !== undefined) set({ outcome: { kind: 'exported', path } });
        }
        if (report.state === 'done' && (report.kind === 'data.remedy' || report.kind === 'data.partition')) {
          const versionId = versionOfJob.get(report.jobId);
          if (versionId) set({ outcome: { kind: report.kind === 'data.remedy' ? 'remedy' : 'partition', versionId } });
        }
        finishJob(report);
      }
    },

    onVersionCreated(event) {
      // The refresh itself follows the `project.changed` event that comes with every new version.
      if (event.jobId) versionOfJob.set(event.jobId, event.versionId);
    },

    dismissOutcome() {
      set({ outcome: null });
    },
  };
});

// Facts about jobs the outcome notice needs, kept outside the state (they never render by themselves).
const exportPaths = new Map<string, string>();
const versionOfJob = new Map<string, string>();

/** Forgets a finished job's progress (its dialog was closed). */
export function dropJob(jobId: string): void {
  useDataStore.setState((s) => ({ jobs: forgetJob(s.jobs, jobId) }));
}
