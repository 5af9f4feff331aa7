/**
 * Serving benchmark (`npm run bench:serve`): Ciclo's inference server against two baselines, in
 * one run, on loopback, driven by wrk (Debian's `wrk`, a C load generator; it must be on PATH).
 *
 *   ciclo     `ciclo serve --bundle` (the real command: worker thread, validation, limits,
 *             metrics, request ids), from the TypeScript sources
 *   baseline  the same fitted pipeline behind a bare node:http server (no checks, no worker)
 *   sklearn   scikit-learn's HistGradientBoostingClassifier behind Python's http.server
 *             (bench/py/serve_sklearn.py, run with /usr/bin/python3)
 *
 * Model: a 100-tree gradient-boosting pipeline (HistGradientBoostingClassifier, 100 iterations,
 * early stopping off) on the 20 features of make-data.mjs cls-200k (seed 1), trained on the first
 * 80% of rows; requests carry rows of the last 20%. The data and the exported bundle are cached in
 * bench/data/ (git-ignored). Each server runs in its own process.
 *
 * Protocol: the three servers start together (idle ones cost nothing), then the tests run in
 * interleaved rounds (ciclo, baseline, sklearn, ciclo, ...) so that each meets the same background
 * load, and the table shows medians over the rounds:
 *   single  one row per request (MLflow dataframe_split), 16 connections, 1 wrk thread;
 *           1,000 different rows in rotation;
 *   batch   10,000 rows per request, 2 connections.
 * Then Ciclo alone takes single-row load for 60 s with its resident memory sampled every second
 * from /proc. Besides throughput and latency, the server process's CPU time per request is
 * reported (from /proc): on a shared machine it says more than wall-clock rates do.
 * Goals (issue 6): single >= 5,000 predictions/s with p99 < 10 ms and zero errors; batch >=
 * 200,000 rows/s; memory flat over the 60-second run.
 *
 * Options: --quick (one short round, for a smoke check), --no-python, --rounds N (default 3),
 * --seconds N (per round and test, default 10), --data FILE (cls-200k CSV), --make-data FILE (generator; default
 * ../shared/bench/make-data.mjs next to the repository).
 * Internal: --baseline-server BUNDLE_DIR runs the bare server (used by the benchmark itself).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ColumnTransformer } from '../electron/ml/compose/column-transformer.js';
import { ModelPipeline } from '../electron/ml/compose/model-pipeline.js';
import { HistGradientBoostingClassifier } from '../electron/ml/boosting/index.js';
import type { Frame } from '../electron/ml/core/frame.js';
import { exportBundle, readBundle } from '../electron/backend/registry/bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(name);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

// ---------------------------------------------------------------------------------------------
// The benchmark.
// ---------------------------------------------------------------------------------------------

interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  errors: number;
  non2xx: number;
  p50ms: number;
  p99ms: number;
  maxms: number;
}

interface MemorySummary {
  samples: number;
  firstMb: number;
  lastMb: number;
  maxMb: number;
  /** Change from the 10-second sample to the last, MB. */
  growthMb: number;
}

interface ServerRow {
  name: string;
  /** Server CPU (user + system) per single-row request, microseconds. */
  singleCpuUs?: number;
  /** Server CPU per 10,000-row request, milliseconds. */
  batchCpuMs?: number;
  single?: WrkResult;
  batch?: WrkResult;
  memory?: MemorySummary;
  /** Ciclo's long single-row run (memory sampled during it). */
  long?: WrkResult;
  agreement?: string;
  note?: string;
}

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

