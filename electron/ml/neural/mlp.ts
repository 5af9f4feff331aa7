/**
 * A small multilayer perceptron, as scikit-learn's `MLPClassifier` / `MLPRegressor` with the Adam
 * solver: fully connected hidden layers (relu, tanh or logistic), Glorot-uniform initialisation,
 * mini-batch backpropagation with an L2 penalty `alpha`, Adam updates (Kingma & Ba, 2015), and
 * early stopping on the loss of a held-out validation fraction (stratified for classifiers) that
 * restores the best weights. Output: one logistic unit for two classes, softmax for more, identity for
 * regression (whose target is standardised internally, so the default learning rate suits any
 * target scale). Reference: Goodfellow, Bengio & Courville, "Deep Learning", ch. 6 and 8.
 *
 * Each epoch reports progress with the training loss and, with early stopping, the validation
 * loss (log loss, or RMSE in target units) for the live learning curve. Seeded: initial weights, the validation split
 * and the batch order all come from `randomState`. Batches are copied into row-major buffers and
 * every layer runs as tight loops over Float64Arrays, with no allocation per row.
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import type { Classifier, FitOptions, Regressor } from '../core/interfaces.js';
import { ArtifactError, InvalidInputError, throwIfAborted } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { decodeF64, encodeArray, makeArtifact, readNumber, readNumberArray, type Artifact } from '../core/serialize.js';
import type { OnnxConvertible, OnnxGraphBuilder } from '../onnx/graph.js';
import {
  EstimatorBase,
  checkBoolParam,
  checkEnumParam,
  checkFiniteTarget,
  checkFitInput,
  checkNumberParam,
  checkPredictInput,
  checkSeedParam,
  encodeLabels,
  mergeParams,
  readArtifact,
  readInt,
} from '../baseline/common.js';

/** Hyper-parameters of the MLP models. */
export interface MLPParams {
  /**
   * Units per hidden layer (sklearn `hidden_layer_sizes`), as an array or as comma-separated text
   * ("64,32", the form pipeline specs and the catalogue use). Default [100].
   */
  hiddenLayerSizes: number[] | string;
  /** Hidden activation (sklearn `activation`). Default 'relu'. */
  activation: 'relu' | 'tanh' | 'logistic';
  /** L2 penalty (sklearn `alpha`). Default 1e-4. */
  alpha: number;
  /** Rows per mini-batch; null = min(200, rows) (sklearn `batch_size='auto'`). */
  batchSize: number | null;
  /** Adam step size (sklearn `learning_rate_init`). Default 1e-3. */
  learningRateInit: number;
  /** Most epochs (sklearn `max_iter`). Default 200. */
  maxIter: number;
  /** A loss improvement below this counts as none (sklearn `tol`). Default 1e-4. */
  tol: number;
  /**
   * Stop when the validation loss stops improving and keep the best weights (sklearn
   * `early_stopping`, which watches accuracy / R² instead; the loss keeps improving while accuracy
   * sits on a plateau, e.g. at the majority-class rate early on). Our default is true, so a
   * beginner's model does not overfit.
   */
  earlyStopping: boolean;
  /** Share of training rows held out for early stopping (sklearn `validation_fraction`). Default 0.1. */
  validationFraction: number;
  /** Epochs without improvement before stopping (sklearn `n_iter_no_change`). Default 10. */
  nIterNoChange: number;
  /** Adam's first-moment decay (sklearn `beta_1`). Default 0.9. */
  beta1: number;
  /** Adam's second-moment decay (sklearn `beta_2`). Default 0.999. */
  beta2: number;
  /** Adam's numerical-stability term (sklearn `epsilon`). Default 1e-8. */
  epsilon: number;
  /** Seed (sklearn `random_state`). Default 0. */
  randomState: number;
}

const DEFAULTS: Readonly<MLPParams> = Object.freeze({
  hiddenLayerSizes: [100],
  activation: 'relu',
  alpha: 1e-4,
  batchSize: null,
  learningRateInit: 1e-3,
  maxIter: 200,
  tol: 1e-4,
  earlyStopping: true,
  validationFraction: 0.1,
  nIterNoChange: 10,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  randomState: 0,
});

