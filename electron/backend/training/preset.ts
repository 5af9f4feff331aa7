/**
 * The "recommended for this data" preset of the Train step: a short list a beginner can trust.
 * It always holds the baseline (predicts without looking at the inputs: the "no ML" answer) and the
 * one-rule model (the best single-column rule: the "simple rule" answer), so every leaderboard
 * shows what machine learning adds. Then a linear model (fast, readable), a random forest (robust
 * on small and medium tables; left out above 200,000 training rows, where it gets slow) and
 * histogram gradient boosting (the usual winner on tables); k-nearest neighbours joins on small
 * tables (under 5,000 rows), where it is cheap and often competitive.
 */
import type { TaskType } from '../../../shared/domain/metrics.js';

/** One recommended model. */
export interface RecommendedModel {
  id: string;
  params: Record<string, number | string | boolean | null>;
  reasonKey: string;
}

const LARGE_FOREST_ROWS = 200_000;
const SMALL_TABLE_ROWS = 5_000;

/** The preset for a task and the number of training rows (unknown: assume a medium table). */
export function recommendedModels(task: TaskType, trainRows: number | null): RecommendedModel[] {
  const rows = trainRows ?? 10_000;
  const out: RecommendedModel[] = [
    { id: 'baseline', params: {}, reasonKey: 'training.preset.reason.baseline' },
    { id: 'onerule', params: {}, reasonKey: 'training.preset.reason.onerule' },
    task === 'classification'
      ? { id: 'logreg', params: {}, reasonKey: 'training.preset.reason.logreg' }
      : { id: 'ridge', params: {}, reasonKey: 'training.preset.reason.ridge' },
  ];
  if (rows <= LARGE_FOREST_ROWS) out.push({ id: 'rf', params: {}, reasonKey: 'training.preset.reason.rf' });
  out.push({ id: 'hgb', params: {}, reasonKey: 'training.preset.reason.hgb' });
  if (rows < SMALL_TABLE_ROWS) out.push({ id: 'knn', params: {}, reasonKey: 'training.preset.reason.knn' });
  return out;
}
