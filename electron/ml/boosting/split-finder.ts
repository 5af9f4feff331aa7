/**
 * Best split of a node from its gradient histograms (second-order gain of Chen & Guestrin 2016,
 * "XGBoost", eq. 7, with L2 regularisation on leaf values):
 *
 *   gain = G_L^2 / (H_L + l2) + G_R^2 / (H_R + l2) - G^2 / (H + l2)
 *
 * Each feature's bins are scanned left to right with missing values sent right, then (when the
 * feature had missing values in training) right to left with missing values sent left, so the
 * default direction of NaN is learned per split (as LightGBM and scikit-learn do). Children must
 * keep `minSamplesLeaf` rows and `minHessianToSplit` hessian. The arithmetic follows
 * scikit-learn's splitter (same order of operations, first-best wins on ties) so trees match it.
 */
import { BIN_STRIDE } from './histogram.js';

/** The best split found for a node (gain -1 = none). */
export interface SplitInfo {
  gain: number;
  feature: number;
  /** Rows with bin <= `bin` go left. */
  bin: number;
  /** Where rows with a missing value go. */
  missingLeft: boolean;
  sumGradLeft: number;
  sumHessLeft: number;
  countLeft: number;
  sumGradRight: number;
  sumHessRight: number;
  countRight: number;
}

/** Constraints of the split search. */
export interface SplitConstraints {
  minSamplesLeaf: number;
  minHessianToSplit: number;
  l2Regularization: number;
  minGainToSplit: number;
  /** Scale of packed hessians (histogram.ts `combineScales`); 0 = constant hessians, use counts. */
  hessianScale: number;
}

/** A fresh "no split" record. */
export function emptySplit(): SplitInfo {
  return { gain: -1, feature: -1, bin: 0, missingLeft: false, sumGradLeft: 0, sumHessLeft: 0, countLeft: 0, sumGradRight: 0, sumHessRight: 0, countRight: 0 };
}

/** Leaf value -G / (H + l2) (before shrinkage). */
export function leafValue(sumGrad: number, sumHess: number, l2: number): number {
  return -sumGrad / (sumHess + l2 + 1e-15);
}

function splitGain(lossParent: number, gL: number, hL: number, gR: number, hR: number, l2: number): number {
  const vL = -gL / (hL + l2 + 1e-15);
  const vR = -gR / (hR + l2 + 1e-15);
  return lossParent - gL * vL - gR * vR;
}

/**
 * Fills `best` with the best split of a node whose histograms are `hist` and whose totals are
 * (sumGrad, sumHess, count). `nBinsNonMissing`/`hasMissing` come from the bin mapper (the missing
 * bin is never scanned: its rows are the difference between the totals and the scanned bins). `features` lists the candidate features (all by default).
 */
export function findBestSplit(
  hist: Float64Array,
  nBinsTotal: number,
  nBinsNonMissing: Int32Array,
  hasMissing: Uint8Array,
  sumGrad: number,
  sumHess: number,
  count: number,
  c: SplitConstraints,
  best: SplitInfo,
  features: Int32Array | null = null,
): SplitInfo {
  best.gain = -1;
  best.feature = -1;
  const l2 = c.l2Regularization;
  const lossParent = sumGrad * leafValue(sumGrad, sumHess, l2);
  const fStride = nBinsTotal * BIN_STRIDE;
  const nFeat = features ? features.length : nBinsNonMissing.length;
  const minLeaf = c.minSamplesLeaf;
  const minHess = c.minHessianToSplit;
  const hScale = c.hessianScale;
  for (let fi = 0; fi < nFeat; fi++) {
    const f = features ? features[fi] : fi;
    const base = f * fStride;
    const nb = nBinsNonMissing[f];
    const missing = hasMissing[f];
    let featGain = -1;
    let featBin = 0;
    let featMissingLeft = false;
    let fgL = 0;
    let fhL = 0;
    let fnL = 0;
    // Left to right, missing values go right.
    let gL = 0;
    let pL = 0;
    const end = nb - 1 + missing;
    for (let b = 0; b < end; b++) {
      const o = base + b * 2;
      pL += hist[o + 1];
      gL += hist[o];
      const nL = Math.floor(pL);
      const hL = hScale === 0 ? nL : (pL - nL) * hScale;
      const nR = count - nL;
      const hR = sumHess - hL;
      const gR = sumGrad - gL;
      if (nL < minLeaf) continue;
      if (nR < minLeaf) break;
      if (hL < minHess) continue;
      if (hR < minHess) break;
      const gain = splitGain(lossParent, gL, hL, gR, hR, l2);
      if (gain > featGain && gain > c.minGainToSplit) {
        featGain = gain;
        featBin = b;
        featMissingLeft = false;
        fgL = gL;
        fhL = hL;
        fnL = nL;
      }
    }
    if (missing) {
      // Right to left, missing values go left.
      let gR = 0;
      let pR = 0;
      for (let b = nb - 2; b >= 0; b--) {
        const o = base + (b + 1) * 2;
        pR += hist[o + 1];
        gR += hist[o];
        const nR = Math.floor(pR);
        const hR = hScale === 0 ? nR : (pR - nR) * hScale;
        const nLeft = count - nR;
        const hLeft = sumHess - hR;
        const gLeft = sumGrad - gR;
        if (nR < minLeaf) continue;
        if (nLeft < minLeaf) break;
        if (hR < minHess) continue;
        if (hLeft < minHess) break;
        const gain = splitGain(lossParent, gLeft, hLeft, gR, hR, l2);
        if (gain > featGain && gain > c.minGainToSplit) {
          featGain = gain;
          featBin = b;
          featMissingLeft = true;
          fgL = gLeft;
          fhL = hLeft;
          fnL = nLeft;
        }
      }
    }
    if (featGain > best.gain) {
      best.gain = featGain;
      best.feature = f;
      best.bin = featBin;
      best.missingLeft = featMissingLeft;
      best.sumGradLeft = fgL;
      best.sumHessLeft = fhL;
      best.countLeft = fnL;
      best.sumGradRight = sumGrad - fgL;
      best.sumHessRight = sumHess - fhL;
      best.countRight = count - fnL;
    }
  }
  if (best.feature >= 0 && !hasMissing[best.feature]) {
    // No missing value seen in training for this feature: at prediction time NaN follows the
    // child that received more rows (scikit-learn's convention).
    best.missingLeft = best.countLeft > best.countRight;
  }
  return best;
}
