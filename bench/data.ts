/**
 * Data engine benchmark (`npm run bench:data`), side by side with pandas and imbalanced-learn:
 *
 * 1. import of cls-1m.csv (1,000,000 x 20 features + label): seconds and peak RSS, ours vs
 *    pandas.read_csv; the goal is pandas' time or better and peak RSS under 3x the data as
 *    Float64 (1M x 21 x 8 B = 168 MB, so 504 MB);
 * 2. profile + quality report of the same table (statistics computed once, shared): goal < 10 s;
 * 3. SMOTE on cls-200k (balanced as generated, and an imbalanced cut: every label-0 row and the
 *    label-1 rows whose index is a multiple of 10), ours vs imblearn SMOTE(k_neighbors=5), with
 *    the resulting class counts (they must be equal).
 *
 * Every measurement runs in a fresh child process (so peak RSS is that task's), `--runs` times
 * (default 3), and the median is reported. Data is generated once with
 * ../shared/bench/make-data.mjs into bench/data/ (git-ignored). Python is /usr/bin/python3
 * (Debian's pandas and imbalanced-learn). Results also go to bench/out/data.json.
 * The machine is shared: numbers are noisy, medians help, and the report says so.
 *
 * Usage: npm run bench:data [-- --runs 3 --skip-python]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../electron/backend/data/import.js';
import { profileTable } from '../electron/backend/data/profile.js';
import { checkQuality } from '../electron/backend/data/quality/index.js';
import { applyRemedy } from '../electron/backend/data/remedies/recipe.js';
import { computeTableStats } from '../electron/backend/data/stats.js';
import { classCodes, getColumn, takeRows, type DataTable } from '../electron/backend/data/table.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'bench', 'data');
const outDir = join(root, 'bench', 'out');
const python = '/usr/bin/python3';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Rows kept by the imbalanced cut (same rule as bench/py/data_smote.py). */
function imbalancedRows(table: DataTable): number[] {
  const { codes, classes } = classCodes(getColumn(table, 'label'));
  const one = classes.indexOf('1');
  const rows: number[] = [];
  for (let i = 0; i < table.nRows; i++) if (codes[i] !== one || i % 10 === 0) rows.push(i);
  return rows;
}

// ------------------------------------------------------------------ child tasks (one per process)
async function childTask(task: string): Promise<void> {
  const file = arg('file') as string;
  if (task === 'import') {
    const start = performance.now();
    const { table } = await importFile(file, { target: 'label' });
    const seconds = (performance.now() - start) / 1000;
    console.log(JSON.stringify({ seconds, rssMb: peakRssMb(), rows: table.nRows, cols: table.columns.length }));
    return;
  }
  const { table } = await importFile(file, { target: 'label' });
  if (task === 'profile') {
    const start = performance.now();
    const stats = computeTableStats(table);
    const profile = profileTable(table, { target: 'label' }, {}, stats);
    const report = checkQuality(table, { target: 'label' }, { stats });
    const seconds = (performance.now() - start) / 1000;
    console.log(JSON.stringify({ seconds, rssMb: peakRssMb(), findings: report.findings.length, duplicateRows: profile.duplicateRows }));
    return;
  }
  if (task === 'smote') {
    const input = arg('variant') === 'imbalanced' ? takeRows(table, imbalancedRows(table)) : table;
    const start = performance.now();
    const r = applyRemedy(input, { kind: 'smote', target: 'label', kNeighbors: 5 }, { seed: 0 });
    const seconds = (performance.now() - start) / 1000;
    console.log(JSON.stringify({ seconds, rows: input.nRows, counts: r.step.notes.after }));
    return;
  }
  throw new Error(`unknown task ${task}`);
}

// ------------------------------------------------------------------ orchestration
interface Sample {
  seconds: number;
  rssMb?: number;
  rss_mb?: number;
  counts?: Record<string, number>;
  rows?: number;
}

