// Starts the BUILT headless studio (`node build/bin/ciclo.mjs studio`) on a free loopback port,
// with CICLO_HOME in a fresh temp folder so the recent list and default project folder are
// isolated from the user's, and reads the URL it prints. Used by every browser test.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A running studio. */
export interface Studio {
  /** The full URL the studio printed, token fragment included. */
  url: string;
  /** scheme://host:port of the studio. */
  origin: string;
  token: string;
  /** CICLO_HOME of this studio (a temp folder). */
  home: string;
  /** Everything the process wrote so far (for failure messages). */
  output: () => string;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and removes `home` unless kept. */
  stop: () => Promise<void>;
}

/** Options of {@link startStudio}. */
export interface StudioOptions {
  /** Reuse a CICLO_HOME (e.g. to restart the studio over the same recent list). */
  home?: string;
  /** Extra environment (e.g. LANG to test the system language). */
  env?: Record<string, string>;
  args?: string[];
  timeoutMs?: number;
  /** Keep `home` on stop (the caller removes it). */
  keepHome?: boolean;
}

const URL_PATTERN = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)/;

/** Fails with a clear message when `npm run build` has not been run. */
export function assertBuilt(): void {
  const needed = [join(ROOT, 'dist', 'electron', 'backend', 'cli', 'main.js'), join(ROOT, 'dist', 'renderer', 'index.html')];
  const missing = needed.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new Error(`The studio is not built (missing ${missing.join(', ')}). Run \`npm run build\` first.`);
}

/** Starts a studio and resolves once it printed its URL. */
export async function startStudio(options: StudioOptions = {}): Promise<Studio> {
  assertBuilt();
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'ciclo-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CICLO_HOME: home, LANG: 'en_US.UTF-8', ...options.env };
  // The built code must be what runs, and the system language must come from LANG only.
  delete env.CICLO_FROM_SOURCE;
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  if (options.env?.LC_ALL) env.LC_ALL = options.env.LC_ALL;
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'build', 'bin', 'ciclo.mjs'), 'studio', '--port', '0', '--host', '127.0.0.1', ...(options.args ?? [])],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.keepHome && !options.home) rmSync(home, { recursive: true, force: true });
  };

  const found = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timeout = setTimeout(() => fail(new Error(`The studio printed no URL within ${options.timeoutMs ?? 30_000} ms.`)), options.timeoutMs ?? 30_000);
    const onData = (): void => {
      const m = output.match(URL_PATTERN);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (code: number | null): void => fail(new Error(`The studio exited (code ${code}) before printing its URL.`));
    function cleanup(): void {
      clearTimeout(timeout);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(error: Error): void {
      cleanup();
      void stop().finally(() => reject(new Error(`${error.message}\n--- studio output ---\n${output}`)));
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });

  return { url: found[0], origin: found[1], token: found[2], home, output: () => output, stop };
}
