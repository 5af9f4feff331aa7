import { describe, expect, it } from 'vitest';
import { detectDates, parseDate } from '../../../../../electron/backend/data/dates.js';

const iso = (t: number): string => new Date(t).toISOString();

describe('dates', () => {
  it('parses ISO dates and times, with offsets, as UTC instants', () => {
    expect(iso(parseDate('2024-03-15', 'dmy'))).toBe('2024-03-15T00:00:00.000Z');
    expect(iso(parseDate('2024-03-15T10:30:05.250Z', 'dmy'))).toBe('2024-03-15T10:30:05.250Z');
    expect(iso(parseDate('2024-03-15 10:30+02:00', 'dmy'))).toBe('2024-03-15T08:30:00.000Z');
    expect(iso(parseDate('2024/03/15', 'mdy'))).toBe('2024-03-15T00:00:00.000Z');
  });

  it('parses numeric day/month dates in either order, two-digit years and 12-hour times', () => {
    expect(iso(parseDate('15/03/2024', 'dmy'))).toBe('2024-03-15T00:00:00.000Z');
    expect(iso(parseDate('03/15/2024', 'mdy'))).toBe('2024-03-15T00:00:00.000Z');
    expect(iso(parseDate('01.02.24', 'dmy'))).toBe('2024-02-01T00:00:00.000Z');
    expect(iso(parseDate('01-02-75', 'dmy'))).toBe('1975-02-01T00:00:00.000Z');
    expect(iso(parseDate('03/15/2024 2:05 PM', 'mdy'))).toBe('2024-03-15T14:05:00.000Z');
  });

  it('parses English and Spanish month names', () => {
    expect(iso(parseDate('15 Mar 2024', 'dmy'))).toBe('2024-03-15T00:00:00.000Z');
    expect(iso(parseDate('15-ene-2024', 'dmy'))).toBe('2024-01-15T00:00:00.000Z');
    expect(iso(parseDate('March 5, 2024', 'dmy'))).toBe('2024-03-05T00:00:00.000Z');
    expect(iso(parseDate('5 de agosto de 2023', 'dmy'))).toBe('2023-08-05T00:00:00.000Z');
  });

  it('rejects impossible dates and non-dates', () => {
    expect(parseDate('31/02/2024', 'dmy')).toBeNaN();
    expect(parseDate('2024-13-01', 'dmy')).toBeNaN();
    expect(parseDate('hello', 'dmy')).toBeNaN();
    expect(parseDate('12.5', 'dmy')).toBeNaN();
  });

  it('decides the column order from values that prove it', () => {
    expect(detectDates(['13/01/2024', '02/03/2024'])).toEqual({ isDate: true, order: 'dmy', isAmbiguous: false });
    expect(detectDates(['01/13/2024', '02/03/2024'])).toEqual({ isDate: true, order: 'mdy', isAmbiguous: false });
    expect(detectDates(['01/02/2024', '03/04/2024'], 'dmy')).toEqual({ isDate: true, order: 'dmy', isAmbiguous: true });
    expect(detectDates(['13/14/2024']).isDate).toBe(false);
    expect(detectDates(['2024-01-01', 'soon']).isDate).toBe(false);
  });
});
