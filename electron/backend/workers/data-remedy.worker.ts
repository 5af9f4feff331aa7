/** Worker entry: a remedy applied to a dataset version (writes the new version's chunks). The work itself is in versions/work.ts. */
import { remedyWork, type RemedyWork } from '../versions/work.js';
import { runAsWorker } from './worker-runtime.js';

runAsWorker((input: RemedyWork, ctx) => remedyWork(input, ctx));
