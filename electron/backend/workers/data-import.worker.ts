/** Worker entry: the import of a CSV/TSV or xlsx file into a new dataset version (reads the file, writes its chunks). The work itself is in versions/work.ts. */
import { importWork, type ImportWork } from '../versions/work.js';
import { runAsWorker } from './worker-runtime.js';

runAsWorker((input: ImportWork, ctx) => importWork(input, ctx));
