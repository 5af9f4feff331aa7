// What happens to the per-project stores when a project opens or closes. Kept apart from
// project-store so each domain store stays unaware of the others.
import { useChecklistStore } from './checklist-store.js';
import { useDataStore } from './data-store.js';
import { useEvaluationStore } from './evaluation-store.js';
import { useFeaturesStore } from './features-store.js';
import { useLifecycleStore } from './lifecycle-store.js';
import { useObjectiveStore } from './objective-store.js';
import { useRegistryStore } from './registry-store.js';
import { useServingStore } from './serving-store.js';
import { useTrainingStore } from './training-store.js';

/** Loads everything the wizard shows for the open project. */
export async function loadProjectStores(): Promise<void> {
  clearProjectStores();
  await Promise.all([
    useLifecycleStore.getState().load(),
    useObjectiveStore.getState().load(),
    useChecklistStore.getState().load(),
  ]);
}

/** Stores what is still waiting to be saved (before the project closes). */
export async function flushProjectStores(): Promise<void> {
  await useChecklistStore.getState().flush();
}

/** Forgets the closed project's data. */
export function clearProjectStores(): void {
  useLifecycleStore.getState().reset();
  useObjectiveStore.getState().reset();
  useChecklistStore.getState().reset();
  // The Data step loads on its first visit; a closed project's datasets must not linger.
  useDataStore.getState().reset();
  // Likewise the Features, Train and Evaluate steps.
  useFeaturesStore.getState().reset();
  useTrainingStore.getState().reset();
  useEvaluationStore.getState().reset();
  // And the Deploy and Serve steps.
  useRegistryStore.getState().reset();
  useServingStore.getState().reset();
}
