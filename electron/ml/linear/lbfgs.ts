/**
 * Limited-memory BFGS for smooth unconstrained minimisation (Nocedal, 1980; Liu & Nocedal, 1989),
 * with the two-loop recursion for the search direction and a line search that enforces the strong
 * Wolfe conditions by bracketing and safeguarded cubic interpolation (Nocedal & Wright, "Numerical
 * Optimization", 2nd ed., Algorithms 3.5 and 3.6). Stopping rules follow SciPy's L-BFGS-B, which
 * scikit-learn uses: the largest gradient component below `gtol`, or a relative decrease of the
 * objective below `ftol`, or `maxIter` iterations.
 */
import { throwIfAborted, type AbortSignalLike } from '../core/errors.js';

/** Objective: writes the gradient at `x` into `grad` and returns the value. */
export type ValueAndGradient = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Most iterations. */
  maxIter: number;
  /** Stop when max |grad_i| <= gtol. */
  gtol: number;
  /** Stop when (f_prev - f) / max(|f_prev|, |f|, 1) <= ftol. Default 2.22e-9 (SciPy's). */
  ftol?: number;
  /** Number of correction pairs kept. Default 10 (SciPy's). */
  memory?: number;
  signal?: AbortSignalLike;
  /** Called after each iteration with the iteration number and the objective. */
  onIteration?: (iteration: number, f: number) => void;
}

/** Result of {@link minimizeLbfgs}. */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  /** False when it stopped at `maxIter` or because the line search could not progress. */
  isConverged: boolean;
}

const C1 = 1e-4;
const C2 = 0.9;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
  }
  return m;
}

/** Minimises `fg` from `x0` (not modified). */
export function minimizeLbfgs(fg: ValueAndGradient, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const m = options.memory ?? 10;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  if (maxAbs(g) <= options.gtol) return { x, f, iterations: 0, evaluations, isConverged: true };

  let iterations = 0;
  let isConverged = false;
  while (iterations < options.maxIter) {
    throwIfAborted(options.signal);
    // Two-loop recursion: d = -H g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    const h = S.length;
    for (let k = h - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], d);
      const yk = Y[k];
      for (let i = 0; i < n; i++) d[i] -= alpha[k] * yk[i];
    }
    if (h > 0) {
      const gamma = dot(S[h - 1], Y[h - 1]) / dot(Y[h - 1], Y[h - 1]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let k = 0; k < h; k++) {
      const beta = rho[k] * dot(Y[k], d);
      const sk = S[k];
      for (let i = 0; i < n; i++) d[i] += (alpha[k] - beta) * sk[i];
    }
    let dg = dot(d, g);
    if (!(dg < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dg = dot(d, g);
    }
    const step0 = iterations === 0 && h === 0 ? Math.min(1, 1 / Math.sqrt(-dg)) : 1;
    const ls = strongWolfe(fg, x, f, dg, d, step0, xNew, gNew);
    evaluations += ls.evaluations;
    if (ls.step === 0) break;
    iterations += 1;
    const fPrev = f;
    // Curvature pair from the accepted step.
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    x.set(xNew);
    g.set(gNew);
    f = ls.f;
    const sy = dot(s, y);
    if (sy > 1e-10 * dot(y, y)) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    options.onIteration?.(iterations, f);
    if (maxAbs(g) <= options.gtol) {
      isConverged = true;
      break;
    }
    if ((fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= ftol) {
      isConverged = true;
      break;
    }
  }
  return { x, f, iterations, evaluations, isConverged };
}

/**
 * Finds a step satisfying the strong Wolfe conditions along `d`. On return `xNew`/`gNew` hold the
 * point and gradient at the accepted step; step 0 means no acceptable step was found.
 */
function strongWolfe(
  fg: ValueAndGradient,
  x: Float64Array,
  f0: number,
  dg0: number,
  d: Float64Array,
  stepInit: number,
  xNew: Float64Array,
  gNew: Float64Array,
): { step: number; f: number; evaluations: number } {
  const n = x.length;
  let evaluations = 0;
  const phi = (a: number): { f: number; dg: number } => {
    for (let i = 0; i < n; i++) xNew[i] = x[i] + a * d[i];
    const fa = fg(xNew, gNew);
    evaluations += 1;
    return { f: fa, dg: dot(gNew, d) };
  };
  let aPrev = 0;
  let fPrev = f0;
  let dPrev = dg0;
  let a = stepInit;
  for (let i = 0; i < 30; i++) {
    const { f, dg } = phi(a);
    if (!Number.isFinite(f) || f > f0 + C1 * a * dg0 || (i > 0 && f >= fPrev)) {
      return finish(zoom(aPrev, a, fPrev, Number.isFinite(f) ? f : Infinity, dPrev, Number.isFinite(dg) ? dg : NaN));
    }
    if (Math.abs(dg) <= -C2 * dg0) return { step: a, f, evaluations };
    if (dg >= 0) return finish(zoom(a, aPrev, f, fPrev, dg, dPrev));
    aPrev = a;
    fPrev = f;
    dPrev = dg;
    a *= 2;
  }
  return finish({ step: aPrev, f: fPrev, isExact: false });

  function finish(r: { step: number; f: number; isExact: boolean }): { step: number; f: number; evaluations: number } {
    if (r.step === 0) return { step: 0, f: f0, evaluations };
    if (!r.isExact) {
      // xNew/gNew hold the last trial point, not the accepted one: evaluate it again.
      const { f } = phi(r.step);
      return { step: r.step, f, evaluations };
    }
    return { step: r.step, f: r.f, evaluations };
  }

  function zoom(lo: number, hi: number, fLo: number, fHi: number, dLo: number, dHi: number): { step: number; f: number; isExact: boolean } {
    for (let j = 0; j < 40; j++) {
      const a = interpolate(lo, hi, fLo, fHi, dLo, dHi);
      const { f, dg } = phi(a);
      if (!Number.isFinite(f) || f > f0 + C1 * a * dg0 || f >= fLo) {
        hi = a;
        fHi = Number.isFinite(f) ? f : Infinity;
        dHi = dg;
      } else {
        if (Math.abs(dg) <= -C2 * dg0) return { step: a, f, isExact: true };
        if (dg * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          dHi = dLo;
        }
        lo = a;
        fLo = f;
        dLo = dg;
      }
      if (Math.abs(hi - lo) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    // Could not meet the curvature condition: accept the best point with sufficient decrease.
    return { step: lo, f: fLo, isExact: false };
  }
}

/** Minimiser of the cubic through (lo, fLo, dLo) and (hi, fHi, dHi), kept inside the interval; bisection as fallback. */
function interpolate(lo: number, hi: number, fLo: number, fHi: number, dLo: number, dHi: number): number {
  const left = Math.min(lo, hi);
  const right = Math.max(lo, hi);
  const width = right - left;
  let a = (lo + hi) / 2;
  if (Number.isFinite(fHi) && Number.isFinite(dHi)) {
    const d1 = dLo + dHi - (3 * (fLo - fHi)) / (lo - hi);
    const disc = d1 * d1 - dLo * dHi;
    if (disc >= 0) {
      const d2 = Math.sign(hi - lo) * Math.sqrt(disc);
      const c = hi - (hi - lo) * ((dHi + d2 - d1) / (dHi - dLo + 2 * d2));
      if (Number.isFinite(c)) a = c;
    }
  }
  // Safeguard: stay at least 10% of the width away from both ends.
  const minA = left + 0.1 * width;
  const maxA = right - 0.1 * width;
  if (!(a >= minA && a <= maxA)) a = (lo + hi) / 2;
  return a;
}
