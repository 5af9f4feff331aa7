/**
 * Coefficient-based feature importances: the mean absolute coefficient of each feature across the
 * model's score rows, normalised to sum to 1 so they read like a tree's importances. They compare
 * features fairly only when the features share a scale (standardised inputs); permutation
 * importance is the scale-free alternative.
 */

/** Importances from a row-major (rows x p) coefficient matrix. All zero when every coefficient is zero. */
export function coefficientImportances(coef: Float64Array, p: number): Float64Array {
  const rows = coef.length / p;
  const out = new Float64Array(p);
  let total = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += Math.abs(coef[r * p + j]);
    out[j] = s / rows;
    total += out[j];
  }
  if (total > 0) for (let j = 0; j < p; j++) out[j] /= total;
  return out;
}
