/** Worker entry: the quality report of a dataset version (and the cross-validated label check). The work itself is in versions/work.ts. */
import { checkWork, type CheckWork } from '../versions/work.js';
import { runAsWorker } from './worker-runtime.js';

runAsWorker((input: CheckWork, ctx) => checkWork(input, ctx));
