// The Train step: the catalogue and its recommended preset for the active dataset, the form, the
// runs of the dataset with their live jobs (`job.progress`, routed here by subscriptions.ts) and
// live learning curves (`training.curve`). Starting, cancelling and running again go through the
// backend; each run is a job in a worker thread, so the window never waits on training.
import { create } from 'zustand';
import type { EventPayload } from '../../shared/api/events.js';
import type { RunSummary } from '../../shared/api/methods/training.js';
import type { JobProgress } from '../../shared/domain/jobs.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import type { ActiveDataset } from './features-store.js';
import { activeDataset, useFeaturesStore } from './features-store.js';
import type { JobTable } from './job-logic.js';
import { applyJobProgress, isTerminalState, markCancelling, queuedJob } from './job-logic.js';
import { useLifecycleStore } from './lifecycle-store.js';
import type { CurveTable, TrainForm, TrainingCatalog } from './training-logic.js';
import * as logic from './training-logic.js';

/** Load state of one resource. */
export type TrainingLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Training store state. */
export interface TrainingState {
  status: TrainingLoadStatus;
  error: ApiError | null;
  dataset: ActiveDataset | null;
  catalog: TrainingCatalog | null;
  form: TrainForm | null;
  runs: RunSummary[];
  jobs: JobTable;
  curves: CurveTable;
  isStarting: boolean;
  startError: ApiError | null;
  /** The batch started last from this window (its runs are highlighted). */
  lastBatchId: string | null;

  load: () => Promise<void>;
  updateForm: (change: (form: TrainForm) => TrainForm) => void;
  start: () => Promise<boolean>;
  cancel: (runId: string) => Promise<void>;
  rerun: (runId: string) => Promise<void>;
  /** Fetches a run's recorded learning curve (finished runs shown after a reload). */
  loadCurve: (runId: string) => Promise<void>;
  refreshRuns: () => Promise<void>;
  onJobProgress: (report: JobProgress) => void;
  onCurve: (event: EventPayload<'training.curve'>) => void;
  onRunUpdated: (event: EventPayload<'training.runUpdated'>) => void;
  reset: () => void;
}

const initial = {
  status: 'idle' as TrainingLoadStatus,
  error: null,
  dataset: null,
  catalog: null,
  form: null,
  runs: [] as RunSummary[],
  jobs: {} as JobTable,
  curves: {} as CurveTable,
  isStarting: false,
  startError: null,
  lastBatchId: null,
};

function nowIso(): string {
  return new Date().toISOString();
}

// Several events can ask for a refresh of the run list at once: one runs at a time, one follows.
let refreshing: Promise<void> | null = null;
let refreshAgain = false;
// Curves already fetched (or being fetched) from the run record.
const curveRequests = new Set<string>();

