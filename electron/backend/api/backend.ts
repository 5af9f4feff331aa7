/**
 * One backend instance: context + handlers + dispatch, as used by `ciclo studio`, the CLI and the
 * Electron main process. `dispose` cancels running jobs and closes the open project cleanly
 * (checkpointing the WAL and releasing the lock).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackendContext, type BackendConfig, type BackendContext } from './context.js';
import { createApiHandlers, type HandlerDeps } from './index.js';
import { createDispatch, type Dispatch, type DispatchOptions } from './dispatch.js';
import { configDir, defaultProjectDir } from '../storage/paths.js';

/** A running backend. */
export interface Backend {
  ctx: BackendContext;
  dispatch: Dispatch;
  /** Cancels jobs and closes the project. Safe to call twice. */
  dispose(): Promise<void>;
}

/** Ciclo's version, read from the nearest package.json named "ciclo" above this module. */
export function readAppVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ciclo' && pkg.version) return pkg.version;
    } catch {
      // No package.json at this level: keep walking up.
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

/** The system's language among those Ciclo speaks (Spanish for any es-* locale, else English). */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): 'en' | 'es' {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || 'en';
  return raw.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** The default configuration for this machine, with `overrides` applied. */
export function defaultConfig(overrides: Partial<BackendConfig> = {}): BackendConfig {
  return {
    mode: 'headless',
    appVersion: readAppVersion(),
    configDir: configDir(),
    defaultProjectDir: defaultProjectDir(),
    systemLocale: systemLocale(),
    ...overrides,
  };
}

/** Creates a backend. */
export function createBackend(config: BackendConfig, deps: HandlerDeps = {}, options: DispatchOptions & { now?: () => Date } = {}): Backend {
  const ctx = createBackendContext(config, { now: options.now });
  const dispatch = createDispatch(createApiHandlers(deps), ctx, options);
  let disposed: Promise<void> | null = null;
  return {
    ctx,
    dispatch,
    dispose() {
      disposed ??= ctx.session.transition(async () => {
        await ctx.session.closeCurrent();
      });
      return disposed;
    },
  };
}
