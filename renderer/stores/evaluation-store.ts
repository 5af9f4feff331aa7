// The Evaluate step: the chosen run's validation report, threshold tuning for binary problems,
// permutation importance and the final check on the test part (both jobs, followed through
// `job.progress`), the comparison of two runs and the HTML export. The runs themselves live in the
// training store (one cache per entity); this store holds what is computed about them.
import { create } from 'zustand';
import type { EvaluationReport, RunComparison, Thresholds } from '../../shared/api/methods/training.js';
import type { JobProgress } from '../../shared/domain/jobs.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import type { LeaderboardSort } from './evaluation-logic.js';
import { initialThreshold } from './evaluation-logic.js';
import type { JobTable } from './job-logic.js';
import { applyJobProgress, isTerminalState, markCancelling, queuedJob } from './job-logic.js';
import { useLifecycleStore } from './lifecycle-store.js';
import { useObjectiveStore } from './objective-store.js';
import { useTrainingStore } from './training-store.js';

/** Load state of one resource. */
export type EvaluationLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Something fetched about one run. */
export interface Fetched<T> {
  status: EvaluationLoadStatus;
  error: ApiError | null;
  runId: string | null;
  data: T | null;
}

/** The threshold tuner. */
export interface ThresholdTuner extends Fetched<Thresholds> {
  /** The slider's value. */
  value: number;
  isSaving: boolean;
}

/** The final check on the test part. */
export interface FinalCheck extends Fetched<EvaluationReport> {
  jobId: string | null;
  /** The test part was already used: who and when, waiting for the user to confirm a second use. */
  reuse: { usedAt: string; author: string; runId: string } | null;
}

/** The HTML export. */
export interface ExportState {
  status: 'idle' | 'saving' | 'saved' | 'error';
  error: ApiError | null;
  path: string | null;
  bytes: number | null;
}

/** Evaluation store state. */
export interface EvaluationState {
  sort: LeaderboardSort | null;
  selectedRunId: string | null;
  report: Fetched<EvaluationReport>;
  thresholds: ThresholdTuner;
  /** Running permutation-importance job of the selected run. */
  permutationJobId: string | null;
  permutationError: ApiError | null;
  finalCheck: FinalCheck;
  comparison: Fetched<RunComparison> & { a: string | null; b: string | null };
  exportState: ExportState;
  jobs: JobTable;

  load: () => Promise<void>;
  setSort: (sort: LeaderboardSort) => void;
  select: (runId: string) => Promise<void>;
  loadThresholds: () => Promise<void>;
  setThresholdValue: (value: number) => void;
  saveThreshold: (value: number | null) => Promise<void>;
  runPermutation: () => Promise<void>;
  runFinalCheck: (confirm: boolean) => Promise<void>;
  dismissReuse: () => void;
  compare: (a: string, b: string) => Promise<void>;
  clearComparison: () => void;
  exportHtml: (path: string, locale: 'en' | 'es', overwrite: boolean) => Promise<boolean>;
  resetExport: () => void;
  cancelJob: (jobId: string) => Promise<void>;
  onJobProgress: (report: JobProgress) => void;
  reset: () => void;
}

function idle<T>(): Fetched<T> {
  return { status: 'idle', error: null, runId: null, data: null };
}

function idleTuner(): ThresholdTuner {
  return { ...idle<Thresholds>(), value: 0.5, isSaving: false };
}

function idleCheck(): FinalCheck {
  return { ...idle<EvaluationReport>(), jobId: null, reuse: null };
}

const initial = {
  sort: null,
  selectedRunId: null,
  report: idle<EvaluationReport>(),
  thresholds: idleTuner(),
  permutationJobId: null,
  permutationError: null,
  finalCheck: idleCheck(),
  comparison: { ...idle<RunComparison>(), a: null, b: null },
  exportState: { status: 'idle' as const, error: null, path: null, bytes: null },
  jobs: {} as JobTable,
};

function nowIso(): string {
  return new Date().toISOString();
}

/** The details of a refused second use of the test part. */
function reuseOf(error: ApiError): FinalCheck['reuse'] {
  if (error.messageKey !== 'errors.evaluation.testAlreadyUsed') return null;
  const p = error.params ?? {};
  return { usedAt: String(p.usedAt ?? ''), author: String(p.author ?? ''), runId: String(p.runId ?? '') };
}

