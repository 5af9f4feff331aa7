import { describe, expect, it } from 'vitest';
import { recommendedModels } from '../../../../../electron/backend/training/preset.js';
import { MODEL_CATALOG } from '../../../../../electron/ml/registry.js';

const ids = (task: 'classification' | 'regression', rows: number | null) => recommendedModels(task, rows).map((m) => m.id);

describe('the recommended preset', () => {
  it.each([
    ['classification', 500],
    ['classification', 50_000],
    ['classification', 2_000_000],
    ['regression', null],
  ] as const)('always starts with the baseline and the one-rule model (%s, %s rows)', (task, rows) => {
    expect(ids(task, rows).slice(0, 2)).toEqual(['baseline', 'onerule']);
  });

  it('chooses a linear model by task, drops the forest on large tables and adds k-NN on small ones', () => {
    expect(ids('classification', 50_000)).toEqual(['baseline', 'onerule', 'logreg', 'rf', 'hgb']);
    expect(ids('regression', 50_000)).toEqual(['baseline', 'onerule', 'ridge', 'rf', 'hgb']);
    expect(ids('classification', 1_000_000)).not.toContain('rf');
    expect(ids('regression', 1_000)).toContain('knn');
  });

  it('names only catalogue models that do the task, each with a reason key', () => {
    for (const task of ['classification', 'regression'] as const) {
      for (const m of recommendedModels(task, 100)) {
        expect(MODEL_CATALOG.find((e) => e.id === m.id)?.kinds[task], m.id).toBeTruthy();
        expect(m.reasonKey).toBe(`training.preset.reason.${m.id}`);
      }
    }
  });
});
