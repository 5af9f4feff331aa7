/** Worker entry: permutation importance and the test-part report of a run (the work is in training/tasks/evaluation.ts). */
import { evaluationWork, type EvaluationWork } from '../training/tasks/evaluation.js';
import { lowerThreadPriority, pollingHooks } from '../training/tasks/worker-hooks.js';
import { runAsWorker } from './worker-runtime.js';

// Background work: the backend's thread goes first (see worker-hooks.ts).
lowerThreadPriority();

runAsWorker((input: EvaluationWork, ctx) => evaluationWork(input, pollingHooks(ctx)));
