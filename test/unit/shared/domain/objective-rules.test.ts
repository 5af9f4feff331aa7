import { describe, expect, it } from 'vitest';
import { validateObjective } from '../../../../shared/domain/objective-rules.js';
import { sampleObjective } from '../../../helpers/project.js';

describe('validateObjective', () => {
  it('accepts a complete objective', () => {
    expect(validateObjective(sampleObjective())).toEqual([]);
  });

  it('requires inputs and target (blank text counts as missing)', () => {
    const issues = validateObjective({ ...sampleObjective(), inputs: '   ', target: '' });
    expect(issues.map((i) => [i.field, i.messageKey])).toEqual([
      ['inputs', 'errors.objective.inputsRequired'],
      ['target', 'errors.objective.targetRequired'],
    ]);
  });

  it('refuses a metric of the other task type', () => {
    const issues = validateObjective({ ...sampleObjective(), taskType: 'regression', metric: 'accuracy', threshold: 0.5 });
    expect(issues).toEqual([
      expect.objectContaining({ field: 'metric', messageKey: 'errors.objective.metricNotForTask', params: { metric: 'accuracy', taskType: 'regression' } }),
    ]);
  });

  it('keeps the threshold within the metric range', () => {
    const above = validateObjective({ ...sampleObjective(), metric: 'accuracy', threshold: 1.2 });
    expect(above[0]).toMatchObject({ field: 'threshold', messageKey: 'errors.objective.thresholdAboveMax', params: { max: 1 } });
    const below = validateObjective({ ...sampleObjective(), taskType: 'regression', metric: 'rmse', threshold: -1, positiveClass: undefined });
    expect(below[0]).toMatchObject({ field: 'threshold', messageKey: 'errors.objective.thresholdBelowMin', params: { min: 0 } });
  });

  it('accepts any threshold up to 1 for r2 (no lower bound) and large values for open-ended errors', () => {
    expect(validateObjective({ ...sampleObjective(), taskType: 'regression', metric: 'r2', threshold: -5 })).toEqual([]);
    expect(validateObjective({ ...sampleObjective(), taskType: 'regression', metric: 'mae', threshold: 1e6 })).toEqual([]);
  });

  it('requires the positive class only for binary-only metrics', () => {
    const f1 = validateObjective({ ...sampleObjective(), metric: 'f1', positiveClass: ' ' });
    expect(f1).toEqual([expect.objectContaining({ field: 'positiveClass', messageKey: 'errors.objective.positiveClassRequired' })]);
    expect(validateObjective({ ...sampleObjective(), metric: 'accuracy', positiveClass: undefined })).toEqual([]);
  });

  it('refuses a non-finite threshold', () => {
    expect(validateObjective({ ...sampleObjective(), threshold: Number.NaN })[0]).toMatchObject({ field: 'threshold', messageKey: 'errors.objective.thresholdNotFinite' });
  });
});
