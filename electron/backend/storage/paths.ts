/**
 * Where Ciclo keeps its own files outside projects (the recent-projects list) and where it
 * suggests new projects. `CICLO_HOME` overrides both (tests and portable installs use it);
 * otherwise each OS's convention applies: XDG config on Linux, Application Support on macOS,
 * APPDATA on Windows.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Ciclo's config directory (not created here). */
export function configDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CICLO_HOME) return env.CICLO_HOME;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Ciclo');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Ciclo');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'ciclo');
}

/**
 * The folder suggested for new projects: `CICLO_PROJECTS_DIR`, else `<CICLO_HOME>/projects`
 * when CICLO_HOME is set, else `~/Documents/Ciclo` (or `~/Ciclo` where there is no Documents).
 */
export function defaultProjectDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CICLO_PROJECTS_DIR) return env.CICLO_PROJECTS_DIR;
  if (env.CICLO_HOME) return join(env.CICLO_HOME, 'projects');
  const documents = join(homedir(), 'Documents');
  return existsSync(documents) ? join(documents, 'Ciclo') : join(homedir(), 'Ciclo');
}

/** The file extension of project files. */
export const PROJECT_EXTENSION = '.ciclo';
