/**
 * Starting a worker from a `*.worker.ts` entry, in both worlds:
 *  - built (dist/, packaged app): the caller is a .js file and its sibling `x.worker.js` is
 *    started directly;
 *  - source (development, tests): the caller is a .ts file, and the worker must load TypeScript
 *    through tsx. `new Worker(url, { execArgv: ['--import', 'tsx'] })` does not install tsx's
 *    hooks inside worker threads on Node 20 (the .ts entry fails with ERR_UNKNOWN_FILE_EXTENSION),
 *    so the worker starts from a two-line bootstrap that registers tsx's ESM API and then imports
 *    the entry.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';

/** A worker entry resolved for the running build. */
export interface WorkerEntry {
  /** file: URL of the entry module. */
  url: URL;
  /** True when the entry is TypeScript source (run through tsx). */
  isTypeScript: boolean;
}

/**
 * Resolves `<name>.worker` next to (or relative to) the calling module: `.ts` when the caller is a
 * .ts source, `.js` when it is built output.
 * @param callerUrl the caller's `import.meta.url`
 * @param relativeName e.g. `./integrity.worker` (no extension)
 */
export function resolveWorkerEntry(callerUrl: string, relativeName: string): WorkerEntry {
  const isTypeScript = /\.(c|m)?ts$/.test(new URL(callerUrl).pathname);
  return { url: new URL(`${relativeName}${isTypeScript ? '.ts' : '.js'}`, callerUrl), isTypeScript };
}

let tsxApiUrl: string | null = null;

/** file: URL of tsx's ESM registration API, read from tsx's own exports map. */
function tsxEsmApi(): string {
  if (tsxApiUrl) return tsxApiUrl;
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import?: { default?: string } } | string> };
  const api = pkg.exports['./esm/api'];
  const rel = typeof api === 'object' ? api.import?.default : undefined;
  if (!rel) throw new Error('tsx does not export ./esm/api: cannot start TypeScript workers from source.');
  tsxApiUrl = pathToFileURL(join(dirname(pkgPath), rel)).href;
  return tsxApiUrl;
}

/** Options of {@link startWorker}. */
export interface StartWorkerOptions {
  workerData?: unknown;
  resourceLimits?: ResourceLimits;
  /** Objects moved (not copied) into the worker along with workerData. */
  transferList?: TransferListItem[];
}

/** Starts a worker thread on `entry`. */
export function startWorker(entry: WorkerEntry, options: StartWorkerOptions = {}): Worker {
  const common = { workerData: options.workerData, resourceLimits: options.resourceLimits, transferList: options.transferList };
  if (!entry.isTypeScript) return new Worker(fileURLToPath(entry.url), common);
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.url.href)}); });`;
  return new Worker(bootstrap, { ...common, eval: true });
}
