import { describe, expect, it } from 'vitest';
import { detectNumberFormat, parseNumberBytes, parseNumberText } from '../../../../../electron/backend/data/number-format.js';

const bytes = (s: string): number => {
  const b = Buffer.from(s, 'utf8');
  return parseNumberBytes(b, 0, b.length, 46, -1);
};

describe('number formats', () => {
  it('parses plain numbers from bytes to the correctly rounded double', () => {
    const cases = ['0', '-0.5', '+3', '1e3', '2.5E-3', '.25', '7.', '0.1', '123456789012345', '1234567890123456789', '9007199254740993', '1e-320', '3.141592653589793238'];

    const parsed = cases.map(bytes);

    expect(parsed).toEqual(cases.map((c) => Number(c)));
  });

  it('returns NaN for text, empty cells and half numbers', () => {
    expect([bytes(''), bytes('  '), bytes('abc'), bytes('1.2.3'), bytes('1e'), bytes('-'), bytes('12abc')].every(Number.isNaN)).toBe(true);
  });

  it('reads decimal comma with dot, space and no-break-space thousands separators', () => {
    const dot = Buffer.from('1.234.567,89');
    const nbsp = Buffer.from('12\u00a0345,5');
    const narrow = Buffer.from('1\u202f000,25');

    expect(parseNumberBytes(dot, 0, dot.length, 44, 46)).toBe(1234567.89);
    expect(parseNumberBytes(nbsp, 0, nbsp.length, 44, 32)).toBe(12345.5);
    expect(parseNumberBytes(narrow, 0, narrow.length, 44, 32)).toBe(1000.25);
    expect(parseNumberText('1.234,5', ',', '.')).toBe(1234.5);
    expect(parseNumberText("1'234.5", '.', "'")).toBe(1234.5);
  });

  it('rejects badly grouped thousands instead of guessing', () => {
    const b = Buffer.from('3.5');

    expect(parseNumberBytes(b, 0, b.length, 44, 46)).toBeNaN();
    expect(parseNumberText('12.34,5', ',', '.')).toBeNaN();
  });

  it('detects the file convention from sample cells', () => {
    expect(detectNumberFormat(['1.234,50', '0,75', '12'])).toMatchObject({ decimal: ',', thousands: '.' });
    expect(detectNumberFormat(['1,234.50', '0.75'])).toMatchObject({ decimal: '.', thousands: ',' });
    expect(detectNumberFormat(['0,5', '1,25', 'x'])).toMatchObject({ decimal: ',', thousands: '' });
    expect(detectNumberFormat(['1 234,5', '2,5'])).toMatchObject({ decimal: ',', thousands: ' ' });
    expect(detectNumberFormat(['1,234'], ';')).toMatchObject({ decimal: ',' });
    expect(detectNumberFormat(['12', '13'])).toMatchObject({ decimal: '.', thousands: '' });
  });
});
