/**
 * The models the benchmark can train, by the catalogue's short id. Ciclo's own estimators and the
 * other families are all created through the registry (createEstimator by kind), so every model
 * id works as soon as its family is registered. Linear models, the linear SVM and the MLP get a
 * StandardScaler first, like the scikit-learn references (bench/py/bench_models.py).
 */
import { MODEL_CATALOG, createEstimator } from '../../electron/ml/registry.js';
import type { BaseEstimator, Classifier, Regressor, Transformer } from '../../electron/ml/core/interfaces.js';
import type { Matrix } from '../../electron/ml/core/matrix.js';
import type { ParallelFitOptions } from '../../electron/ml/core/parallel.js';
import type { OnnxConvertible } from '../../electron/ml/onnx/graph.js';
import type { Task } from './data.js';

/** Model ids of the custom mode. */
export const MODEL_IDS = ['hgb', 'rf', 'logreg', 'tree', 'knn', 'nb', 'linsvm', 'mlp', 'ridge', 'linreg'] as const;

const SCALED = new Set(['logreg', 'linsvm', 'mlp', 'ridge', 'linreg']);

/** Parameters that make a model match its scikit-learn reference in the benchmark. */
const BENCH_PARAMS: Record<string, Record<string, unknown>> = {
  logreg: { maxIter: 200 },
};

/** A model ready to fit: optional scaler, then the estimator. */
export class BenchModel {
  private scaler: (Transformer & Partial<OnnxConvertible>) | null;

  constructor(
    readonly id: string,
    readonly task: Task,
    readonly estimator: Classifier | Regressor,
    scaled: boolean,
  ) {
    this.scaler = scaled ? (createEstimator('StandardScaler') as unknown as Transformer & Partial<OnnxConvertible>) : null;
  }

  /** Fits scaler and estimator. */
  fit(X: Matrix, y: Float64Array, options?: ParallelFitOptions): void {
    const Xs = this.scaler ? this.scaler.fitTransform(X) : X;
    this.estimator.fit(Xs, y, options);
  }

  /** Class probabilities (classification) or predictions (regression) as a column-major matrix or vector. */
  predictOutput(X: Matrix): Matrix | Float64Array {
    const Xs = this.scaler ? this.scaler.transform(X) : X;
    return this.estimator.task === 'classification' ? this.estimator.predictProba(Xs) : this.estimator.predict(Xs);
  }

  /** The fitted steps before the estimator (for ONNX export). */
  get onnxSteps(): OnnxConvertible[] {
    if (!this.scaler) return [];
    if (typeof this.scaler.toOnnx !== 'function') throw new Error('The scaler has no ONNX converter.');
    return [this.scaler as OnnxConvertible];
  }

  /** The serialised model: the scaler's artifact (if any) and the estimator's. */
  toJson(): string {
    const steps: unknown[] = this.scaler ? [this.scaler.toArtifact()] : [];
    return JSON.stringify({ steps, model: this.estimator.toArtifact() });
  }
}

/** Creates model `id` for `task` (seeded with `seed` when the estimator has a randomState). */
export function makeModel(id: string, task: Task, seed?: number): BenchModel {
  const entry = MODEL_CATALOG.find((e) => e.id === id);
  if (!entry) throw new Error(`Unknown model "${id}" (known: ${MODEL_CATALOG.map((e) => e.id).join(', ')}).`);
  const kind = entry.kinds[task];
  if (!kind) throw new Error(`Model "${id}" has no ${task} variant.`);
  const params: Record<string, unknown> = { ...(BENCH_PARAMS[id] ?? {}) };
  const probe: BaseEstimator = createEstimator(kind);
  if (seed !== undefined && 'randomState' in (probe.getParams() as object)) params.randomState = seed;
  const estimator = createEstimator(kind, params) as Classifier | Regressor;
  return new BenchModel(id, task, estimator, SCALED.has(id));
}
