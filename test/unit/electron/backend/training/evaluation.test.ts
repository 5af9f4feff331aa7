import { describe, expect, it } from 'vitest';
import { metricDirection, snapThreshold, stepsText } from '../../../../../electron/backend/training/evaluation.js';
import { pointFromCounts } from '../../../../../electron/backend/training/tasks/evaluate.js';

describe('snapThreshold', () => {
  const candidates = [0.9, 0.7, 0.4, 0.1].map((t, i) => pointFromCounts(t, i + 1, i, 3 - i, 5));

  it('takes the smallest candidate at or above the value (the same decisions on the rows)', () => {
    expect(snapThreshold(candidates, 0.5)?.threshold).toBe(0.7);
    expect(snapThreshold(candidates, 0.7)?.threshold).toBe(0.7);
    expect(snapThreshold(candidates, 0.05)?.threshold).toBe(0.1);
  });

  it('above every score takes the highest candidate; with no candidates, none', () => {
    expect(snapThreshold(candidates, 0.95)?.threshold).toBe(0.9);
    expect(snapThreshold([], 0.5)).toBeNull();
  });
});

describe('comparison helpers', () => {
  it('knows which way every report metric is better', () => {
    expect(metricDirection('roc_auc')).toBe('higher');
    expect(metricDirection('rmse')).toBe('lower');
    expect(metricDirection('max_error')).toBe('lower');
    expect(metricDirection('f1_weighted')).toBe('higher');
  });

  it('writes a column\'s steps compactly', () => {
    expect(stepsText({ name: 'a', kind: 'numeric', role: 'feature', steps: [{ op: 'impute', strategy: 'median' }, { op: 'standardScale' }] })).toBe('impute(median) > standardScale');
    expect(stepsText({ name: 'a', kind: 'numeric', role: 'feature', steps: [] })).toBe('as is');
    expect(stepsText({ name: 'a', kind: 'text', role: 'id', steps: [] })).toBe('id');
    expect(stepsText(undefined)).toBeNull();
  });
});
