/**
 * The project session: the one project this backend has open (or none). Transitions (open,
 * create, close, rename) are serialised, so two calls racing from two windows or tabs cannot
 * interleave; closing first cancels the project's jobs and waits for them to settle.
 */
import { AppError } from '../../../shared/errors.js';
import type { ProjectFile } from '../storage/project-file.js';
import { upsertJob } from '../storage/repos/jobs.js';
import type { JobManager } from '../workers/job-manager.js';

/** Holds the open project. */
export class ProjectSession {
  private file: ProjectFile | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly jobs: JobManager) {}

  /** The open project, or null. */
  get current(): ProjectFile | null {
    return this.file;
  }

  /** The open project, or NO_PROJECT_OPEN. */
  require(): ProjectFile {
    if (!this.file) throw new AppError('NO_PROJECT_OPEN', 'No project is open: create or open one first.');
    return this.file;
  }

  /** The open project if it may be written, else NO_PROJECT_OPEN or READ_ONLY. */
  requireWritable(): ProjectFile {
    const file = this.require();
    if (file.isReadOnly) {
      throw new AppError('READ_ONLY', `The project ${file.path} is open read-only; changes cannot be saved.`, { params: { path: file.path } });
    }
    return file;
  }

  /** Runs `fn` after every earlier transition has finished. */
  transition<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Makes `file` the open project (the previous one must be closed already). */
  attach(file: ProjectFile): void {
    if (this.file) throw new Error('A project is already attached: close it first.');
    this.file = file;
    this.jobs.setStore(file.isReadOnly ? null : { save: (job) => upsertJob(file.db, job) });
  }

  /** Cancels the project's jobs, then closes it. Returns false when nothing was open. Call inside `transition`. */
  async closeCurrent(): Promise<boolean> {
    const file = this.file;
    if (!file) return false;
    await this.jobs.cancelAll();
    this.jobs.setStore(null);
    this.file = null;
    file.close();
    return true;
  }
}
