/** Worker entry: a CSV batch prediction (the work is in batch-work.ts). */
import { runAsWorker } from '../workers/worker-runtime.js';
import { batchWork, type BatchWork } from './batch-work.js';

runAsWorker((input: BatchWork, ctx) => batchWork(input, ctx));
