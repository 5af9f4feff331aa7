/** Worker entry: the diff of two dataset versions. The work itself is in versions/work.ts. */
import { diffWork, type DiffWork } from '../versions/work.js';
import { runAsWorker } from './worker-runtime.js';

runAsWorker((input: DiffWork, ctx) => diffWork(input, ctx));
