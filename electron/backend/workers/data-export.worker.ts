/** Worker entry: the CSV export of a dataset version. The work itself is in versions/work.ts. */
import { exportWork, type ExportWork } from '../versions/work.js';
import { runAsWorker } from './worker-runtime.js';

runAsWorker((input: ExportWork, ctx) => exportWork(input, ctx));
