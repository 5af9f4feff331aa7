// The Serve step: the embedded inference server (start, stop, its status, examples and live
// counters from `serving.stats`), the prediction log switch, and batch prediction of a CSV file as
// a job (`job.progress`, kind `prediction.batch`) with a preview of the written rows. The server
// runs in its own worker thread in the backend; this store only receives a report about once a
// second, so the window stays responsive however many requests the server answers.
import { create } from 'zustand';
import type { EventPayload } from '../../shared/api/events.js';
import type { BatchPrediction, ServingStatus } from '../../shared/api/methods/serving.js';
import type { JobProgress } from '../../shared/domain/jobs.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import type { JobTable } from './job-logic.js';
import { applyJobProgress, isTerminalState, markCancelling, queuedJob } from './job-logic.js';
import { useRegistryStore } from './registry-store.js';
import type { BatchForm, LiveServing, ServeForm } from './serving-logic.js';
import { applyStats, defaultServeForm, emptyLive, isFirstPrediction, liveFromStatus, predictionsFirst, reconcileForm, serveChoices, startArgs } from './serving-logic.js';
import { useLifecycleStore } from './lifecycle-store.js';

/** The first rows of a finished batch's output file. */
export interface BatchPreview {
  status: 'idle' | 'loading' | 'ready' | 'error';
  batchId: string | null;
  error: ApiError | null;
  columns: string[];
  rows: (string | null)[][];
  /** Rows in the whole output (from the batch record). */
  totalRows: number | null;
}

/** Serving store state. */
export interface ServingState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  server: ServingStatus | null;
  live: LiveServing;
  form: ServeForm | null;
  /** The API key typed for the running server (kept in this window only, to fill the examples). */
  activeApiKey: string;
  isStarting: boolean;
  isStopping: boolean;
  startError: ApiError | null;
  isSwitchingLog: boolean;
  batches: BatchPrediction[];
  batchForm: BatchForm | null;
  batchJobs: JobTable;
  /** The batch started from this window and being followed. */
  activeBatchId: string | null;
  batchError: ApiError | null;
  isStartingBatch: boolean;
  preview: BatchPreview;

  load: () => Promise<void>;
  refresh: () => Promise<void>;
  updateForm: (change: (form: ServeForm) => ServeForm) => void;
  start: () => Promise<boolean>;
  stop: () => Promise<void>;
  setLogging: (enabled: boolean) => Promise<void>;
  onStats: (event: EventPayload<'serving.stats'>) => void;
  updateBatchForm: (change: (form: BatchForm) => BatchForm) => void;
  startBatch: () => Promise<boolean>;
  cancelBatch: () => Promise<void>;
  loadPreview: (batchId: string) => Promise<void>;
  onJobProgress: (report: JobProgress) => void;
  reset: () => void;
}

function idlePreview(): BatchPreview {
  return { status: 'idle', batchId: null, error: null, columns: [], rows: [], totalRows: null };
}

function initialState() {
  return {
    status: 'idle' as ServingState['status'],
    error: null,
    server: null,
    live: emptyLive(),
    form: null,
    activeApiKey: '',
    isStarting: false,
    isStopping: false,
    startError: null,
    isSwitchingLog: false,
    batches: [] as BatchPrediction[],
    batchForm: null,
    batchJobs: {} as JobTable,
    activeBatchId: null,
    batchError: null,
    isStartingBatch: false,
    preview: idlePreview(),
  };
}

/** Rows shown in the preview of a batch's output. */
export const PREVIEW_ROWS = 20;

function nowIso(): string {
  return new Date().toISOString();
}

// When the Serve step's state was last asked for because of served predictions.
let lastLifecycleAsk = 0;

