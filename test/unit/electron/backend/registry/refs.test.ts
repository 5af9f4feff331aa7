import { describe, expect, it } from 'vitest';
import { formatModelRef, parseModelRef } from '../../../../../electron/backend/registry/refs.js';

describe('model references', () => {
  it('read a bare name, a stage (any case) and a version number, MLflow\'s slash form included', () => {
    expect(parseModelRef('churn')).toEqual({ name: 'churn', kind: 'default' });
    expect(parseModelRef(' churn@Production ')).toEqual({ name: 'churn', kind: 'stage', stage: 'production' });
    expect(parseModelRef('churn.v2@staging')).toEqual({ name: 'churn.v2', kind: 'stage', stage: 'staging' });
    expect(parseModelRef('churn@12')).toEqual({ name: 'churn', kind: 'version', version: 12 });
    expect(parseModelRef('churn/3')).toEqual({ name: 'churn', kind: 'version', version: 3 });
  });

  it('refuse anything else with errors.registry.badRef naming the field', () => {
    for (const bad of ['', '@production', 'churn@', 'churn@0', 'churn@later', 'has space', 'churn@1@2', '-churn']) {
      expect(() => parseModelRef(bad, 'models.0'), bad).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', messageKey: 'errors.registry.badRef', details: { field: 'models.0' } }));
    }
  });

  it('format back to the canonical text', () => {
    for (const text of ['churn', 'churn@production', 'churn@7']) expect(formatModelRef(parseModelRef(text))).toBe(text);
    expect(formatModelRef(parseModelRef('churn/7'))).toBe('churn@7');
  });
});
