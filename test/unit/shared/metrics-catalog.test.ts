import { describe, expect, it } from 'vitest';
import { meetsThreshold, metricsForTask } from '../../../shared/domain/metrics.js';

describe('metrics catalogue', () => {
  it('lists only the metrics of the task', () => {
    const ids = metricsForTask('regression').map((m) => m.id);
    expect(ids).toEqual(['mae', 'rmse', 'r2', 'mape']);
  });

  it('reads the threshold in the metric direction', () => {
    expect(meetsThreshold('accuracy', 0.91, 0.9)).toBe(true);
    expect(meetsThreshold('accuracy', 0.89, 0.9)).toBe(false);
    expect(meetsThreshold('rmse', 2.5, 3)).toBe(true);
    expect(meetsThreshold('rmse', 3.5, 3)).toBe(false);
    expect(meetsThreshold('r2', Number.NaN, 0)).toBe(false);
  });
});