function runJson(cmd: string, args: string[]): Sample {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() as string;
  return JSON.parse(line) as Sample;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function repeat(runs: number, fn: () => Sample): { seconds: number; min: number; rssMb: number | null; last: Sample } {
  const samples: Sample[] = [];
  for (let k = 0; k < runs; k++) samples.push(fn());
  const rss = samples.map((s) => s.rssMb ?? s.rss_mb).filter((v): v is number => v !== undefined);
  return {
    seconds: median(samples.map((s) => s.seconds)),
    min: Math.min(...samples.map((s) => s.seconds)),
    rssMb: rss.length ? median(rss) : null,
    last: samples[samples.length - 1],
  };
}

function ensureData(name: string, rows: number): string {
  const file = join(dataDir, `${name}.csv`);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const generator = resolve(root, '..', 'shared', 'bench', 'make-data.mjs');
    console.log(`generating ${name} with make-data.mjs ...`);
    const r = spawnSync(process.execPath, [generator, '--kind', 'classification', '--rows', String(rows), '--features', '20', '--seed', '1', '--out', file], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('data generation failed');
  }
  return file;
}

async function main(): Promise<void> {
  const task = arg('task');
  if (task) return childTask(task);
  const runs = Number(arg('runs') ?? 3);
  const skipPython = process.argv.includes('--skip-python') || !existsSync(python);
  const big = ensureData('cls-1m', 1_000_000);
  const small = ensureData('cls-200k', 200_000);
  const node = (t: string, file: string, extra: string[] = []): Sample =>
    runJson(process.execPath, ['--import', 'tsx', 'bench/data.ts', '--task', t, '--file', file, ...extra]);

  const rows: string[][] = [];
  const results: Record<string, unknown> = { runs, machine: { cpus: (await import('node:os')).cpus().length } };
  const fmt = (v: number | null | undefined, d = 2): string => (v === null || v === undefined ? '-' : v.toFixed(d));

  const ourImport = repeat(runs, () => node('import', big));
  const pdImport = skipPython ? null : repeat(runs, () => runJson(python, ['bench/py/data_read_csv.py', big]));
  rows.push(['import cls-1m (1M x 21)', 'ciclo', fmt(ourImport.seconds), fmt(ourImport.min), fmt(ourImport.rssMb, 0), 'goal: <= pandas s, peak < 504 MB']);
  if (pdImport) rows.push(['import cls-1m (1M x 21)', 'pandas read_csv', fmt(pdImport.seconds), fmt(pdImport.min), fmt(pdImport.rssMb, 0), '']);
  results.import = { ciclo: ourImport, pandas: pdImport };

  const profile = repeat(runs, () => node('profile', big));
  rows.push(['profile + quality cls-1m', 'ciclo', fmt(profile.seconds), fmt(profile.min), '-', `goal: < 10 s; ${(profile.last as Sample & { findings: number }).findings} findings`]);
  results.profile = profile;

  for (const variant of ['balanced', 'imbalanced']) {
    const ours = repeat(runs, () => node('smote', small, ['--variant', variant]));
    const theirs = skipPython ? null : repeat(runs, () => runJson(python, ['bench/py/data_smote.py', small, variant]));
    const same = theirs ? JSON.stringify(ours.last.counts) === JSON.stringify(theirs.last.counts) : null;
    rows.push([`SMOTE cls-200k ${variant} (${ours.last.rows} rows)`, 'ciclo', fmt(ours.seconds), fmt(ours.min), '-', `counts ${JSON.stringify(ours.last.counts)}`]);
    if (theirs) rows.push([`SMOTE cls-200k ${variant} (${theirs.last.rows} rows)`, 'imblearn', fmt(theirs.seconds), fmt(theirs.min), '-', `counts ${JSON.stringify(theirs.last.counts)}; same counts: ${same}`]);
    results[`smote_${variant}`] = { ciclo: ours, imblearn: theirs, sameCounts: same };
  }

  console.log(`\nData engine benchmark (median of ${runs} fresh processes; shared 2-core machine, numbers are noisy)\n`);
  console.log('| task | engine | median s | min s | peak RSS MB | note |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'data.json'), JSON.stringify(results, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
