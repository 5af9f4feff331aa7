/** Worker entry: the profile of a dataset version. The work itself is in versions/work.ts. */
import { profileWork, type ProfileWork } from '../versions/work.js';
import { runAsWorker } from './worker-runtime.js';

runAsWorker((input: ProfileWork, ctx) => profileWork(input, ctx));