/** The hidden layer widths of `p`, parsed from either form; throws naming the param when invalid. */
function hiddenSizes(kind: string, p: MLPParams): number[] {
  const v = p.hiddenLayerSizes;
  const sizes = typeof v === 'string' ? (v.trim() === '' ? [] : v.split(',').map((x) => Number(x.trim()))) : v;
  if (!Array.isArray(sizes) || sizes.length > 10 || !sizes.every((h) => Number.isInteger(h) && h >= 1 && h <= 10_000)) {
    throw new InvalidInputError(`${kind}: parameter hiddenLayerSizes must be up to 10 positive layer widths, got ${JSON.stringify(v)}.`, 'hiddenLayerSizes');
  }
  return sizes;
}

function validate(kind: string, p: MLPParams): void {
  hiddenSizes(kind, p);
  checkEnumParam(kind, 'activation', p.activation, ['relu', 'tanh', 'logistic']);
  checkNumberParam(kind, 'alpha', p.alpha, { min: 0 });
  checkNumberParam(kind, 'batchSize', p.batchSize, { isInteger: true, min: 1, isNullable: true });
  checkNumberParam(kind, 'learningRateInit', p.learningRateInit, { greaterThan: 0 });
  checkNumberParam(kind, 'maxIter', p.maxIter, { isInteger: true, min: 1 });
  checkNumberParam(kind, 'tol', p.tol, { min: 0 });
  checkBoolParam(kind, 'earlyStopping', p.earlyStopping);
  checkNumberParam(kind, 'validationFraction', p.validationFraction, { greaterThan: 0, max: 0.9 });
  checkNumberParam(kind, 'nIterNoChange', p.nIterNoChange, { isInteger: true, min: 1 });
  checkNumberParam(kind, 'beta1', p.beta1, { min: 0, max: 0.999999 });
  checkNumberParam(kind, 'beta2', p.beta2, { min: 0, max: 0.999999 });
  checkNumberParam(kind, 'epsilon', p.epsilon, { greaterThan: 0 });
  checkSeedParam(kind, 'randomState', p.randomState);
}

/** The network: layer sizes, and per layer a row-major (in x out) weight matrix and biases. */
interface Network {
  sizes: number[];
  weights: Float64Array[];
  biases: Float64Array[];
}

interface MlpState {
  net: Network;
  /** Classifier labels; empty for the regressor. */
  classes: number[];
  /** Regression target standardisation. */
  yMean: number;
  yScale: number;
  nIter: number;
  /** Training loss per epoch. */
  lossCurve: Float64Array;
  /** Validation loss per epoch (empty without early stopping). */
  validationCurve: Float64Array;
}

type OutputKind = 'logistic' | 'softmax' | 'identity';

function activate(kind: MLPParams['activation'], z: Float64Array, n: number): void {
  if (kind === 'relu') {
    for (let i = 0; i < n; i++) if (z[i] < 0) z[i] = 0;
  } else if (kind === 'tanh') {
    for (let i = 0; i < n; i++) z[i] = Math.tanh(z[i]);
  } else {
    for (let i = 0; i < n; i++) z[i] = 1 / (1 + Math.exp(-z[i]));
  }
}

/** delta *= f'(z) expressed through the activation a = f(z). */
function activationGradient(kind: MLPParams['activation'], a: Float64Array, delta: Float64Array, n: number): void {
  if (kind === 'relu') {
    for (let i = 0; i < n; i++) if (a[i] === 0) delta[i] = 0;
  } else if (kind === 'tanh') {
    for (let i = 0; i < n; i++) delta[i] *= 1 - a[i] * a[i];
  } else {
    for (let i = 0; i < n; i++) delta[i] *= a[i] * (1 - a[i]);
  }
}

