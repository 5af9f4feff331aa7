/**
 * The backend context every handler receives: configuration, the project session, the event bus,
 * the job manager and the recent-projects list. One per backend process (one per Electron app,
 * one per `ciclo studio`).
 */
import { EventBus } from './event-bus.js';
import { ProjectSession } from './session.js';
import { JobManager } from '../workers/job-manager.js';
import { RecentProjects } from '../storage/recent.js';

/** How this backend was started. */
export interface BackendConfig {
  /** `electron`: the desktop window; `headless`: `ciclo studio` (browser) or the CLI. */
  mode: 'electron' | 'headless';
  /** Ciclo's version (package.json). */
  appVersion: string;
  /** Where the recent-projects list lives (storage/paths.ts `configDir`). */
  configDir: string;
  /** Folder suggested for new projects. */
  defaultProjectDir: string;
  /** The system's UI language. */
  systemLocale: 'en' | 'es';
  /** better-sqlite3 addon for the running runtime (Electron's ABI); see storage/db.ts. */
  nativeBinding?: string;
  /** Jobs running at once (default: os.availableParallelism()). */
  maxConcurrentJobs?: number;
}

/** What handlers receive. */
export interface BackendContext {
  readonly config: BackendConfig;
  readonly session: ProjectSession;
  readonly events: EventBus;
  readonly jobs: JobManager;
  readonly recent: RecentProjects;
  /** The clock (tests may pin it). */
  now(): Date;
}

/** Builds a context with its own bus, jobs and session. */
export function createBackendContext(config: BackendConfig, options: { now?: () => Date } = {}): BackendContext {
  const events = new EventBus();
  const now = options.now ?? (() => new Date());
  const jobs = new JobManager({ emit: (job) => events.emit('job.progress', job), maxConcurrent: config.maxConcurrentJobs, now });
  return {
    config,
    session: new ProjectSession(jobs),
    events,
    jobs,
    recent: new RecentProjects(config.configDir),
    now,
  };
}
