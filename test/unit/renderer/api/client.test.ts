import { describe, expect, it } from 'vitest';
import { ApiCallError, getApi, setApi, unwrapResult } from '../../../../renderer/api/client.js';

describe('unwrapResult', () => {
  it('returns the data of a successful envelope', () => {
    expect(unwrapResult<{ n: number }>({ ok: true, data: { n: 3 } })).toEqual({ n: 3 });
  });

  it('throws a typed error carrying code, key, params and field', () => {
    const envelope = {
      ok: false,
      error: { code: 'INVALID_ARGUMENT', messageKey: 'errors.x', message: 'bad', params: { max: 4 }, details: { field: 'threshold' } },
    };
    let caught: unknown;
    try {
      unwrapResult(envelope);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ApiCallError);
    const error = caught as ApiCallError;
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.messageKey).toBe('errors.x');
    expect(error.params).toEqual({ max: 4 });
    expect(error.details?.field).toBe('threshold');
    expect(error.toApiError()).toEqual(envelope.error);
  });

  it('turns an unknown error code into INTERNAL but keeps the message', () => {
    expect(() => unwrapResult({ ok: false, error: { code: 'WEIRD', message: 'kept' } })).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: 'kept', messageKey: 'errors.INTERNAL' }),
    );
  });

  it('refuses a reply that is not an envelope', () => {
    expect(() => unwrapResult({ data: 1 })).toThrow(expect.objectContaining({ messageKey: 'errors.badResponse' }));
    expect(() => unwrapResult('<html>')).toThrow(expect.objectContaining({ messageKey: 'errors.badResponse' }));
  });
});

describe('getApi / setApi', () => {
  it('fails loudly when no client was installed, and returns the installed one', () => {
    setApi(null);
    expect(() => getApi()).toThrow(/setApi/);
    const client = { call: async () => undefined, on: () => () => undefined } as never;
    setApi(client);
    expect(getApi()).toBe(client);
    setApi(null);
  });
});