function outputActivation(kind: OutputKind, z: Float64Array, rows: number, width: number): void {
  if (kind === 'logistic') {
    for (let i = 0; i < rows; i++) z[i] = 1 / (1 + Math.exp(-z[i]));
  } else if (kind === 'softmax') {
    for (let i = 0; i < rows; i++) {
      const o = i * width;
      let max = -Infinity;
      for (let k = 0; k < width; k++) if (z[o + k] > max) max = z[o + k];
      let sum = 0;
      for (let k = 0; k < width; k++) {
        z[o + k] = Math.exp(z[o + k] - max);
        sum += z[o + k];
      }
      for (let k = 0; k < width; k++) z[o + k] /= sum;
    }
  }
}

/** Forward pass of `rows` row-major inputs through `net`; `acts[l]` receives layer l's activations. */
function forward(net: Network, activation: MLPParams['activation'], output: OutputKind, acts: Float64Array[], rows: number): void {
  const L = net.weights.length;
  for (let l = 0; l < L; l++) {
    const inW = net.sizes[l];
    const outW = net.sizes[l + 1];
    const A = acts[l];
    const Z = acts[l + 1];
    const W = net.weights[l];
    const b = net.biases[l];
    for (let i = 0; i < rows; i++) {
      const zo = i * outW;
      for (let j = 0; j < outW; j++) Z[zo + j] = b[j];
      const ao = i * inW;
      for (let k = 0; k < inW; k++) {
        const a = A[ao + k];
        if (a === 0) continue;
        const wo = k * outW;
        for (let j = 0; j < outW; j++) Z[zo + j] += a * W[wo + j];
      }
    }
    if (l < L - 1) activate(activation, Z, rows * outW);
    else outputActivation(output, Z, rows, outW);
  }
}

/** Copies rows `idx[from..to)` of column-major X into a row-major buffer. */
function gatherRows(X: Matrix, idx: Int32Array, from: number, to: number, out: Float64Array): void {
  const p = X.nCols;
  const n = X.nRows;
  for (let j = 0; j < p; j++) {
    const off = j * n;
    for (let t = from; t < to; t++) out[(t - from) * p + j] = X.data[off + idx[t]];
  }
}

abstract class MLPBase extends EstimatorBase<MLPParams, MlpState> implements OnnxConvertible {
  protected constructor(kind: string, params: Partial<MLPParams>) {
    super(mergeParams(kind, DEFAULTS, params));
  }

  protected abstract outputKind(nOutputs: number): OutputKind;