/** The serving store. */
export const useServingStore = create<ServingState>()((set, get) => {
  async function fetchStatus(): Promise<void> {
    const server = await getApi().call('serving.status', {});
    set((s) => ({ server, live: liveFromStatus(server, s.live) }));
  }

  async function fetchBatches(): Promise<void> {
    const batches = await getApi().call('serving.batches', { limit: 20 });
    set({ batches });
  }

  /** The forms follow the registry: a model that disappeared gives way to the default. */
  function reconcileForms(): void {
    const choices = serveChoices(useRegistryStore.getState().models);
    set((s) => ({
      form: s.form ? reconcileForm(s.form, choices) : defaultServeForm(choices),
      batchForm: s.batchForm
        ? { ...s.batchForm, ref: choices.some((c) => c.ref === s.batchForm?.ref) ? s.batchForm.ref : (choices[0]?.ref ?? '') }
        : { ref: choices[0]?.ref ?? '', inputPath: '', outputPath: '', probabilities: false, overwrite: false },
    }));
  }

  return {
    ...initialState(),

    async load() {
      if (get().status !== 'ready') set({ status: 'loading', error: null });
      try {
        const registry = useRegistryStore.getState();
        await Promise.all([fetchStatus(), fetchBatches(), registry.status === 'ready' ? registry.refresh() : registry.load()]);
        reconcileForms();
        set({ status: 'ready', error: null });
      } catch (error) {
        set({ status: 'error', error: toApiError(error) });
      }
    },

    async refresh() {
      if (get().status === 'idle') return;
      try {
        await Promise.all([fetchStatus(), fetchBatches()]);
        reconcileForms();
      } catch (error) {
        // The next event or visit refreshes again; what is on screen stays as it was.
        console.warn('ciclo: could not refresh the server status', error);
      }
    },

    updateForm(change) {
      const { form } = get();
      if (form) set({ form: change(form), startError: null });
    },

    async start() {
      const { form } = get();
      if (!form) return false;
      set({ isStarting: true, startError: null });
      try {
        const server = await getApi().call('serving.start', startArgs(form));
        set((s) => ({ server, live: liveFromStatus(server, s.live), isStarting: false, activeApiKey: form.apiKey }));
        return true;
      } catch (error) {
        const apiError = toApiError(error);
        set({ isStarting: false, startError: apiError });
        if (apiError.code === 'INTERNAL') reportUnexpected(error);
        // "Already running": another window started one; show it.
        if (apiError.messageKey === 'errors.serving.alreadyRunning') void get().refresh();
        return false;
      }
    },

    async stop() {
      set({ isStopping: true });
      try {
        const server = await getApi().call('serving.stop', {});
        set((s) => ({ server, live: liveFromStatus(server, s.live), isStopping: false, activeApiKey: '' }));
      } catch (error) {
        set({ isStopping: false });
        // Stopped meanwhile (another window, a crash): the status says so.
        if (toApiError(error).messageKey === 'errors.serving.notRunning') void get().refresh();
        else reportUnexpected(error);
      }
    },

    async setLogging(enabled) {
      set({ isSwitchingLog: true });
      try {
        const server = await getApi().call('serving.setLogging', { enabled });
        set((s) => ({ server, live: liveFromStatus(server, s.live), isSwitchingLog: false }));
      } catch (error) {
        set({ isSwitchingLog: false });
        reportUnexpected(error);
      }
    },

    onStats(event) {
      const before = get().live;
      const live = applyStats(before, event);
      set({ live });
      // The first answered prediction moves the Serve step on ("waiting for a first request" no
      // longer holds). The backend sees it once the prediction log is written (a fraction of a
      // second later), so while the step still says otherwise, ask again now and then.
      const lifecycle = useLifecycleStore.getState();
      const serveState = lifecycle.steps.find((st) => st.step === 'serve')?.state;
      const now = Date.now();
      if (isFirstPrediction(before, live) || ((live.counters?.predictionRequests ?? 0) > 0 && serveState !== 'done' && now - lastLifecycleAsk > 3000)) {
        lastLifecycleAsk = now;
        void lifecycle.load();
      }
      // A server that started or ended outside this window's calls: its URL, examples and models come with the status.
      const server = get().server;
      if (get().status === 'ready' && (server === null || server.state !== event.state) && (event.state === 'running' || event.state === 'stopped')) void get().refresh();
    },

    updateBatchForm(change) {
      const { batchForm } = get();
      if (batchForm) set({ batchForm: change(batchForm), batchError: null });
    },

    async startBatch() {
      const form = get().batchForm;
      if (!form) return false;
      set({ isStartingBatch: true, batchError: null, preview: idlePreview() });
      try {
        const started = await getApi().call('serving.predictBatch', {
          model: form.ref,
          inputPath: form.inputPath.trim(),
          ...(form.outputPath.trim() !== '' ? { outputPath: form.outputPath.trim() } : {}),
          probabilities: form.probabilities,
          overwrite: form.overwrite,
        });
        set((s) => ({
          isStartingBatch: false,
          activeBatchId: started.batchId,
          batchJobs: s.batchJobs[started.jobId] ? s.batchJobs : { ...s.batchJobs, [started.jobId]: queuedJob(started.jobId, 'prediction.batch', nowIso(), started.batchId) },
        }));
        void fetchBatches().catch((error: unknown) => console.warn('ciclo: could not list batch predictions', error));
        return true;
      } catch (error) {
        set({ isStartingBatch: false, batchError: toApiError(error) });
        return false;
      }
    },

    async cancelBatch() {
      const jobId = Object.values(get().batchJobs).find((j) => j.progress.subjectId === get().activeBatchId)?.progress.jobId;
      if (!jobId) return;
      set((s) => ({ batchJobs: markCancelling(s.batchJobs, jobId) }));
      try {
        await getApi().call('job.cancel', { jobId });
      } catch (error) {
        reportUnexpected(error);
      }
    },

    async loadPreview(batchId) {
      const batch = get().batches.find((b) => b.id === batchId);
      if (!batch) return;
      set({ preview: { ...idlePreview(), status: 'loading', batchId } });
      try {
        // The output is an ordinary CSV file: the Data step's reader shows its first rows without importing it.
        const preview = await getApi().call('data.preview', { path: batch.outputPath });
        if (get().preview.batchId !== batchId) return;
        const order = predictionsFirst(preview.columns.map((c) => c.name));
        set({
          preview: {
            status: 'ready',
            batchId,
            error: null,
            columns: order.map((i) => preview.columns[i].name),
            rows: preview.rows.slice(0, PREVIEW_ROWS).map((row) => order.map((i) => row[i] ?? null)),
            totalRows: batch.rows,
          },
        });
      } catch (error) {
        if (get().preview.batchId === batchId) set({ preview: { ...idlePreview(), status: 'error', batchId, error: toApiError(error) } });
      }
    },

    onJobProgress(report) {
      if (report.kind !== 'prediction.batch') return;
      set((s) => ({ batchJobs: applyJobProgress(s.batchJobs, report) }));
      if (!isTerminalState(report.state)) return;
      const batchId = report.subjectId ?? null;
      void (async () => {
        try {
          await fetchBatches();
        } catch (error) {
          console.warn('ciclo: could not list batch predictions', error);
          return;
        }
        if (report.state === 'done' && batchId !== null && batchId === get().activeBatchId) await get().loadPreview(batchId);
        if (report.state === 'failed' && batchId === get().activeBatchId) set({ batchError: report.error ?? null });
      })();
    },

    reset() {
      set(initialState());
    },
  };
});
