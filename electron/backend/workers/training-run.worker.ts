/** Worker entry: one training run (the work is in training/tasks/run.ts). */
import type { MessagePort } from 'node:worker_threads';
import { trainRun, type RunWork } from '../training/tasks/run.js';
import { lowerThreadPriority, runHooks } from '../training/tasks/worker-hooks.js';
import { runAsWorker } from './worker-runtime.js';

/** The job's input: the run and the port its learning curve is posted to. */
export interface TrainingRunInput extends RunWork {
  curvePort?: MessagePort;
}

// Background work: the backend's thread goes first (see worker-hooks.ts).
lowerThreadPriority();

runAsWorker((input: TrainingRunInput, ctx) => {
  const { curvePort, ...work } = input;
  const hooks = runHooks(ctx, curvePort);
  try {
    return trainRun(work, hooks);
  } finally {
    hooks.flush();
  }
});