  /**
   * Trains on X with targets `target` (row-major rows x nOut: one-hot, 0/1 or standardised values).
   * `lossOf` gives the validation loss (lower is better) of a predicted output buffer.
   */
  protected train(
    X: Matrix,
    target: Float64Array,
    nOut: number,
    options: FitOptions,
    strata: Int32Array | null,
    lossOf: (out: Float64Array, rows: Int32Array) => number,
    metric: string,
  ): Omit<MlpState, 'classes' | 'yMean' | 'yScale'> {
    const p = this.params;
    const n = X.nRows;
    const rng = new Rng(p.randomState);
    const sizes = [X.nCols, ...hiddenSizes(this.kind, p), nOut];
    const L = sizes.length - 1;
    const output = this.outputKind(nOut);
    const net: Network = { sizes, weights: [], biases: [] };
    const factor = p.activation === 'logistic' ? 2 : 6;
    for (let l = 0; l < L; l++) {
      const bound = Math.sqrt(factor / (sizes[l] + sizes[l + 1]));
      net.weights.push(Float64Array.from({ length: sizes[l] * sizes[l + 1] }, () => (rng.next() * 2 - 1) * bound));
      net.biases.push(Float64Array.from({ length: sizes[l + 1] }, () => (rng.next() * 2 - 1) * bound));
    }

    // Validation split (stratified by class for classifiers).
    const order = Int32Array.from({ length: n }, (_, i) => i);
    rng.shuffle(order);
    let trainIdx = order;
    let validIdx = new Int32Array(0);
    const useValidation = p.earlyStopping && Math.floor(n * p.validationFraction) >= 2 && n - Math.ceil(n * p.validationFraction) >= 1;
    if (useValidation) {
      const isValid = new Uint8Array(n);
      if (strata) {
        const counts = new Map<number, number>();
        for (let i = 0; i < n; i++) counts.set(strata[i], (counts.get(strata[i]) ?? 0) + 1);
        const taken = new Map<number, number>();
        for (const i of order) {
          const c = strata[i];
          const quota = Math.round((counts.get(c) as number) * p.validationFraction);
          if ((taken.get(c) ?? 0) < quota) {
            isValid[i] = 1;
            taken.set(c, (taken.get(c) ?? 0) + 1);
          }
        }
      } else {
        const nValid = Math.ceil(n * p.validationFraction);
        for (let t = 0; t < nValid; t++) isValid[order[t]] = 1;
      }
      trainIdx = order.filter((i) => isValid[i] === 0);
      validIdx = order.filter((i) => isValid[i] === 1);
    }
    const nTrain = trainIdx.length;
    const sw = options.sampleWeight;
    const batch = Math.min(p.batchSize ?? 200, nTrain);

    // Buffers: activations and deltas per layer, gradients, Adam moments.
    const maxRows = Math.max(batch, Math.min(validIdx.length, 4096));
    const acts = sizes.map((s) => new Float64Array(maxRows * s));
    const deltas = sizes.map((s) => new Float64Array(batch * s));
    const gW = net.weights.map((w) => new Float64Array(w.length));
    const gB = net.biases.map((b) => new Float64Array(b.length));
    const mW = net.weights.map((w) => new Float64Array(w.length));
    const vW = net.weights.map((w) => new Float64Array(w.length));
    const mB = net.biases.map((b) => new Float64Array(b.length));
    const vB = net.biases.map((b) => new Float64Array(b.length));
    const rowWeight = new Float64Array(batch);
    let step = 0;

    const lossCurve: number[] = [];
    const validationCurve: number[] = [];
    let bestValid = Infinity;
    let bestLoss = Infinity;
    let noImprove = 0;
    let best: Network | null = null;
    let epochs = 0;
    for (let epoch = 0; epoch < p.maxIter; epoch++) {
      throwIfAborted(options.signal);
      rng.shuffle(trainIdx);
      let epochLoss = 0;
      let epochWeight = 0;
      for (let start = 0; start < nTrain; start += batch) {
        const end = Math.min(nTrain, start + batch);
        const rows = end - start;
        gatherRows(X, trainIdx, start, end, acts[0]);
        forward(net, p.activation, output, acts, rows);
        // Output deltas (prediction - target), weighted; the loss of this batch.
        const out = acts[L];
        const dOut = deltas[L];
        let wSum = 0;
        for (let t = 0; t < rows; t++) {
          const i = trainIdx[start + t];
          const w = sw ? sw[i] : 1;
          rowWeight[t] = w;
          wSum += w;
          for (let k = 0; k < nOut; k++) {
            const yv = target[i * nOut + k];
            const o = out[t * nOut + k];
            dOut[t * nOut + k] = w * (o - yv);
            if (output === 'identity') epochLoss += 0.5 * w * (o - yv) * (o - yv);
            else if (output === 'logistic') epochLoss -= w * (yv * Math.log(Math.max(o, 1e-15)) + (1 - yv) * Math.log(Math.max(1 - o, 1e-15)));
            else if (yv > 0) epochLoss -= w * yv * Math.log(Math.max(o, 1e-15));
          }
        }
        epochWeight += wSum;
        const scale = wSum > 0 ? 1 / wSum : 0;
        // Backward.
        for (let l = L - 1; l >= 0; l--) {
          const inW = sizes[l];
          const outW = sizes[l + 1];
          const A = acts[l];
          const D = deltas[l + 1];
          const W = net.weights[l];
          const gw = gW[l];
          const gb = gB[l];
          gw.fill(0);
          gb.fill(0);
          for (let t = 0; t < rows; t++) {
            const dO = t * outW;
            for (let j = 0; j < outW; j++) gb[j] += D[dO + j];
            const aO = t * inW;
            for (let k = 0; k < inW; k++) {
              const a = A[aO + k];
              if (a === 0) continue;
              const wo = k * outW;
              for (let j = 0; j < outW; j++) gw[wo + j] += a * D[dO + j];
            }
          }
          if (l > 0) {
            const prev = deltas[l];
            for (let t = 0; t < rows; t++) {
              const dO = t * outW;
              const pO = t * inW;
              for (let k = 0; k < inW; k++) {
                const wo = k * outW;
                let s = 0;
                for (let j = 0; j < outW; j++) s += D[dO + j] * W[wo + j];
                prev[pO + k] = s;
              }
            }
            activationGradient(p.activation, A, prev, rows * inW);
          }
          // Mean gradient plus the L2 term (sklearn: (grad + alpha W) / batch rows).
          for (let q = 0; q < gw.length; q++) gw[q] = gw[q] * scale + (p.alpha * W[q]) / rows;
          for (let q = 0; q < gb.length; q++) gb[q] *= scale;
        }
        // Adam.
        step += 1;
        const lr = (p.learningRateInit * Math.sqrt(1 - p.beta2 ** step)) / (1 - p.beta1 ** step);
        for (let l = 0; l < L; l++) {
          adam(net.weights[l], gW[l], mW[l], vW[l], lr, p.beta1, p.beta2, p.epsilon);
          adam(net.biases[l], gB[l], mB[l], vB[l], lr, p.beta1, p.beta2, p.epsilon);
        }
      }
      let penalty = 0;
      for (const w of net.weights) for (let q = 0; q < w.length; q++) penalty += w[q] * w[q];
      const loss = epochLoss / Math.max(epochWeight, 1e-300) + (0.5 * p.alpha * penalty) / nTrain;
      lossCurve.push(loss);
      epochs = epoch + 1;
      let score: number | undefined;
      if (useValidation) {
        score = this.validationLoss(net, X, validIdx, acts, output, lossOf);
        validationCurve.push(score);
        if (score < bestValid) {
          best = { sizes, weights: net.weights.map((w) => w.slice()), biases: net.biases.map((b) => b.slice()) };
        }
        if (score > bestValid - p.tol) noImprove += 1;
        else noImprove = 0;
        if (score < bestValid) bestValid = score;
      } else {
        if (loss > bestLoss - p.tol) noImprove += 1;
        else noImprove = 0;
        if (loss < bestLoss) bestLoss = loss;
      }
      options.onProgress?.({
        fraction: epochs / p.maxIter,
        phase: 'epoch',
        iteration: epochs,
        totalIterations: p.maxIter,
        trainLoss: loss,
        validationScore: score,
        validationMetric: score === undefined ? undefined : metric,
      });
      if (!Number.isFinite(loss)) throw new InvalidInputError(`${this.kind}: training diverged (loss is not finite); lower learningRateInit or scale the features.`, 'learningRateInit');
      if (noImprove > p.nIterNoChange) break;
    }
    return { net: best ?? net, nIter: epochs, lossCurve: Float64Array.from(lossCurve), validationCurve: Float64Array.from(validationCurve) };
  }

