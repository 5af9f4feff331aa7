/** Worker entry: the data side of registering a model version (example row, fairness metrics); see card-work.ts. */
import { runAsWorker } from '../workers/worker-runtime.js';
import { cardWork, type CardWork } from './card-work.js';

runAsWorker((input: CardWork, ctx) => cardWork(input, { signal: ctx.signal }));