/** The training store. */
export const useTrainingStore = create<TrainingState>()((set, get) => {
  async function fetchRuns(): Promise<void> {
    const { dataset } = get();
    if (!dataset) return;
    const fresh = await getApi().call('training.runs', { datasetId: dataset.datasetId });
    if (get().dataset?.datasetId !== dataset.datasetId) return;
    const before = new Map(get().runs.map((r) => [r.id, r.state]));
    set({ runs: logic.mergeRuns([], fresh) });
    // A run that just finished: its recorded curve replaces the live one, and the leaderboard's state moves on.
    const finished = fresh.filter((r) => isTerminalState(r.state) && before.get(r.id) !== undefined && !isTerminalState(before.get(r.id) ?? 'queued'));
    if (finished.length > 0) {
      for (const r of finished) if (logic.CURVE_MODEL_IDS.includes(r.modelId)) curveRequests.delete(r.id);
      void useLifecycleStore.getState().load();
    }
  }

  async function recoverJobs(): Promise<void> {
    // After a reload, runs started earlier are still training in the backend: show their progress again.
    try {
      const active = await getApi().call('job.list', { activeOnly: true });
      set((s) => {
        let jobs = s.jobs;
        for (const job of active) if (job.kind === 'training.run') jobs = applyJobProgress(jobs, job);
        return { jobs };
      });
    } catch (error) {
      // Without the list the runs still show their recorded state; only the live bar is missing.
      console.warn('ciclo: could not list running jobs', error);
    }
  }

  return {
    ...initial,

    async load() {
      if (get().status !== 'ready') set({ status: 'loading', error: null });
      try {
        const dataset = await activeDataset();
        if (!dataset) {
          set({ ...initial, status: 'ready' });
          return;
        }
        const isSwitch = get().dataset?.datasetId !== dataset.datasetId || get().dataset?.versionId !== dataset.versionId;
        const catalog = await getApi().call('training.catalog', { datasetId: dataset.datasetId, versionId: dataset.versionId });
        set((s) => ({
          dataset,
          catalog,
          // The form survives a silent refresh; a new dataset or version starts from its preset.
          form: isSwitch || !s.form ? logic.formFromCatalog(catalog) : s.form,
          runs: s.dataset?.datasetId === dataset.datasetId ? s.runs : [],
        }));
        await Promise.all([fetchRuns(), recoverJobs()]);
        set({ status: 'ready', error: null });
      } catch (error) {
        set({ status: 'error', error: toApiError(error) });
      }
    },

    updateForm(change) {
      const { form } = get();
      if (form) set({ form: change(form), startError: null });
    },

    async start() {
      const { dataset, catalog, form } = get();
      if (!dataset || !catalog || !form || !catalog.task) return false;
      const models = logic.modelChoices(form, catalog, catalog.task);
      set({ isStarting: true, startError: null });
      try {
        const features = useFeaturesStore.getState();
        const featureSetId = features.saved && features.saved.datasetId === dataset.datasetId && features.saved.versionId === dataset.versionId ? features.saved.id : undefined;
        const search = logic.searchOf(form);
        const started = await getApi().call('training.start', {
          datasetId: dataset.datasetId,
          versionId: dataset.versionId,
          ...(featureSetId ? { featureSetId } : {}),
          models,
          validation: logic.validationOf(form),
          ...(search ? { search } : {}),
          seed: Number(form.seed),
        });
        set((s) => {
          let jobs = s.jobs;
          for (const r of started.runs) if (!jobs[r.jobId]) jobs = { ...jobs, [r.jobId]: queuedJob(r.jobId, 'training.run', nowIso(), r.runId) };
          return { jobs, isStarting: false, lastBatchId: started.batchId };
        });
        await get().refreshRuns();
        return true;
      } catch (error) {
        const apiError = toApiError(error);
        set({ isStarting: false, startError: apiError });
        if (apiError.code === 'INTERNAL') reportUnexpected(error);
        return false;
      }
    },

    async cancel(runId) {
      const run = get().runs.find((r) => r.id === runId);
      if (run?.jobId) set((s) => ({ jobs: markCancelling(s.jobs, run.jobId ?? '') }));
      try {
        await getApi().call('training.cancel', { runId });
      } catch (error) {
        reportUnexpected(error);
      }
    },

    async rerun(runId) {
      try {
        const started = await getApi().call('training.rerun', { runId });
        // The run again is the newest thing on screen: its batch becomes the one shown in full.
        set((s) => ({ lastBatchId: null, jobs: s.jobs[started.jobId] ? s.jobs : { ...s.jobs, [started.jobId]: queuedJob(started.jobId, 'training.run', nowIso(), started.runId) } }));
        await get().refreshRuns();
      } catch (error) {
        reportUnexpected(error);
      }
    },

    async loadCurve(runId) {
      if (curveRequests.has(runId)) return;
      curveRequests.add(runId);
      try {
        const detail = await getApi().call('training.run', { runId });
        if (detail.curve.length > 0) set((s) => ({ curves: { ...s.curves, [runId]: logic.curveFromDetail(detail) } }));
      } catch (error) {
        curveRequests.delete(runId);
        // The curve is an extra; the run card still shows its result without it.
        console.warn('ciclo: could not load a learning curve', error);
      }
    },

    async refreshRuns() {
      if (refreshing) {
        refreshAgain = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          refreshAgain = false;
          try {
            await fetchRuns();
          } catch (error) {
            // The next event or visit refreshes again; the list on screen stays as it was.
            console.warn('ciclo: could not refresh the runs', error);
          }
        } while (refreshAgain);
      })();
      try {
        await refreshing;
      } finally {
        refreshing = null;
      }
    },

    onJobProgress(report) {
      if (report.kind !== 'training.run') return;
      set((s) => ({ jobs: applyJobProgress(s.jobs, report) }));
      const runId = logic.runIdOfJob(report);
      const isKnown = runId !== null && get().runs.some((r) => r.id === runId);
      if (isTerminalState(report.state) || (!isKnown && get().dataset)) void get().refreshRuns();
    },

    onCurve(event) {
      set((s) => ({ curves: logic.applyCurvePoint(s.curves, event) }));
    },

    onRunUpdated(event) {
      set((s) => ({ runs: logic.applyRunState(s.runs, event.runId, event.state) }));
      if (get().dataset) void get().refreshRuns();
    },

    reset() {
      curveRequests.clear();
      set({ ...initial });
    },
  };
});