  private validationLoss(net: Network, X: Matrix, idx: Int32Array, acts: Float64Array[], output: OutputKind, lossOf: (out: Float64Array, rows: Int32Array) => number): number {
    const nOut = net.sizes[net.sizes.length - 1];
    const all = new Float64Array(idx.length * nOut);
    const chunk = Math.floor(acts[0].length / net.sizes[0]);
    for (let start = 0; start < idx.length; start += chunk) {
      const end = Math.min(idx.length, start + chunk);
      gatherRows(X, idx, start, end, acts[0]);
      forward(net, this.params.activation, output, acts, end - start);
      all.set(acts[acts.length - 1].subarray(0, (end - start) * nOut), start * nOut);
    }
    return lossOf(all, idx);
  }

  /** Row-major network outputs for X (probabilities, or standardised values). */
  protected outputs(X: Matrix): Float64Array {
    const s = this.state();
    checkPredictInput(this.kind, X, s.net.sizes[0]);
    const sizes = s.net.sizes;
    const chunk = 1024;
    const acts = sizes.map((w) => new Float64Array(Math.min(chunk, Math.max(1, X.nRows)) * w));
    const nOut = sizes[sizes.length - 1];
    const out = new Float64Array(X.nRows * nOut);
    const idx = Int32Array.from({ length: X.nRows }, (_, i) => i);
    const output = this.outputKind(nOut);
    for (let start = 0; start < X.nRows; start += chunk) {
      const end = Math.min(X.nRows, start + chunk);
      gatherRows(X, idx, start, end, acts[0]);
      forward(s.net, this.params.activation, output, acts, end - start);
      out.set(acts[acts.length - 1].subarray(0, (end - start) * nOut), start * nOut);
    }
    return out;
  }

