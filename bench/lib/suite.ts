/**
 * The default benchmark: Ciclo's models and the scikit-learn / XGBoost references on the shared
 * datasets, every (dataset, model, library) in its own process so "peak MB" is that model's
 * memory, printed side by side.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DATASETS, ROOT, ensureDataset, type DatasetSpec } from './data.js';

/** One planned run. */
interface Planned {
  dataset: DatasetSpec;
  model: string;
  repeats: number;
  latency: boolean;
  testRows?: number;
}

/** Models per dataset: Ciclo ids (the Python script uses the same ids, plus xgb). */
const PLAN: Record<string, { ciclo: string[]; python: string[] }> = {
  'cls-200k': { ciclo: ['hgb', 'rf', 'tree', 'logreg', 'nb', 'knn'], python: ['hgb', 'xgb', 'rf', 'tree', 'logreg', 'nb', 'knn'] },
  'reg-200k': { ciclo: ['hgb', 'ridge'], python: ['hgb', 'xgb', 'ridge'] },
  'cls-1m': { ciclo: ['hgb'], python: ['hgb', 'xgb'] },
};

/** Slow or memory-bound runs are done once; KNN predicts the first 10,000 test rows (as the anchors). */
function plan(dataset: DatasetSpec, model: string, repeats: number): Planned {
  const slow = model === 'rf' || model === 'tree' || model === 'knn' || dataset.rows > 500_000;
  return { dataset, model, repeats: slow ? 1 : repeats, latency: dataset.name === 'cls-200k', testRows: model === 'knn' ? 10_000 : undefined };
}

/** Row of the table (one JSON line of a child process). */
type Row = Record<string, unknown>;

function runChild(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Row | { error: string } {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60 * 1000 });
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (r.status !== 0 || !line) return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' | ') };
  return JSON.parse(line) as Row;
}

function hasPython(): boolean {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import sklearn, xgboost, pandas'], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * Environment of the Python runs. OpenMP's default is to spin while waiting; on a machine with
 * more runnable threads than cores that turns scikit-learn's HGB and XGBoost into minutes of
 * busy-waiting, so the suite asks for passive waiting unless --omp-spin is given (or the user set
 * OMP_WAIT_POLICY).
 */
function pythonEnv(o: SuiteOptions): NodeJS.ProcessEnv {
  if (o.ompSpin || process.env.OMP_WAIT_POLICY) return process.env;
  return { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };
}

/** Options of the suite. */
export interface SuiteOptions {
  dataDir: string;
  datasets: string[];
  models: string[] | null;
  repeats: number;
  threads: number;
  python: boolean;
  json: boolean;
  /** Let OpenMP threads of the Python side spin (its default); off = OMP_WAIT_POLICY=PASSIVE. */
  ompSpin: boolean;
}

const fmt = (v: unknown, digits: number): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '-');

function metricText(r: Row): string {
  if (typeof r.auc === 'number') return `acc ${fmt(r.accuracy, 4)} / AUC ${fmt(r.auc, 4)}`;
  if (typeof r.accuracy === 'number') return `acc ${fmt(r.accuracy, 4)}`;
  return `RMSE ${fmt(r.rmse, 3)} / R2 ${fmt(r.r2, 3)}`;
}

/** Runs the suite and prints the table (or JSON lines). */
export function runSuite(o: SuiteOptions): void {
  const python = o.python && hasPython();
  if (o.python && !python) console.error('note: /usr/bin/python3 with scikit-learn, xgboost and pandas not found; Ciclo only.');
  const rows: Row[] = [];
  for (const name of o.datasets) {
    const spec = DATASETS[name];
    if (!spec) throw new Error(`Unknown dataset "${name}" (known: ${Object.keys(DATASETS).join(', ')}).`);
    const path = ensureDataset(spec, o.dataDir);
    const p = PLAN[name];
    const runs: { lib: 'ciclo' | 'python'; run: Planned }[] = [];
    for (const m of p.ciclo) if (!o.models || o.models.includes(m)) runs.push({ lib: 'ciclo', run: plan(spec, m, o.repeats) });
    if (python) for (const m of p.python) if (!o.models || o.models.includes(m) || (m === 'xgb' && o.models.includes('hgb'))) runs.push({ lib: 'python', run: plan(spec, m, o.repeats) });
    for (const { lib, run } of runs) {
      console.error(`running ${lib} ${run.model} on ${name} ...`);
      const common = ['--data', path, '--task', spec.task, '--model', run.model, '--repeats', String(run.repeats), '--threads', String(o.threads)];
      if (run.testRows) common.push('--test-rows', String(run.testRows));
      if (run.latency) common.push('--latency');
      const row =
        lib === 'ciclo'
          ? runChild(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'engine.ts'), '--run-one', ...common])
          : runChild('/usr/bin/python3', [join(ROOT, 'bench', 'py', 'bench_models.py'), ...common], pythonEnv(o));
      const full: Row = { dataset: name, repeats: run.repeats, ...row };
      if (!('lib' in full)) full.lib = lib === 'ciclo' ? 'ciclo' : 'python';
      if (!('model' in full)) full.model = run.model;
      rows.push(full);
      if (o.json) console.log(JSON.stringify(full));
    }
  }
  if (o.json) return;
  console.log('');
  console.log(`| dataset | lib | model | train rows | fit s | fit CPU s | predict s (rows) | metric | 1-row predict µs | peak MB |`);
  console.log(`|---|---|---|---:|---:|---:|---:|---|---:|---:|`);
  for (const r of rows) {
    if ('error' in r) {
      console.log(`| ${r.dataset} | ${r.lib} | ${r.model} | | | | | FAILED: ${String(r.error).slice(0, 120)} | | |`);
      continue;
    }
    const fit = `${fmt(r.fitS ?? r.fit_s, 2)}${Number(r.repeats) > 1 ? ` (med of ${r.repeats})` : ''}`;
    const predict = `${fmt(r.predictS ?? r.predict_s, 3)} (${Number(r.testRows ?? r.test_rows).toLocaleString('en')})`;
    const lat = fmt(r.latencyUs ?? r.latency_us, 1);
    const cpu = fmt(r.fitCpuS ?? r.fit_cpu_s, 2);
    console.log(`| ${r.dataset} | ${r.lib} | ${r.model} | ${Number(r.trainRows ?? r.train_rows).toLocaleString('en')} | ${fit} | ${cpu} | ${predict} | ${metricText(r)} | ${lat} | ${fmt(r.peakMb ?? r.peak_mb, 0)} |`);
  }
  console.log('');
  console.log(`threads: ${o.threads} (Ciclo's worker pool; scikit-learn RandomForest n_jobs and XGBoost nthread; OpenMP decides for scikit-learn's HGB).`);
  console.log('Wall-clock figures depend on what else runs on the machine: compare rows of one run; "fit CPU s" sums all threads.');
  if (python) console.log(`Python runs: OMP_WAIT_POLICY=${pythonEnv(o).OMP_WAIT_POLICY ?? '(OpenMP default)'}.`);
}
