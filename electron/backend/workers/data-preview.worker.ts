/** Worker entry: the preview of an .xlsx workbook (read whole, so not on the main thread). The work itself is in versions/work.ts. */
import { previewWork, type PreviewWork } from '../versions/work.js';
import { runAsWorker } from './worker-runtime.js';

runAsWorker((input: PreviewWork, ctx) => previewWork(input, ctx));
