import { describe, expect, it } from 'vitest';
import { fieldErrorsFromApi, hasFieldErrors } from '../../../../renderer/lib/field-errors.js';

const FIELDS = ['inputs', 'target', 'threshold', 'positiveClass'] as const;

describe('fieldErrorsFromApi', () => {
  it('maps details.field (dotted paths included) to the form field', () => {
    const errors = fieldErrorsFromApi(
      { code: 'INVALID_ARGUMENT', messageKey: 'errors.INVALID_ARGUMENT', message: 'bad threshold', details: { field: 'objective.threshold' } },
      FIELDS,
    );
    expect(errors).toEqual({ threshold: { key: 'errors.INVALID_ARGUMENT', params: undefined, fallback: 'bad threshold', code: 'INVALID_ARGUMENT' } });
  });

  it('marks every field listed in details.fieldErrors with its own key, and zod issues after that', () => {
    const errors = fieldErrorsFromApi(
      {
        code: 'INVALID_ARGUMENT',
        messageKey: 'errors.objective.inputsRequired',
        message: 'x',
        details: {
          field: 'inputs',
          fieldErrors: [
            { field: 'inputs', messageKey: 'errors.objective.inputsRequired', params: {} },
            { field: 'threshold', messageKey: 'errors.objective.thresholdAboveMax', params: { max: 1 } },
          ],
          issues: [{ path: 'objective.target', message: 'Required' }],
        },
      },
      FIELDS,
    );
    expect(errors.inputs?.key).toBe('errors.objective.inputsRequired');
    expect(errors.threshold).toMatchObject({ key: 'errors.objective.thresholdAboveMax', params: { max: 1 } });
    expect(errors.target).toMatchObject({ fallback: 'Required' });
    expect(errors.positiveClass).toBeUndefined();
  });

  it('returns nothing for an error about no field of the form', () => {
    const errors = fieldErrorsFromApi({ code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: 'boom', details: { field: 'somethingElse' } }, FIELDS);
    expect(errors).toEqual({});
    expect(hasFieldErrors(errors)).toBe(false);
  });
});
