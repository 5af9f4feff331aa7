/** Worker entry: the Features step's suggestion and preview (the work is in training/tasks/features.ts). */
import { previewWork, suggestWork, type PreviewWork, type SuggestWork } from '../training/tasks/features.js';
import { lowerThreadPriority, pollingHooks } from '../training/tasks/worker-hooks.js';
import { runAsWorker } from './worker-runtime.js';

/** The job's input: which work, and its input. */
export type FeaturesInput = { kind: 'suggest'; work: SuggestWork } | { kind: 'preview'; work: PreviewWork };

// Background work: the backend's thread goes first (see worker-hooks.ts).
lowerThreadPriority();

runAsWorker((input: FeaturesInput, ctx) => {
  const hooks = pollingHooks(ctx);
  return input.kind === 'suggest' ? suggestWork(input.work, hooks) : previewWork(input.work, hooks);
});
