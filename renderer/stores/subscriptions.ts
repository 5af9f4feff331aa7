// Backend events, subscribed once for the whole app: a `project.changed` event (another window,
// the CLI, a finished job) refreshes the store that owns the named area.
import type { ApiClient } from '../api/client.js';
import { isChecklistDirty } from './checklist-logic.js';
import { useChecklistStore } from './checklist-store.js';
import { useDataStore } from './data-store.js';
import { useEvaluationStore } from './evaluation-store.js';
import { isFeaturesDirty, useFeaturesStore } from './features-store.js';
import { useLifecycleStore } from './lifecycle-store.js';
import { isDraftDirty } from './objective-logic.js';
import { useObjectiveStore } from './objective-store.js';
import { useProjectStore } from './project-store.js';
import { useRegistryStore } from './registry-store.js';
import { useServingStore } from './serving-store.js';
import { useTrainingStore } from './training-store.js';

/** Starts listening; returns the function that stops. */
export function subscribeToBackend(api: ApiClient): () => void {
  const stop = api.on('project.changed', ({ area }) => {
    if (!useProjectStore.getState().current) return;
    if (area === 'objective' && !isObjectiveBeingEdited()) void useObjectiveStore.getState().load();
    if (area === 'checklist' && !isChecklistBeingEdited()) void useChecklistStore.getState().load();
    if (area === 'project') void useProjectStore.getState().refreshRecent();
    if (area === 'data' && useDataStore.getState().status !== 'idle') void useDataStore.getState().refreshActive();
    if (area === 'features' && useFeaturesStore.getState().status === 'ready' && !isFeaturesDirty(useFeaturesStore.getState())) void useFeaturesStore.getState().load();
    if (area === 'training' && useTrainingStore.getState().status === 'ready') void useTrainingStore.getState().refreshRuns();
    if (area === 'registry') void useRegistryStore.getState().refresh();
    if (area === 'serving') void useServingStore.getState().refresh();
    // Any change can move a step's state.
    void useLifecycleStore.getState().load();
  });
  // Jobs report their progress; the Data step follows its own (import, profile, check, remedies...).
  const stopJobs = api.on('job.progress', (report) => useDataStore.getState().onJobProgress(report));
  const stopVersions = api.on('data.versionCreated', (event) => useDataStore.getState().onVersionCreated(event));
  // Training runs and evaluation jobs (Train and Evaluate steps), and live learning curves.
  const stopRunJobs = api.on('job.progress', (report) => {
    useTrainingStore.getState().onJobProgress(report);
    useEvaluationStore.getState().onJobProgress(report);
  });
  const stopCurves = api.on('training.curve', (event) => useTrainingStore.getState().onCurve(event));
  const stopRuns = api.on('training.runUpdated', (event) => useTrainingStore.getState().onRunUpdated(event));
  // The inference server's live counters and batch prediction jobs (Serve step).
  const stopStats = api.on('serving.stats', (event) => useServingStore.getState().onStats(event));
  const stopBatchJobs = api.on('job.progress', (report) => useServingStore.getState().onJobProgress(report));
  return () => {
    stop();
    stopJobs();
    stopVersions();
    stopRunJobs();
    stopCurves();
    stopRuns();
    stopStats();
    stopBatchJobs();
  };
}

// A refresh must never overwrite what the user is typing: edited forms keep their draft.
function isObjectiveBeingEdited(): boolean {
  const { draft, saved } = useObjectiveStore.getState();
  return isDraftDirty(draft, saved);
}

function isChecklistBeingEdited(): boolean {
  const { saved, answers } = useChecklistStore.getState();
  return isChecklistDirty(answers, saved?.answers ?? null);
}
