/**
 * Class balance of a classification target: `class_imbalance` when the smallest class has less
 * than a quarter of the rows of the largest, and `class_too_small` when a class has fewer than
 * 30 rows (too few to learn it, and, once a test part is set aside, to measure it).
 */
import type { Finding, RemedyKind } from '../../../../shared/domain/dataset.js';
import { exampleRows, makeFinding, round4, type CheckContext } from './context.js';

/** Imbalance ratio (smallest / largest class) below which `class_imbalance` is raised. */
export const IMBALANCE_RATIO = 0.25;
/** Rows a class needs to be learnable and testable. */
export const MIN_CLASS_ROWS = 30;

/** The balancing remedies that fit the features (SMOTE-NC when some are categorical). */
export function balancingRemedies(ctx: CheckContext): RemedyKind[] {
  const hasCategorical = ctx.features.some((c) => c.type === 'categorical');
  return [hasCategorical ? 'smote_nc' : 'smote', 'random_oversample', 'random_undersample', 'cluster_centroids'];
}

/** `class_imbalance` and `class_too_small`. */
export function detectClassBalance(ctx: CheckContext): Finding[] {
  if (ctx.task !== 'classification' || !ctx.classes || !ctx.target) return [];
  const { codes, classes } = ctx.classes;
  const counts = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  if (classes.length < 2) return [];
  const out: Finding[] = [];
  let min = Infinity;
  let max = 0;
  let minClass = 0;
  counts.forEach((c, k) => {
    if (c < min) {
      min = c;
      minClass = k;
    }
    if (c > max) max = c;
  });
  const ratio = min / max;
  const target = ctx.target.name;
  if (ratio < IMBALANCE_RATIO) {
    out.push(
      makeFinding(
        ctx,
        'class_imbalance',
        ratio < 0.05 ? 'critical' : 'warning',
        [target],
        min,
        exampleRows(codes.length, (i) => codes[i] === minClass),
        { classes: classes.slice(), counts, ratio: round4(ratio) },
        balancingRemedies(ctx),
        { minority: classes[minClass], ratio: `1:${Math.round(max / Math.max(1, min))}` },
      ),
    );
  }
  const small = classes.map((label, k) => ({ label, k, count: counts[k] })).filter((c) => c.count < MIN_CLASS_ROWS);
  if (small.length > 0) {
    const smallSet = new Set(small.map((s) => s.k));
    out.push(
      makeFinding(
        ctx,
        'class_too_small',
        small.some((s) => s.count < 10) ? 'critical' : 'warning',
        [target],
        small.reduce((a, s) => a + s.count, 0),
        exampleRows(codes.length, (i) => smallSet.has(codes[i])),
        { classes: small.map((s) => s.label), counts: small.map((s) => s.count), minimum: MIN_CLASS_ROWS },
        ['random_oversample', 'smote'],
        { classes: small.map((s) => `${s.label} (${s.count})`).join(', '), minimum: MIN_CLASS_ROWS },
      ),
    );
  }
  return out;
}