function commandExists(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function ensureData(): string {
  const path = option('--data') ?? join(root, 'bench', 'data', 'cls-200k.csv');
  if (existsSync(path)) return path;
  const gen = option('--make-data') ?? join(root, '..', 'shared', 'bench', 'make-data.mjs');
  if (!existsSync(gen)) throw new Error(`No data at ${path} and no generator at ${gen}; pass --data FILE or --make-data FILE.`);
  mkdirSync(dirname(path), { recursive: true });
  log(`Generating ${path} with make-data.mjs (classification, 200,000 rows, 20 features, seed 1)...`);
  const r = spawnSync(process.execPath, [gen, '--kind', 'classification', '--rows', '200000', '--features', '20', '--seed', '1', '--out', path], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('make-data.mjs failed.');
  return path;
}

/** Header and numeric rows of the CSV (the benchmark data is all numeric). */
function readNumericCsv(path: string): { header: string[]; rows: number[][] } {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  return { header, rows };
}

async function ensureBundle(csv: string, header: string[], rows: number[][], nTrain: number): Promise<string> {
  const dir = join(root, 'bench', 'data', 'serve-hgb100-bundle');
  if (existsSync(dir)) {
    try {
      await readBundle(dir);
      log(`Using the cached bundle ${dir}.`);
      return dir;
    } catch (err) {
      throw new Error(`The cached bundle ${dir} is unreadable (${(err as Error).message}); delete it to retrain.`);
    }
  }
  const features = header.slice(0, -1);
  const target = header[header.length - 1];
  const columns = [...features, target].map((name, j) => {
    if (j < features.length) {
      const values = new Float64Array(nTrain);
      for (let i = 0; i < nTrain; i++) values[i] = rows[i][j];
      return { kind: 'numeric' as const, name, values };
    }
    const codes = new Int32Array(nTrain);
    for (let i = 0; i < nTrain; i++) codes[i] = rows[i][j] === 1 ? 1 : 0;
    return { kind: 'categorical' as const, name, codes, levels: ['0', '1'] };
  });
  const frame: Frame = { nRows: nTrain, columns };
  const pipeline = new ModelPipeline({
    preprocessor: new ColumnTransformer([['features', 'passthrough', features]]),
    estimator: new HistGradientBoostingClassifier({ maxIter: 100, earlyStopping: 'off' }),
  });
  log(`Training the 100-tree gradient-boosting pipeline on ${nTrain} rows of ${csv}...`);
  const t = performance.now();
  pipeline.fit(frame, target);
  log(`  fitted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await exportBundle(dir, { pipeline, name: 'cls200k-hgb', version: '1', stages: ['production'], metadata: { description: 'bench:serve model' } });
  return dir;
}

function splitBody(header: string[], rows: number[][]): string {
  return JSON.stringify({ dataframe_split: { columns: header.slice(0, -1), data: rows.map((r) => r.slice(0, -1)) } });
}

function luaSingle(bodies: string[]): string {
  const items = bodies.map((b) => `[==[${b}]==]`).join(',\n');
  return `local bodies = {\n${items}\n}
local i = 0
local headers = { ["Content-Type"] = "application/json" }
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/invocations", headers, bodies[i])
end
${LUA_DONE}`;
}

function luaBatch(): string {
  return `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
${LUA_DONE}`;
}

const LUA_DONE = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d,"max":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end`;

function runWrk(url: string, script: string, connections: number, seconds: number, env: NodeJS.ProcessEnv = {}): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, url], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
      if (!line) return reject(new Error(`wrk printed no result:\n${out}`));
      const j = JSON.parse(line.slice(8)) as Record<string, number>;
      const secs = j.duration_us / 1e6;
      resolve({
        requests: j.requests,
        seconds: secs,
        rps: j.requests / secs,
        errors: j.connect + j.read + j.write + j.timeout + j.status,
        non2xx: j.status,
        p50ms: j.p50 / 1000,
        p99ms: j.p99 / 1000,
        maxms: j.max / 1000,
      });
    });
    child.on('error', reject);
  });
}

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** User + system CPU seconds a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Transpiles electron/, shared/ and this script into bench/out/build the way build/scripts/build.mjs
 * builds dist/ (esbuild, one module per file, no bundling), so the servers run production output
 * rather than tsx's development transform, without touching dist/.
 */
async function buildForBench(): Promise<string> {
  const outdir = join(root, 'bench', 'out', 'build');
  rmSync(outdir, { recursive: true, force: true });
  const walk = (dir: string, out: string[] = []): string[] => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, out);
      else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
    }
    return out;
  };
  const skip = [join(root, 'electron', 'main'), join(root, 'electron', 'preload')];
  const entryPoints = [...walk(join(root, 'electron')).filter((p) => !skip.some((d) => p.startsWith(d))), ...walk(join(root, 'shared')), fileURLToPath(import.meta.url)];
  await build({ entryPoints, outdir, outbase: root, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  return outdir;
}

function sampleMemory(pid: number): { stop(): MemorySummary } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const v = rssMb(pid);
    if (v !== null) samples.push(v);
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      const at10 = samples[Math.min(9, samples.length - 1)] ?? 0;
      const last = samples[samples.length - 1] ?? 0;
      return { samples: samples.length, firstMb: samples[0] ?? 0, lastMb: last, maxMb: Math.max(0, ...samples), growthMb: last - at10 };
    },
  };
}