  /** Epochs run. */
  get nIter(): number {
    return this.state().nIter;
  }

  /** Training loss per epoch (sklearn `loss_curve_`). */
  get lossCurve(): Float64Array {
    return this.state().lossCurve.slice();
  }

  /** Validation loss per epoch (log loss, or RMSE in target units), when early stopping was on. */
  get validationCurve(): Float64Array {
    return this.state().validationCurve.slice();
  }

  /** Serialises the fitted network. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), {
      sizes: s.net.sizes,
      weights: s.net.weights.map((w) => encodeArray(w)),
      biases: s.net.biases.map((b) => encodeArray(b)),
      classes: s.classes,
      yMean: s.yMean,
      yScale: s.yScale,
      nIter: s.nIter,
      lossCurve: encodeArray(s.lossCurve),
      validationCurve: encodeArray(s.validationCurve),
    });
  }

  protected static readMlpState(state: Record<string, unknown>, params: MLPParams, kind: string): MlpState {
    const sizes = readNumberArray(state, 'sizes', 'state');
    if (sizes.length !== hiddenSizes(kind, params).length + 2 || !sizes.every((s) => Number.isInteger(s) && s >= 1)) {
      throw new ArtifactError('Model spec field state.sizes does not match hiddenLayerSizes.');
    }
    const ws = state.weights;
    const bs = state.biases;
    if (!Array.isArray(ws) || !Array.isArray(bs) || ws.length !== sizes.length - 1 || bs.length !== sizes.length - 1) {
      throw new ArtifactError('Model spec fields state.weights and state.biases must hold one array per layer.');
    }
    const weights = ws.map((w, l) => {
      const a = decodeF64(w, `state.weights[${l}]`);
      if (a.length !== sizes[l] * sizes[l + 1]) throw new ArtifactError(`Model spec field state.weights[${l}] has the wrong size.`);
      return a;
    });
    const biases = bs.map((b, l) => {
      const a = decodeF64(b, `state.biases[${l}]`);
      if (a.length !== sizes[l + 1]) throw new ArtifactError(`Model spec field state.biases[${l}] has the wrong size.`);
      return a;
    });
    return {
      net: { sizes, weights, biases },
      classes: readNumberArray(state, 'classes', 'state'),
      yMean: readNumber(state, 'yMean', 'state'),
      yScale: readNumber(state, 'yScale', 'state'),
      nIter: readInt(state, 'nIter', 'state'),
      lossCurve: decodeF64(state.lossCurve, 'state.lossCurve'),
      validationCurve: decodeF64(state.validationCurve, 'state.validationCurve'),
    };
  }

  /**
   * ONNX in default-domain operators: MatMul + Add per layer, Relu/Tanh/Sigmoid between layers;
   * classifiers end in Softmax (or Sigmoid and [1 - p, p]) with ArgMax for the label, regressors in
   * the de-standardised output.
   */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output?: string; label?: string; probabilities?: string } {
    const s = this.state();
    const L = s.net.weights.length;
    let current = input;
    const act = { relu: 'Relu', tanh: 'Tanh', logistic: 'Sigmoid' }[this.params.activation];
    for (let l = 0; l < L; l++) {
      const w = builder.addInitializer(`mlp_w${l}`, 'float', [s.net.sizes[l], s.net.sizes[l + 1]], s.net.weights[l]);
      const b = builder.addInitializer(`mlp_b${l}`, 'float', [s.net.sizes[l + 1]], s.net.biases[l]);
      const [mm] = builder.addNode('MatMul', [current, w], [builder.uniqueName('mlp_mm')]);
      const [z] = builder.addNode('Add', [mm, b], [builder.uniqueName('mlp_z')]);
      current = z;
      if (l < L - 1) [current] = builder.addNode(act, [z], [builder.uniqueName('mlp_a')]);
    }
    const nOut = s.net.sizes[L];
    if (s.classes.length === 0) {
      const scale = builder.addInitializer('mlp_y_scale', 'float', [], [s.yScale]);
      const mean = builder.addInitializer('mlp_y_mean', 'float', [], [s.yMean]);
      const [scaled] = builder.addNode('Mul', [current, scale], [builder.uniqueName('mlp_scaled')]);
      const [output] = builder.addNode('Add', [scaled, mean], [builder.uniqueName('variable')]);
      return { output };
    }
    const probabilities = builder.uniqueName('probabilities');
    const label = builder.uniqueName('label');
    if (nOut === 1) {
      const [p1] = builder.addNode('Sigmoid', [current], [builder.uniqueName('mlp_p1')]);
      const one = builder.addInitializer('one', 'float', [], [1]);
      const [p0] = builder.addNode('Sub', [one, p1], [builder.uniqueName('mlp_p0')]);
      builder.addNode('Concat', [p0, p1], [probabilities], [{ name: 'axis', type: 'int', value: 1 }]);
    } else {
      builder.addNode('Softmax', [current], [probabilities], [{ name: 'axis', type: 'int', value: 1 }]);
    }
    builder.addNode('ArgMax', [probabilities], [label], [
      { name: 'axis', type: 'int', value: 1 },
      { name: 'keepdims', type: 'int', value: 0 },
    ]);
    return { label, probabilities };
  }
}