// Progress reports of evaluation jobs that arrived before `track` knew the job, by job id.
const earlyReports = new Map<string, JobProgress[]>();
// The run each evaluation job started from this window is about.
const jobRuns = new Map<string, string>();

/** The evaluation store. */
export const useEvaluationStore = create<EvaluationState>()((set, get) => {
  const isSelected = (runId: string) => get().selectedRunId === runId;

  async function fetchReport(runId: string, isSilent: boolean): Promise<void> {
    if (!isSilent) set({ report: { status: 'loading', error: null, runId, data: null } });
    try {
      const data = await getApi().call('evaluation.report', { runId, part: 'validation' });
      if (isSelected(runId)) set({ report: { status: 'ready', error: null, runId, data } });
    } catch (error) {
      if (isSelected(runId)) set({ report: { status: 'error', error: toApiError(error), runId, data: null } });
    }
  }

  async function fetchTestReport(runId: string): Promise<void> {
    set((s) => ({ finalCheck: { ...s.finalCheck, status: 'loading', error: null, runId } }));
    try {
      const data = await getApi().call('evaluation.report', { runId, part: 'test' });
      if (isSelected(runId)) set((s) => ({ finalCheck: { ...s.finalCheck, status: 'ready', data, runId, jobId: null } }));
    } catch (error) {
      if (isSelected(runId)) set((s) => ({ finalCheck: { ...s.finalCheck, status: 'error', error: toApiError(error), jobId: null } }));
    }
  }

  function track(jobId: string, runId: string): void {
    jobRuns.set(jobId, runId);
    set((s) => ({ jobs: s.jobs[jobId] ? s.jobs : { ...s.jobs, [jobId]: queuedJob(jobId, 'evaluation.run', nowIso(), runId) } }));
    // Reports that beat the call's answer were kept aside: apply them now, in order.
    const early = earlyReports.get(jobId) ?? [];
    earlyReports.delete(jobId);
    for (const report of early) queueMicrotask(() => get().onJobProgress(report));
  }

  return {
    ...initial,

    async load() {
      const training = useTrainingStore.getState();
      const objective = useObjectiveStore.getState();
      // The runs follow the data step's active dataset, which may have changed since the last visit.
      await Promise.all([training.load(), objective.status === 'idle' ? objective.load() : Promise.resolve()]);
    },

    setSort(sort) {
      set({ sort });
    },

    async select(runId) {
      if (get().selectedRunId === runId && get().report.status !== 'error') return;
      set({
        selectedRunId: runId,
        thresholds: idleTuner(),
        permutationJobId: null,
        permutationError: null,
        finalCheck: idleCheck(),
        exportState: { status: 'idle', error: null, path: null, bytes: null },
      });
      const run = useTrainingStore.getState().runs.find((r) => r.id === runId);
      await Promise.all([fetchReport(runId, false), run?.hasTestReport ? fetchTestReport(runId) : Promise.resolve()]);
    },

    async loadThresholds() {
      const runId = get().selectedRunId;
      if (!runId) return;
      set({ thresholds: { ...idleTuner(), status: 'loading', runId } });
      try {
        const data = await getApi().call('evaluation.thresholds', { runId });
        if (isSelected(runId)) set({ thresholds: { status: 'ready', error: null, runId, data, value: initialThreshold(data), isSaving: false } });
      } catch (error) {
        if (isSelected(runId)) set({ thresholds: { ...idleTuner(), status: 'error', error: toApiError(error), runId } });
      }
    },

    setThresholdValue(value) {
      set((s) => ({ thresholds: { ...s.thresholds, value: Math.min(1, Math.max(0, value)) } }));
    },

    async saveThreshold(value) {
      const runId = get().selectedRunId;
      if (!runId) return;
      set((s) => ({ thresholds: { ...s.thresholds, isSaving: true, error: null } }));
      try {
        const data = await getApi().call('evaluation.setThreshold', { runId, threshold: value });
        if (!isSelected(runId)) return;
        set({ thresholds: { status: 'ready', error: null, runId, data, value: initialThreshold(data), isSaving: false } });
        void useTrainingStore.getState().refreshRuns();
      } catch (error) {
        set((s) => ({ thresholds: { ...s.thresholds, isSaving: false, error: toApiError(error) } }));
      }
    },

    async runPermutation() {
      const runId = get().selectedRunId;
      if (!runId) return;
      set({ permutationError: null });
      try {
        const { jobId } = await getApi().call('evaluation.permutationImportance', { runId, nRepeats: 5 });
        track(jobId, runId);
        if (isSelected(runId)) set({ permutationJobId: jobId });
      } catch (error) {
        set({ permutationError: toApiError(error) });
      }
    },

    async runFinalCheck(confirm) {
      const runId = get().selectedRunId;
      if (!runId) return;
      set((s) => ({ finalCheck: { ...s.finalCheck, error: null, reuse: null } }));
      try {
        const { jobId } = await getApi().call('evaluation.test', { runId, confirm });
        track(jobId, runId);
        if (isSelected(runId)) set((s) => ({ finalCheck: { ...s.finalCheck, jobId, runId } }));
      } catch (error) {
        const apiError = toApiError(error);
        const reuse = reuseOf(apiError);
        set((s) => ({ finalCheck: { ...s.finalCheck, error: reuse ? null : apiError, reuse } }));
      }
    },

    dismissReuse() {
      set((s) => ({ finalCheck: { ...s.finalCheck, reuse: null } }));
    },

    async compare(a, b) {
      set({ comparison: { status: 'loading', error: null, runId: null, data: null, a, b } });
      try {
        const data = await getApi().call('evaluation.compare', { a, b });
        const current = get().comparison;
        if (current.a === a && current.b === b) set({ comparison: { status: 'ready', error: null, runId: null, data, a, b } });
      } catch (error) {
        set({ comparison: { status: 'error', error: toApiError(error), runId: null, data: null, a, b } });
      }
    },

    clearComparison() {
      set({ comparison: { ...idle<RunComparison>(), a: null, b: null } });
    },

    async exportHtml(path, locale, overwrite) {
      const runId = get().selectedRunId;
      if (!runId) return false;
      set({ exportState: { status: 'saving', error: null, path: null, bytes: null } });
      try {
        const out = await getApi().call('evaluation.exportHtml', { runId, path: path.trim(), locale, overwrite });
        set({ exportState: { status: 'saved', error: null, path: out.path, bytes: out.bytes } });
        return true;
      } catch (error) {
        set({ exportState: { status: 'error', error: toApiError(error), path: null, bytes: null } });
        return false;
      }
    },

    resetExport() {
      set({ exportState: { status: 'idle', error: null, path: null, bytes: null } });
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
      if (report.kind !== 'evaluation.run') return;
      if (!get().jobs[report.jobId]) {
        // A job this window has not been told about yet (its start call has not answered): keep the report.
        const list = earlyReports.get(report.jobId) ?? [];
        list.push(report);
        earlyReports.set(report.jobId, list.slice(-20));
        if (earlyReports.size > 50) earlyReports.delete(earlyReports.keys().next().value ?? '');
        return;
      }
      set((s) => ({ jobs: applyJobProgress(s.jobs, report) }));
      if (!isTerminalState(report.state)) return;
      const state = get();
      const runId = jobRuns.get(report.jobId) ?? report.subjectId ?? null;
      if (report.jobId === state.permutationJobId) {
        set({ permutationJobId: null, permutationError: report.state === 'done' ? null : (report.error ?? null) });
        if (report.state === 'done' && runId && isSelected(runId)) void fetchReport(runId, true);
      }
      if (report.jobId === state.finalCheck.jobId) {
        if (report.state === 'done' && runId && isSelected(runId)) {
          void fetchTestReport(runId);
          void useTrainingStore.getState().refreshRuns();
          void useLifecycleStore.getState().load();
        } else set((s) => ({ finalCheck: { ...s.finalCheck, jobId: null, error: report.error ?? null } }));
      }
    },

    reset() {
      earlyReports.clear();
      jobRuns.clear();
      set({ ...initial, report: idle(), thresholds: idleTuner(), finalCheck: idleCheck(), comparison: { ...idle<RunComparison>(), a: null, b: null } });
    },
  };
});
