/**
 * The custom mode: any pair of CSV files, one model. Prints fit/predict seconds, peak memory and
 * the test metrics (one JSON object with --json), and optionally writes the test predictions
 * (with class probabilities), the serialised model (its sha256 in the output) and the ONNX export.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Matrix } from '../../electron/ml/core/matrix.js';
import { exportEstimatorToOnnx, type ExportableEstimator } from '../../electron/ml/onnx/export.js';
import type { OnnxConvertible } from '../../electron/ml/onnx/graph.js';
import { encodeOnnxModel } from '../../electron/backend/registry/onnx-encode.js';
import { loadTrainTestFiles, type Task, type TrainTest } from './data.js';
import { measure, type RunResult } from './measure.js';
import type { ParallelFitOptions } from '../../electron/ml/core/parallel.js';

/** Options of the custom mode. */
export interface CustomOptions {
  train: string;
  test: string;
  target: string;
  model: string;
  task?: Task;
  seed?: number;
  json: boolean;
  predictionsOut?: string;
  modelOut?: string;
  onnxOut?: string;
  threads: number;
  fitOptions?: ParallelFitOptions;
}

/** Classification when the target is text or has few integer values; regression otherwise. */
export function inferTask(data: TrainTest): Task {
  if (data.targetLevels) return 'classification';
  const distinct = new Set<number>();
  for (const v of data.ytr) {
    if (!Number.isInteger(v)) return 'regression';
    distinct.add(v);
    if (distinct.size > 20) return 'regression';
  }
  return 'classification';
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Runs the custom mode and prints its result. */
export function runCustom(o: CustomOptions): void {
  const data = loadTrainTestFiles(o.train, o.test, o.target);
  const task = o.task ?? inferTask(data);
  const { result, model, output } = measure(o.model, task, data, { repeats: 1, seed: o.seed, latency: false, fitOptions: o.fitOptions, threads: o.threads });
  const report: RunResult & { target: string; features: number; modelSha256?: string; modelOut?: string; onnxOut?: string; onnxError?: string; predictionsOut?: string } = {
    ...result,
    target: data.target,
    features: data.featureNames.length,
  };
  if (o.predictionsOut) {
    writeFileSync(o.predictionsOut, predictionsCsv(task, output, model.estimator.task === 'classification' ? model.estimator.classes : [], data.targetLevels));
    report.predictionsOut = o.predictionsOut;
  }
  if (o.modelOut) {
    const json = model.toJson();
    writeFileSync(o.modelOut, json);
    report.modelOut = o.modelOut;
    report.modelSha256 = createHash('sha256').update(json).digest('hex');
  }
  if (o.onnxOut) {
    const est = model.estimator as unknown as ExportableEstimator & Partial<OnnxConvertible>;
    if (typeof est.toOnnx !== 'function') report.onnxError = `${est.kind} has no ONNX converter`;
    else {
      const classes = model.estimator.task === 'classification' ? model.estimator.classes.length : 0;
      writeFileSync(o.onnxOut, encodeOnnxModel(exportEstimatorToOnnx(est, data.featureNames.length, classes, model.onnxSteps), { metadata: { features: JSON.stringify(data.featureNames), target: data.target } }));
      report.onnxOut = o.onnxOut;
    }
  }
  if (o.json) {
    console.log(JSON.stringify(report));
    return;
  }
  console.log(`model ${o.model} (${task}), ${result.trainRows.toLocaleString('en')} training rows, ${result.testRows.toLocaleString('en')} test rows, ${data.featureNames.length} features, ${o.threads} thread(s)`);
  console.log(`load ${data.loadSeconds.toFixed(2)} s, fit ${result.fitS.toFixed(3)} s, predict ${result.predictS.toFixed(3)} s, peak ${result.peakMb.toFixed(0)} MB`);
  if (task === 'classification') console.log(`accuracy ${result.accuracy?.toFixed(4)}${result.auc !== undefined ? `, ROC-AUC ${result.auc.toFixed(4)}` : ''}${result.logLoss !== undefined ? `, log loss ${result.logLoss.toFixed(4)}` : ''}`);
  else console.log(`RMSE ${result.rmse?.toFixed(4)}, R2 ${result.r2?.toFixed(4)}, MAE ${result.mae?.toFixed(4)}`);
  if (report.modelOut) console.log(`model -> ${report.modelOut} (sha256 ${report.modelSha256})`);
  if (report.onnxOut) console.log(`ONNX -> ${report.onnxOut}`);
  if (report.onnxError) console.log(`ONNX not written: ${report.onnxError}`);
  if (report.predictionsOut) console.log(`predictions -> ${report.predictionsOut}`);
}

function predictionsCsv(task: Task, output: Matrix | Float64Array, classes: readonly number[], levels: string[] | null): string {
  const name = (c: number): string => (levels ? (levels[c] ?? String(c)) : String(c));
  const lines: string[] = [];
  if (task === 'regression') {
    lines.push('prediction');
    for (const v of output as Float64Array) lines.push(String(v));
  } else {
    const P = output as Matrix;
    lines.push(['prediction', ...classes.map((c) => `proba_${name(c)}`)].map(csvCell).join(','));
    for (let i = 0; i < P.nRows; i++) {
      let best = 0;
      for (let k = 1; k < P.nCols; k++) if (P.data[k * P.nRows + i] > P.data[best * P.nRows + i]) best = k;
      const probs = Array.from({ length: P.nCols }, (_, k) => String(P.data[k * P.nRows + i]));
      lines.push([csvCell(name(classes[best])), ...probs].join(','));
    }
  }
  return lines.join('\n') + '\n';
}