function adam(param: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array, lr: number, b1: number, b2: number, eps: number): void {
  for (let q = 0; q < param.length; q++) {
    const g = grad[q];
    m[q] = b1 * m[q] + (1 - b1) * g;
    v[q] = b2 * v[q] + (1 - b2) * g * g;
    param[q] -= (lr * m[q]) / (Math.sqrt(v[q]) + eps);
  }
}

/** Multilayer perceptron classifier. */
export class MLPClassifier extends MLPBase implements Classifier<MLPParams> {
  static readonly KIND = 'MLPClassifier';
  readonly kind = MLPClassifier.KIND;
  readonly task = 'classification' as const;

  constructor(params: Partial<MLPParams> = {}) {
    super(MLPClassifier.KIND, params);
  }

  protected outputKind(nOutputs: number): OutputKind {
    return nOutputs === 1 ? 'logistic' : 'softmax';
  }

  /** Trains the network (log loss), reporting progress every epoch. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    validate(this.kind, this.params);
    checkFitInput(this.kind, X, y, options);
    const labels = encodeLabels(this.kind, y);
    const K = labels.classes.length;
    const nOut = K === 2 ? 1 : K;
    const n = X.nRows;
    const target = new Float64Array(n * nOut);
    for (let i = 0; i < n; i++) {
      if (nOut === 1) target[i] = labels.index[i];
      else target[i * K + labels.index[i]] = 1;
    }
    const logLoss = (out: Float64Array, rows: Int32Array): number => {
      let loss = 0;
      for (let t = 0; t < rows.length; t++) {
        const k = labels.index[rows[t]];
        const q = nOut === 1 ? (k === 1 ? out[t] : 1 - out[t]) : out[t * K + k];
        loss -= Math.log(Math.max(q, 1e-15));
      }
      return loss / rows.length;
    };
    const trained = this.train(X, target, nOut, options, labels.index, logLoss, 'log_loss');
    this.fitted = { ...trained, classes: labels.classes, yMean: 0, yScale: 1 };
    return this;
  }

  get classes(): readonly number[] {
    return this.state().classes;
  }

  /** Class probabilities. */
  predictProba(X: Matrix): Matrix {
    const s = this.state();
    const out = this.outputs(X);
    const n = X.nRows;
    const K = s.classes.length;
    const P = createMatrix(n, K);
    if (K === 2) {
      for (let i = 0; i < n; i++) {
        P.data[i] = 1 - out[i];
        P.data[n + i] = out[i];
      }
    } else {
      for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) P.data[k * n + i] = out[i * K + k];
    }
    return P;
  }

  /** Most probable class. */
  predict(X: Matrix): Float64Array {
    const s = this.state();
    const P = this.predictProba(X);
    const n = X.nRows;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < P.nCols; k++) if (P.data[k * n + i] > P.data[best * n + i]) best = k;
      out[i] = s.classes[best];
    }
    return out;
  }

  /** A new unfitted copy. */
  clone(): MLPClassifier {
    return new MLPClassifier(this.getParams());
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): MLPClassifier {
    const { params, state } = readArtifact(value, MLPClassifier.KIND, [1], DEFAULTS, (p) => validate(MLPClassifier.KIND, p));
    const m = new MLPClassifier(params);
    const s = MLPBase.readMlpState(state, params, MLPClassifier.KIND);
    const nOut = s.net.sizes[s.net.sizes.length - 1];
    if (s.classes.length < 2 || nOut !== (s.classes.length === 2 ? 1 : s.classes.length)) throw new ArtifactError('Model spec field state.classes does not match the output layer.');
    m.fitted = s;
    return m;
  }
}