/** Spawns a server process and waits for its ready line; returns its URL. */
function startProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: (line: string) => string | null, timeoutMs = 180_000): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let errBuf = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} did not start in time:\n${buf}\n${errBuf}`));
    }, timeoutMs);
    child.stdout?.on('data', (c: Buffer) => {
      buf += c.toString();
      for (const line of buf.split('\n')) {
        const url = ready(line);
        if (url) {
          clearTimeout(timer);
          resolve({ child, url });
        }
      }
    });
    child.stderr?.on('data', (c: Buffer) => (errBuf += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited (${code}) before it was ready:\n${buf}\n${errBuf}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function predictVia(url: string, body: string): Promise<string[]> {
  const res = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { predictions: unknown[] }).predictions.map(String);
}

async function runBenchmark(): Promise<void> {
  if (!commandExists('wrk')) {
    log('bench:serve needs wrk (Debian: apt-get install wrk). autocannon is not used.');
    process.exit(2);
  }
  const quick = flag('--quick');
  const longSeconds = quick ? 15 : 60;
  const roundSeconds = quick ? 5 : Number(option('--seconds') ?? 10);
  const rounds = quick ? 1 : Number(option('--rounds') ?? 3);
  const usePython = !flag('--no-python') && existsSync('/usr/bin/python3');

  const csv = ensureData();
  const { header, rows } = readNumericCsv(csv);
  const nTrain = Math.floor(rows.length * 0.8);
  const bundleDir = await ensureBundle(csv, header, rows, nTrain);
  const bundle = await readBundle(bundleDir);
  const test = rows.slice(nTrain);

  const out = join(root, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  const singleBodies = test.slice(0, 1000).map((r) => splitBody(header, [r]));
  const singleLua = join(out, 'serve-single.lua');
  writeFileSync(singleLua, luaSingle(singleBodies));
  const batchBody = join(out, 'serve-batch-10k.json');
  writeFileSync(batchBody, splitBody(header, test.slice(0, 10_000)));
  const batchLua = join(out, 'serve-batch.lua');
  writeFileSync(batchLua, luaBatch());
  const checkBody = splitBody(header, test.slice(0, 2000));
  const expected = bundle.pipeline.predictRows(test.slice(0, 2000).map((r) => Object.fromEntries(header.slice(0, -1).map((c, j) => [c, r[j]]))));
  const expectedLabels = expected.task === 'classification' ? expected.labels : [];

  log('Building the backend into bench/out/build (esbuild, as build/scripts/build.mjs does)...');
  const built = await buildForBench();
  const servers: { name: string; start: () => Promise<{ child: ChildProcess; url: string }> }[] = [
    {
      name: 'ciclo',
      start: () =>
        startProcess(process.execPath, [join(built, 'electron', 'backend', 'cli', 'main.js'), 'serve', '--bundle', bundleDir, '--port', '0', '--json'], {}, (line) => {
          if (!line.startsWith('{')) return null;
          try {
            return (JSON.parse(line) as { data?: { url?: string } }).data?.url ?? null;
          } catch {
            return null;
          }
        }),
    },
    {
      name: 'baseline (bare node:http)',
      start: () =>
        startProcess(process.execPath, [join(built, 'bench', 'serve.js'), '--baseline-server', bundleDir], {}, (line) => {
          const m = /^READY (\d+)/.exec(line);
          return m ? `http://127.0.0.1:${m[1]}` : null;
        }),
    },
  ];
  if (usePython) {
    servers.push({
      name: 'sklearn (python http.server)',
      start: () =>
        startProcess('/usr/bin/python3', [join(root, 'bench', 'py', 'serve_sklearn.py'), csv], {}, (line) => {
          const m = /^READY (\d+)/.exec(line);
          return m ? `http://127.0.0.1:${m[1]}` : null;
        }, 900_000), // it trains scikit-learn's model first: minutes on a busy machine
    });
  }

  const results: ServerRow[] = servers.map((sv) => ({ name: sv.name }));
  log(`Load generator: wrk (${spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] || 'wrk'}), 1 thread.`);
  log(`Machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at start (other engineers share the CPU).`);

  // All servers up at once (an idle server costs nothing), then the tests interleaved round by
  // round, so that each server meets the same background load; medians over the rounds.
  const procs: ({ child: ChildProcess; url: string } | null)[] = [];
  for (const [k, sv] of servers.entries()) {
    log(`Starting ${sv.name}...`);
    try {
      const proc = await sv.start();
      const got = await predictVia(proc.url, checkBody);
      results[k].agreement = `${got.filter((v, i) => v === expectedLabels[i]).length}/${got.length}`;
      log(`  predictions equal to in-process predictRows: ${results[k].agreement}`);
      procs.push(proc);
    } catch (err) {
      results[k].note = `did not start: ${(err as Error).message.split('\n')[0]}`;
      log(`  ${results[k].note}`);
      procs.push(null);
    }
  }
  const live = servers.map((_, k) => k).filter((k) => procs[k] !== null);
  const singles: { result: WrkResult; cpuUs: number }[][] = servers.map(() => []);
  const batches: { result: WrkResult; cpuMs: number }[][] = servers.map(() => []);
  try {
    for (const k of live) await runWrk(`${procs[k]!.url}/invocations`, singleLua, 16, 3);
    for (let round = 1; round <= rounds; round++) {
      for (const k of live) {
        const { child, url } = procs[k]!;
        const pid = child.pid as number;
        const cpu0 = cpuSeconds(pid);
        const result = await runWrk(`${url}/invocations`, singleLua, 16, roundSeconds);
        const cpuUs = ((cpuSeconds(pid) - cpu0) / Math.max(1, result.requests)) * 1e6;
        singles[k].push({ result, cpuUs });
        log(`  round ${round} single-row ${servers[k].name}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99ms.toFixed(1)} ms, ${result.errors} errors, ${cpuUs.toFixed(0)} us CPU/request (load ${loadavg()[0].toFixed(1)})`);
      }
    }
    for (let round = 1; round <= rounds; round++) {
      for (const k of live) {
        const { child, url } = procs[k]!;
        const pid = child.pid as number;
        const cpu0 = cpuSeconds(pid);
        const result = await runWrk(`${url}/invocations`, batchLua, 2, roundSeconds, { BENCH_BODY: batchBody });
        const cpuMs = ((cpuSeconds(pid) - cpu0) / Math.max(1, result.requests)) * 1e3;
        batches[k].push({ result, cpuMs });
        log(`  round ${round} batch ${servers[k].name}: ${(result.rps * 10_000).toFixed(0)} rows/s, ${result.errors} errors, ${cpuMs.toFixed(0)} ms CPU/request (load ${loadavg()[0].toFixed(1)})`);
      }
    }
    if (procs[0]) {
      log(`Ciclo alone, single-row, ${longSeconds} s, memory sampled every second...`);
      const pid = procs[0].child.pid as number;
      const mem = sampleMemory(pid);
      const long = await runWrk(`${procs[0].url}/invocations`, singleLua, 16, longSeconds);
      results[0].memory = mem.stop();
      results[0].long = long;
      log(`  ${long.rps.toFixed(0)} req/s, p99 ${long.p99ms.toFixed(1)} ms, ${long.errors} errors; RSS ${results[0].memory.firstMb.toFixed(0)} -> ${results[0].memory.lastMb.toFixed(0)} MB`);
    }
  } finally {
    await Promise.all(procs.map((p) => (p ? stopProcess(p.child) : undefined)));
  }
  const median = (xs: number[]): number => {
    const v = [...xs].sort((a, b) => a - b);
    return v.length === 0 ? NaN : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  for (const k of live) {
    const sg = singles[k];
    const bt = batches[k];
    if (sg.length === 0 || bt.length === 0) continue;
    const pick = (runs: { result: WrkResult }[], field: keyof WrkResult): number => median(runs.map((r) => r.result[field] as number));
    results[k].single = { requests: sg.reduce((a, r) => a + r.result.requests, 0), seconds: sg.reduce((a, r) => a + r.result.seconds, 0), rps: pick(sg, 'rps'), errors: sg.reduce((a, r) => a + r.result.errors, 0), non2xx: sg.reduce((a, r) => a + r.result.non2xx, 0), p50ms: pick(sg, 'p50ms'), p99ms: pick(sg, 'p99ms'), maxms: Math.max(...sg.map((r) => r.result.maxms)) };
    results[k].singleCpuUs = median(sg.map((r) => r.cpuUs));
    results[k].batch = { requests: bt.reduce((a, r) => a + r.result.requests, 0), seconds: bt.reduce((a, r) => a + r.result.seconds, 0), rps: pick(bt, 'rps'), errors: bt.reduce((a, r) => a + r.result.errors, 0), non2xx: bt.reduce((a, r) => a + r.result.non2xx, 0), p50ms: pick(bt, 'p50ms'), p99ms: pick(bt, 'p99ms'), maxms: Math.max(...bt.map((r) => r.result.maxms)) };
    results[k].batchCpuMs = median(bt.map((r) => r.cpuMs));
  }

  const f = (x: number | undefined, d = 0): string => (x === undefined ? '-' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
  const lines = [
    '',
    `Serving benchmark: 100-tree HGB pipeline, 20 features, cls-200k; wrk 1 thread on loopback; ${cpus().length} cores (shared; load average now ${loadavg()[0].toFixed(1)}).`,
    `Medians of ${rounds} interleaved rounds of ${roundSeconds} s per test; errors summed over the rounds.`,
    '',
    '| server | single-row req/s (16 conn) | p50 ms | p99 ms | errors | server CPU us/req | batch rows/s (10k rows, 2 conn) | batch p50 ms | batch errors | server CPU ms/batch | RSS MB first -> last (max), run | same predictions |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...results.map((r) =>
      r.note && !r.single
        ? `| ${r.name} | ${r.note} | | | | | | | | | | |`
        : `| ${r.name} | ${f(r.single?.rps)} | ${f(r.single?.p50ms, 2)} | ${f(r.single?.p99ms, 2)} | ${f(r.single?.errors)} | ${f(r.singleCpuUs)} | ${f(r.batch ? r.batch.rps * 10_000 : undefined)} | ${f(r.batch?.p50ms)} | ${f(r.batch?.errors)} | ${f(r.batchCpuMs)} | ${r.memory ? `${f(r.memory.firstMb)} -> ${f(r.memory.lastMb)} (${f(r.memory.maxMb)}), ${r.memory.samples} s` : '-'} | ${r.agreement ?? '-'} |`,
    ),
  ];
  const ciclo = results[0];
  if (ciclo.single && ciclo.batch && ciclo.memory && ciclo.long) {
    const ok = (b: boolean): string => (b ? 'met' : 'NOT met');
    lines.push('');
    lines.push(`Ciclo alone for ${longSeconds} s: ${f(ciclo.long.rps)} single-row req/s, p50 ${f(ciclo.long.p50ms, 2)} ms, p99 ${f(ciclo.long.p99ms, 2)} ms, ${f(ciclo.long.errors)} errors; RSS ${f(ciclo.memory.firstMb)} -> ${f(ciclo.memory.lastMb)} MB (max ${f(ciclo.memory.maxMb)}).`);
    lines.push(`Ciclo's server process used ${f(ciclo.singleCpuUs)} us of CPU per single-row request and ${f(ciclo.batchCpuMs)} ms per 10,000-row request: one core's worth of CPU at that cost serves ${f(1e6 / (ciclo.singleCpuUs ?? Infinity))} single-row requests/s or ${f((1e3 / (ciclo.batchCpuMs ?? Infinity)) * 10_000)} rows/s (CPU time is inflated too when the machine is shared).`);
    lines.push(`Goals (ciclo): single-row >= 5,000/s: ${ok(Math.max(ciclo.single.rps, ciclo.long.rps) >= 5000)}; p99 < 10 ms: ${ok(Math.min(ciclo.single.p99ms, ciclo.long.p99ms) < 10)}; zero errors: ${ok(ciclo.single.errors === 0 && ciclo.batch.errors === 0 && ciclo.long.errors === 0)}; batch >= 200,000 rows/s: ${ok(ciclo.batch.rps * 10_000 >= 200_000)}; memory growth over the run ${f(ciclo.memory.growthMb, 1)} MB.`);
  }
  console.log(lines.join('\n'));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(out, `serve-${stamp}.json`), JSON.stringify({ when: new Date().toISOString(), loadavg: loadavg(), results }, null, 2));
}

// ---------------------------------------------------------------------------------------------
// Internal mode: the bare node:http baseline.
// ---------------------------------------------------------------------------------------------
function runBaselineServer(dir: string): void {
  const pipeline = ModelPipeline.fromArtifact(JSON.parse(readFileSync(join(dir, 'pipeline.json'), 'utf8')));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const split = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { dataframe_split: { columns: string[]; data: unknown[][] } }).dataframe_split;
        const rows = split.data.map((r) => Object.fromEntries(split.columns.map((c, j) => [c, r[j]])));
        const p = pipeline.predictRows(rows);
        const body = JSON.stringify({ predictions: p.task === 'classification' ? p.labels : Array.from(p.values) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } catch (err) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: (err as Error).message }));
      }
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (flag('--baseline-server')) runBaselineServer(option('--baseline-server') as string);
else await runBenchmark();
