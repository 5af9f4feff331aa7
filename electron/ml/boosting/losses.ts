/**
 * Loss functions of gradient boosting (Friedman 2001, with the second-order step of
 * Chen & Guestrin 2016): each gives the baseline raw prediction, the per-row gradient and hessian
 * of the loss with respect to the raw prediction, and the loss itself (for early stopping).
 *
 * Raw predictions are stored class-major: `raw[k * n + i]` is row i's score for output k, so each
 * output's gradients are one contiguous slice. Gradients and hessians are rounded to float32 as
 * scikit-learn stores them (so trees agree with it), then kept in float64 arrays. The numerically
 * stable formulas follow scikit-learn's `_loss` module.
 */

/** A boosting objective. */
export interface Objective {
  /** Name of the loss (reported with the validation curve). */
  readonly name: 'log_loss' | 'squared_error';
  /** Raw outputs per row: number of classes for multiclass, else 1 (one tree per output per iteration). */
  readonly nOutputs: number;
  /** True when every hessian is 1 (squared error without sample weights): histograms skip them. */
  readonly isHessianConstant: boolean;
  /** The best constant raw prediction (length nOutputs). */
  baseline(y: ArrayLike<number>, weight: Float64Array | null): Float64Array;
  /**
   * Fills grad/hess (layout `k * n + i`, n = y.length) from raw predictions, for rows
   * [start, end) (all rows by default).
   */
  gradients(raw: Float64Array, y: ArrayLike<number>, grad: Float64Array, hess: Float64Array, weight: Float64Array | null, start?: number, end?: number): void;
  /** Weighted mean loss (the half squared error for regression, as scikit-learn uses for early stopping). */
  loss(raw: Float64Array, y: ArrayLike<number>, weight: Float64Array | null): number;
}

const EPS = 2.220446049250313e-16;

function weightedMean(y: ArrayLike<number>, weight: Float64Array | null, pick: (v: number) => number): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = weight ? weight[i] : 1;
    s += wi * pick(y[i]);
    w += wi;
  }
  return s / w;
}

/** log(1 + exp(x)) without overflow (the branch points of scikit-learn's log1pexp). */
export function log1pexp(x: number): number {
  if (x <= -37) return Math.exp(x);
  if (x <= -2) return Math.log1p(Math.exp(x));
  if (x <= 18) return Math.log(1 + Math.exp(x));
  if (x <= 33.3) return x + Math.exp(-x);
  return x;
}

/** Binary log loss on y in {0, 1}; raw = log-odds of class 1. */
export const binaryLogLoss: Objective = {
  name: 'log_loss',
  nOutputs: 1,
  isHessianConstant: false,
  baseline(y, weight) {
    let p = weightedMean(y, weight, (v) => v);
    p = Math.min(Math.max(p, EPS), 1 - EPS);
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(raw, y, grad, hess, weight, start = 0, end = y.length) {
    for (let i = start; i < end; i++) {
      const r = raw[i];
      const t = y[i];
      let g: number;
      let h: number;
      if (r > -37) {
        const e = Math.exp(-r);
        const inv = 1 / (1 + e); // one division instead of two (a last-bit difference at most)
        g = (1 - t - t * e) * inv;
        h = e * inv * inv;
      } else {
        const e = Math.exp(r);
        g = e - t;
        h = e;
      }
      if (weight) {
        grad[i] = Math.fround(weight[i] * g);
        hess[i] = Math.fround(weight[i] * h);
      } else {
        grad[i] = Math.fround(g);
        hess[i] = Math.fround(h);
      }
    }
  },
  loss(raw, y, weight) {
    let s = 0;
    let w = 0;
    for (let i = 0; i < y.length; i++) {
      const wi = weight ? weight[i] : 1;
      s += wi * (log1pexp(raw[i]) - y[i] * raw[i]);
      w += wi;
    }
    return s / w;
  },
};

/** Multiclass log loss with a softmax over `nClasses` raw scores; y holds class indices. */
export function multinomialLogLoss(nClasses: number): Objective {
  const K = nClasses;
  return {
    name: 'log_loss',
    nOutputs: K,
    isHessianConstant: false,
    baseline(y, weight) {
      // Symmetric link: raw_k = log p_k - mean_j log p_j.
      const out = new Float64Array(K);
      let meanLog = 0;
      for (let k = 0; k < K; k++) {
        let p = weightedMean(y, weight, (v) => (v === k ? 1 : 0));
        p = Math.min(Math.max(p, EPS), 1 - EPS);
        out[k] = Math.log(p);
        meanLog += out[k];
      }
      meanLog /= K;
      for (let k = 0; k < K; k++) out[k] -= meanLog;
      return out;
    },
    gradients(raw, y, grad, hess, weight, start = 0, end = y.length) {
      const n = y.length;
      const p = new Float64Array(K);
      for (let i = start; i < end; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) if (raw[k * n + i] > max) max = raw[k * n + i];
        let sum = 0;
        for (let k = 0; k < K; k++) {
          p[k] = Math.exp(raw[k * n + i] - max);
          sum += p[k];
        }
        const wi = weight ? weight[i] : 1;
        const yi = y[i];
        for (let k = 0; k < K; k++) {
          const pk = p[k] / sum;
          const g = pk - (yi === k ? 1 : 0);
          const h = pk * (1 - pk);
          grad[k * n + i] = Math.fround(weight ? wi * g : g);
          hess[k * n + i] = Math.fround(weight ? wi * h : h);
        }
      }
    },
    loss(raw, y, weight) {
      const n = y.length;
      let s = 0;
      let w = 0;
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) if (raw[k * n + i] > max) max = raw[k * n + i];
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(raw[k * n + i] - max);
        const wi = weight ? weight[i] : 1;
        s += wi * (Math.log(sum) + max - raw[y[i] * n + i]);
        w += wi;
      }
      return s / w;
    },
  };
}

/** Half squared error (gradient raw - y, hessian 1 or the sample weight). */
export function squaredError(hasWeights: boolean): Objective {
  return {
    name: 'squared_error',
    nOutputs: 1,
    isHessianConstant: !hasWeights,
    baseline(y, weight) {
      return Float64Array.of(weightedMean(y, weight, (v) => v));
    },
    gradients(raw, y, grad, hess, weight, start = 0, end = y.length) {
      if (weight) {
        for (let i = start; i < end; i++) {
          grad[i] = Math.fround(weight[i] * (raw[i] - y[i]));
          hess[i] = Math.fround(weight[i]);
        }
      } else {
        for (let i = start; i < end; i++) grad[i] = Math.fround(raw[i] - y[i]);
      }
    },
    loss(raw, y, weight) {
      let s = 0;
      let w = 0;
      for (let i = 0; i < y.length; i++) {
        const wi = weight ? weight[i] : 1;
        const d = raw[i] - y[i];
        s += wi * 0.5 * d * d;
        w += wi;
      }
      return s / w;
    },
  };
}

/** A serialisable description of an objective, so a helper thread can rebuild it. */
export interface ObjectiveSpec {
  kind: 'binary' | 'multinomial' | 'squared';
  nClasses: number;
  hasWeights: boolean;
}

/** The objective a spec describes. */
export function objectiveFromSpec(spec: ObjectiveSpec): Objective {
  if (spec.kind === 'binary') return binaryLogLoss;
  if (spec.kind === 'multinomial') return multinomialLogLoss(spec.nClasses);
  return squaredError(spec.hasWeights);
}
