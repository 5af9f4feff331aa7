/**
 * Worker entry: the integrity check of a large project file (`PRAGMA quick_check` reads every
 * page, so its cost grows with the file; it must not block the main thread).
 */
import { verifyIntegrity } from '../storage/db.js';
import { runAsWorker } from './worker-runtime.js';

/** Input of the integrity check. */
export interface IntegrityInput {
  path: string;
  nativeBinding?: string;
}

runAsWorker((input: IntegrityInput, ctx) => {
  ctx.progress(0, 'jobs.phase.checkingIntegrity');
  verifyIntegrity(input.path, { nativeBinding: input.nativeBinding });
  return { ok: true };
});
