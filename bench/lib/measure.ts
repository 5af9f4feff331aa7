/**
 * Measures one model on one train/test pair: fit seconds (median of fresh fits), predict seconds
 * on the test rows, the test metrics (electron/ml/metrics, scikit-learn-compatible), single-row
 * latency, and the process's peak resident memory.
 */
import { createMatrix, type Matrix } from '../../electron/ml/core/matrix.js';
import { accuracyScore, logLoss, meanAbsoluteError, r2Score, rocAucOvr, rocAucScore, rootMeanSquaredError } from '../../electron/ml/metrics/index.js';
import type { ParallelFitOptions } from '../../electron/ml/core/parallel.js';
import type { TrainTest, Task } from './data.js';
import { makeModel, type BenchModel } from './models.js';

/** One measurement, as printed with --json. */
export interface RunResult {
  lib: string;
  model: string;
  task: Task;
  dataset?: string;
  trainRows: number;
  testRows: number;
  threads: number;
  loadS: number;
  fitS: number;
  fitAll: number[];
  /** CPU seconds of the median fit, all threads (less sensitive to other load than wall time). */
  fitCpuS: number;
  predictS: number;
  accuracy?: number;
  auc?: number;
  logLoss?: number;
  rmse?: number;
  r2?: number;
  mae?: number;
  latencyUs?: number;
  peakMb: number;
}

/** Median of a non-empty list. */
export function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Peak resident set size of this process, in MB. */
export function peakMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** The first `n` rows of a matrix (copies). */
export function headRows(X: Matrix, n: number): Matrix {
  if (n >= X.nRows) return X;
  const out = createMatrix(n, X.nCols);
  for (let j = 0; j < X.nCols; j++) out.data.set(X.data.subarray(j * X.nRows, j * X.nRows + n), j * n);
  return out;
}

/** Test metrics from the model output (probabilities n x K, or predictions). */
export function testMetrics(task: Task, y: Float64Array, out: Matrix | Float64Array, classes: readonly number[]): Partial<RunResult> {
  if (task === 'regression') {
    const p = out as Float64Array;
    return { rmse: rootMeanSquaredError(y, p), r2: r2Score(y, p), mae: meanAbsoluteError(y, p) };
  }
  const P = out as Matrix;
  const n = P.nRows;
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < P.nCols; k++) if (P.data[k * n + i] > P.data[best * n + i]) best = k;
    labels[i] = classes[best];
  }
  const r: Partial<RunResult> = { accuracy: accuracyScore(y, labels) };
  const present = new Set(Array.from(y));
  if ([...present].every((c) => classes.includes(c))) {
    r.auc = classes.length === 2 ? rocAucScore(y, P.data.subarray(n, 2 * n), { posLabel: classes[1] }) : rocAucOvr(y, P, classes);
    r.logLoss = logLoss(y, P, { labels: [...classes] });
  }
  return r;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  repeats: number;
  seed?: number;
  /** Predict (and score) on at most this many test rows (KNN in the suite). */
  testRows?: number;
  latency: boolean;
  fitOptions?: ParallelFitOptions;
  threads: number;
}

/** Fits `repeats` fresh models and measures the last one. */
export function measure(modelId: string, task: Task, data: TrainTest, o: MeasureOptions): { result: RunResult; model: BenchModel; output: Matrix | Float64Array; Xte: Matrix; yte: Float64Array } {
  const fits: number[] = [];
  const cpus: number[] = [];
  let model: BenchModel | null = null;
  for (let r = 0; r < o.repeats; r++) {
    model = null;
    const m = makeModel(modelId, task, o.seed);
    const c0 = process.cpuUsage();
    const t = performance.now();
    m.fit(data.Xtr, data.ytr, o.fitOptions);
    fits.push((performance.now() - t) / 1000);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
    model = m;
  }
  const fitted = model as BenchModel;
  const Xte = o.testRows ? headRows(data.Xte, o.testRows) : data.Xte;
  const yte = o.testRows ? data.yte.subarray(0, Math.min(o.testRows, data.yte.length)) : data.yte;
  const t = performance.now();
  const output = fitted.predictOutput(Xte);
  const predictS = (performance.now() - t) / 1000;
  const classes = fitted.estimator.task === 'classification' ? fitted.estimator.classes : [];
  const result: RunResult = {
    lib: 'ciclo',
    model: modelId,
    task,
    trainRows: data.Xtr.nRows,
    testRows: Xte.nRows,
    threads: o.threads,
    loadS: data.loadSeconds,
    fitS: median(fits),
    fitAll: fits,
    fitCpuS: cpus[fits.indexOf(median(fits))] ?? median(cpus),
    predictS,
    ...testMetrics(task, yte, output, classes),
    peakMb: 0,
  };
  if (o.latency) result.latencyUs = singleRowLatency(fitted, Xte);
  result.peakMb = peakMb();
  return { result, model: fitted, output, Xte, yte };
}

/** Median microseconds to predict one row (1000 rows, each its own 1-row matrix). */
export function singleRowLatency(model: BenchModel, X: Matrix): number {
  const n = Math.min(1000, X.nRows);
  const rows: Matrix[] = [];
  for (let i = 0; i < n; i++) {
    const r = createMatrix(1, X.nCols);
    for (let j = 0; j < X.nCols; j++) r.data[j] = X.data[j * X.nRows + i];
    rows.push(r);
  }
  for (let i = 0; i < Math.min(200, n); i++) model.predictOutput(rows[i]); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    model.predictOutput(rows[i]);
    times.push((performance.now() - t) * 1000);
  }
  return median(times);
}
