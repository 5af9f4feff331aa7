import { describe, expect, it } from 'vitest';
import { validateObjective } from '../../../../shared/domain/objective-rules.js';
import type { SavedObjective } from '../../../../shared/domain/objective.js';
import type { ObjectiveDraft } from '../../../../renderer/stores/objective-logic.js';
import {
  applyField,
  draftFromSaved,
  emptyDraft,
  isDraftDirty,
  parseThreshold,
  thresholdReading,
  validateDraft,
  visibleErrors,
} from '../../../../renderer/stores/objective-logic.js';

const complete: ObjectiveDraft = {
  inputs: 'age, plan, monthly usage',
  target: 'churn next month',
  taskType: 'classification',
  metric: 'recall',
  threshold: '0.8',
  positiveClass: 'yes',
  costNotes: 'a missed churner costs more than a call',
};

describe('parseThreshold', () => {
  it('reads decimal points and decimal commas', () => {
    expect(parseThreshold('0.85')).toBe(0.85);
    expect(parseThreshold(' 0,85 ')).toBe(0.85);
    expect(parseThreshold('3')).toBe(3);
    expect(parseThreshold('-0.5')).toBe(-0.5);
    expect(parseThreshold('.5')).toBe(0.5);
    expect(parseThreshold('1e-3')).toBe(0.001);
  });

  it('refuses text that is not one number', () => {
    for (const bad of ['', 'abc', '0.8.1', '1,000.5', '85%', '0,8,5']) expect(parseThreshold(bad), bad).toBeNull();
  });
});

describe('validateDraft', () => {
  it('accepts a complete draft and builds the objective (trimmed, threshold as number)', () => {
    const { errors, objective } = validateDraft({ ...complete, target: '  churn next month ' });
    expect(errors).toEqual({});
    expect(objective).toEqual({
      inputs: 'age, plan, monthly usage',
      target: 'churn next month',
      taskType: 'classification',
      metric: 'recall',
      threshold: 0.8,
      positiveClass: 'yes',
      costNotes: 'a missed churner costs more than a call',
    });
  });

  it('marks every required field of an empty draft', () => {
    const { errors, objective } = validateDraft(emptyDraft());
    expect(objective).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['inputs', 'metric', 'target', 'taskType', 'threshold']);
    expect(errors.costNotes).toBeUndefined();
  });

  it('checks the threshold against the metric range', () => {
    expect(validateDraft({ ...complete, threshold: '1.2' }).errors.threshold).toEqual({ key: 'objective.error.aboveMax', params: { max: 1 } });
    expect(validateDraft({ ...complete, metric: 'rmse', taskType: 'regression', threshold: '-1' }).errors.threshold).toEqual({
      key: 'objective.error.belowMin',
      params: { min: 0 },
    });
    expect(validateDraft({ ...complete, threshold: 'high' }).errors.threshold?.key).toBe('objective.error.notANumber');
  });

  it('asks for the positive class only for metrics about one class', () => {
    expect(validateDraft({ ...complete, positiveClass: ' ' }).errors.positiveClass?.key).toBe('objective.error.required');
    const withAccuracy = validateDraft({ ...complete, metric: 'accuracy', positiveClass: '' });
    expect(withAccuracy.errors).toEqual({});
    expect(withAccuracy.objective?.positiveClass).toBeUndefined();
  });

  it('agrees with the backend rules (shared validateObjective) on which fields are wrong', () => {
    const cases: ObjectiveDraft[] = [
      complete,
      { ...complete, inputs: '' },
      { ...complete, threshold: '1.5' },
      { ...complete, metric: 'mae', taskType: 'regression', threshold: '-2' },
      { ...complete, metric: 'r2', taskType: 'regression', threshold: '1.01' },
      { ...complete, metric: 'r2', taskType: 'regression', threshold: '-5' },
      { ...complete, positiveClass: '' },
      { ...complete, metric: 'log_loss', threshold: '7' },
    ];
    for (const draft of cases) {
      const client = Object.keys(validateDraft(draft).errors).sort();
      const objective = {
        inputs: draft.inputs,
        target: draft.target,
        taskType: draft.taskType || 'classification',
        metric: draft.metric || 'accuracy',
        threshold: parseThreshold(draft.threshold) ?? Number.NaN,
        positiveClass: draft.positiveClass,
        costNotes: draft.costNotes,
      } as const;
      const server = [...new Set(validateObjective(objective).map((i) => i.field))].sort();
      expect(client, JSON.stringify(draft)).toEqual(server);
    }
  });
});

describe('applyField', () => {
  it('drops a metric that no longer fits the new task, keeps one that does', () => {
    const toRegression = applyField(complete, 'taskType', 'regression');
    expect(toRegression.metric).toBe('');
    expect(toRegression.threshold).toBe('0.8');
    expect(applyField(complete, 'taskType', 'classification').metric).toBe('recall');
  });
});

describe('visibleErrors', () => {
  it('shows a field error only once the field was left or a save was attempted; backend errors always', () => {
    const draft = { ...emptyDraft(), inputs: 'x' };
    expect(visibleErrors(draft, {}, false, {})).toEqual({});
    expect(Object.keys(visibleErrors(draft, { target: true }, false, {}))).toEqual(['target']);
    expect(Object.keys(visibleErrors(draft, {}, true, {})).sort()).toEqual(['metric', 'target', 'taskType', 'threshold']);
    const server = { inputs: { key: 'errors.objective.inputsRequired' } };
    expect(visibleErrors(draft, {}, false, server)).toEqual(server);
  });
});

describe('saved objective round trip', () => {
  const saved: SavedObjective = {
    inputs: 'a',
    target: 'b',
    taskType: 'regression',
    metric: 'rmse',
    threshold: 3.2,
    costNotes: '',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };

  it('shows a saved objective and is clean until edited', () => {
    const draft = draftFromSaved(saved);
    expect(draft.threshold).toBe('3.2');
    expect(isDraftDirty(draft, saved)).toBe(false);
    expect(isDraftDirty({ ...draft, threshold: '3,2' }, saved)).toBe(false);
    expect(isDraftDirty({ ...draft, threshold: '3.3' }, saved)).toBe(true);
    expect(isDraftDirty({ ...draft, costNotes: 'new' }, saved)).toBe(true);
  });

  it('an empty form is clean when nothing is saved yet', () => {
    expect(isDraftDirty(emptyDraft(), null)).toBe(false);
    expect(isDraftDirty({ ...emptyDraft(), target: 't' }, null)).toBe(true);
  });

  it('reads the threshold in the metric direction', () => {
    expect(thresholdReading(draftFromSaved(saved))).toEqual({ direction: 'atMost', metric: 'rmse', value: 3.2 });
    expect(thresholdReading(complete)).toEqual({ direction: 'atLeast', metric: 'recall', value: 0.8 });
    expect(thresholdReading({ ...complete, threshold: '' })).toBeNull();
  });
});