/** Multilayer perceptron regressor. */
export class MLPRegressor extends MLPBase implements Regressor<MLPParams> {
  static readonly KIND = 'MLPRegressor';
  readonly kind = MLPRegressor.KIND;
  readonly task = 'regression' as const;

  constructor(params: Partial<MLPParams> = {}) {
    super(MLPRegressor.KIND, params);
  }

  protected outputKind(): OutputKind {
    return 'identity';
  }

  /** Trains the network (squared error on the standardised target), reporting progress every epoch. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    validate(this.kind, this.params);
    checkFitInput(this.kind, X, y, options);
    checkFiniteTarget(this.kind, y);
    const n = X.nRows;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (y[i] - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    const scale = sd > 0 ? sd : 1;
    const target = Float64Array.from(y as ArrayLike<number>, (v) => (v - mean) / scale);
    const rmse = (out: Float64Array, rows: Int32Array): number => {
      let ss = 0;
      for (let t = 0; t < rows.length; t++) ss += (target[rows[t]] - out[t]) ** 2;
      return Math.sqrt(ss / rows.length) * scale;
    };
    const trained = this.train(X, target, 1, options, null, rmse, 'rmse');
    this.fitted = { ...trained, classes: [], yMean: mean, yScale: scale };
    return this;
  }

  /** Predicted values. */
  predict(X: Matrix): Float64Array {
    const s = this.state();
    const out = this.outputs(X);
    for (let i = 0; i < out.length; i++) out[i] = out[i] * s.yScale + s.yMean;
    return out;
  }

  /** A new unfitted copy. */
  clone(): MLPRegressor {
    return new MLPRegressor(this.getParams());
  }

  /** Loads a model saved by `toArtifact`. */
  static fromArtifact(value: unknown): MLPRegressor {
    const { params, state } = readArtifact(value, MLPRegressor.KIND, [1], DEFAULTS, (p) => validate(MLPRegressor.KIND, p));
    const m = new MLPRegressor(params);
    const s = MLPBase.readMlpState(state, params, MLPRegressor.KIND);
    if (s.classes.length !== 0 || s.net.sizes[s.net.sizes.length - 1] !== 1) throw new ArtifactError('Model spec field state.sizes does not fit a regressor.');
    m.fitted = s;
    return m;
  }
}
