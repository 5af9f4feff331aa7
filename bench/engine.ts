/**
 * `npm run bench:engine`: Ciclo's ML engine against scikit-learn and XGBoost on this machine.
 *
 * Default mode: generates (once) the shared datasets with ../shared/bench/make-data.mjs into
 * bench/data/, trains Ciclo's models and, when /usr/bin/python3 has scikit-learn and XGBoost,
 * the reference models (bench/py/bench_models.py) on the same files and split, each in its own
 * process, and prints a side-by-side table.
 *   npm run bench:engine -- [--datasets cls-200k,reg-200k,cls-1m] [--models hgb,rf] [--repeats 3]
 *                           [--threads N] [--data-dir DIR] [--no-python] [--omp-spin] [--json]
 *
 * Custom mode: any CSV pair and one model.
 *   npm run bench:engine -- --train TRAIN.csv --test TEST.csv --target COL
 *     --model hgb|rf|logreg|tree|knn|nb|linsvm|mlp|ridge|linreg [--task classification|regression]
 *     [--seed S] [--json] [--predictions-out P.csv] [--model-out M.json] [--onnx-out M.onnx] [--threads N]
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs, option } from './lib/args.js';
import { ROOT, loadSplitFile, type Task } from './lib/data.js';
import { runSuite } from './lib/suite.js';
import { runCustom } from './lib/custom.js';
import { measure } from './lib/measure.js';
import { createMlThreadPool } from '../electron/backend/workers/ml-parallel.js';
import { setParallelExecutor } from '../electron/ml/core/parallel.js';

const args = parseArgs(process.argv.slice(2), ['json', 'no-python', 'latency', 'run-one', 'help', 'omp-spin']);
if (args.help) {
  console.log('See the header of bench/engine.ts for usage.');
  process.exit(0);
}
const threads = Number(option(args, 'threads', String(availableParallelism())));

async function withPool<T>(fn: () => T): Promise<T> {
  const pool = createMlThreadPool({ threads });
  await pool.ready();
  setParallelExecutor(pool);
  try {
    return fn();
  } finally {
    setParallelExecutor(null);
    await pool.close();
  }
}

if (args['run-one']) {
  // One (dataset, model) measurement in this process (spawned by the suite).
  const data = loadSplitFile(option(args, 'data') as string);
  const task = option(args, 'task') as Task;
  const testRows = option(args, 'test-rows');
  const { result } = await withPool(() =>
    measure(option(args, 'model') as string, task, data, {
      repeats: Number(option(args, 'repeats', '3')),
      latency: args.latency === true,
      testRows: testRows ? Number(testRows) : undefined,
      threads,
    }),
  );
  console.log(JSON.stringify(result));
} else if (args.train || args.test) {
  for (const k of ['train', 'test', 'target', 'model']) if (!option(args, k)) throw new Error(`--${k} is required in custom mode.`);
  const seed = option(args, 'seed');
  await withPool(() =>
    runCustom({
      train: option(args, 'train') as string,
      test: option(args, 'test') as string,
      target: option(args, 'target') as string,
      model: option(args, 'model') as string,
      task: option(args, 'task') as Task | undefined,
      seed: seed === undefined ? undefined : Number(seed),
      json: args.json === true,
      predictionsOut: option(args, 'predictions-out'),
      modelOut: option(args, 'model-out'),
      onnxOut: option(args, 'onnx-out'),
      threads,
    }),
  );
} else {
  const list = (k: string): string[] | null => option(args, k)?.split(',').map((s) => s.trim()) ?? null;
  runSuite({
    dataDir: option(args, 'data-dir', join(ROOT, 'bench', 'data')) as string,
    datasets: list('datasets') ?? ['cls-200k', 'reg-200k', 'cls-1m'],
    models: list('models'),
    repeats: Number(option(args, 'repeats', '3')),
    threads,
    python: args['no-python'] !== true,
    json: args.json === true,
    ompSpin: args['omp-spin'] === true,
  });
}
