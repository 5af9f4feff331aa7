/**
 * The recent-projects list. It lives in Ciclo's config dir (`recent-projects.json`), never in a
 * project file: copying a project must not copy someone's history, and the list must survive a
 * project being deleted or moved (such entries are shown with `exists: false`).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One stored entry. */
export interface RecentEntry {
  path: string;
  name: string;
  openedAt: string;
}

/** An entry as listed, with whether its file still exists. */
export interface RecentListed extends RecentEntry {
  exists: boolean;
}

const MAX_ENTRIES = 20;

/** Reads and writes the recent list of one config dir. */
export class RecentProjects {
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, 'recent-projects.json');
  }

  private read(): RecentEntry[] {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (e): e is RecentEntry => typeof e === 'object' && e !== null && typeof e.path === 'string' && typeof e.name === 'string' && typeof e.openedAt === 'string',
      );
    } catch {
      // Missing or unreadable (hand-edited) list: start a fresh one rather than fail every open.
      return [];
    }
  }

  private write(entries: RecentEntry[]): void {
    mkdirSync(this.dir, { recursive: true });
    // Write-then-rename so a crash never leaves half a JSON file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries, null, 2));
    renameSync(tmp, this.file);
  }

  /** The list, most recent first. */
  list(): RecentListed[] {
    return this.read().map((e) => ({ ...e, exists: existsSync(e.path) }));
  }

  /** Puts a project at the top of the list. */
  touch(path: string, name: string, at: string): void {
    const abs = resolve(path);
    const rest = this.read().filter((e) => e.path !== abs);
    this.write([{ path: abs, name, openedAt: at }, ...rest].slice(0, MAX_ENTRIES));
  }

  /** Replaces an entry's path and name (after a rename). */
  replace(oldPath: string, newPath: string, name: string, at: string): void {
    const oldAbs = resolve(oldPath);
    const newAbs = resolve(newPath);
    const rest = this.read().filter((e) => e.path !== oldAbs && e.path !== newAbs);
    this.write([{ path: newAbs, name, openedAt: at }, ...rest].slice(0, MAX_ENTRIES));
  }

  /** Removes an entry; returns the remaining list. */
  forget(path: string): RecentListed[] {
    const abs = resolve(path);
    const entries = this.read();
    const kept = entries.filter((e) => e.path !== abs);
    if (kept.length !== entries.length) this.write(kept);
    return this.list();
  }
}
