/** Worker entry: the train/validation/test split of a dataset version (writes the part codes). The work itself is in versions/work.ts. */
import { partitionWork, type PartitionWork } from '../versions/work.js';
import { runAsWorker } from './worker-runtime.js';

runAsWorker((input: PartitionWork, ctx) => partitionWork(input, ctx));
