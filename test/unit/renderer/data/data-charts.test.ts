// Chart builders of the Data step and the number formats they and the tables use: the bins and
// bars the backend sent are drawn as they are, labels come from the caller, numbers read
// naturally in each language.
import { describe, expect, it } from 'vitest';
import { barsChart, classBalanceChart, correlationChart, histogramChart, partBalanceChart } from '../../../../renderer/charts/data-charts.js';
import { formatBytes, formatCount, formatShare, formatStat } from '../../../../renderer/lib/numbers.js';

type Trace = Record<string, unknown>;

describe('data charts', () => {
  it('draws each histogram bin as a bar as wide as the bin, centred on it', () => {
    const spec = histogramChart({ edges: [0, 10, 30], counts: [4, 6] }, { value: 'age', count: 'Rows' });
    const trace = spec.data[0] as Trace;
    expect(trace.x).toEqual([5, 20]);
    expect(trace.y).toEqual([4, 6]);
    expect((trace.width as number[]).map((w) => Math.round(w * 100) / 100)).toEqual([9.8, 19.6]);
    expect((spec.layout.xaxis as { title: { text: string } }).title.text).toBe('age');
  });

  it('puts date bins on a date axis', () => {
    const day = 86_400_000;
    const spec = histogramChart({ edges: [0, 2 * day], counts: [3] }, { value: 'when', count: 'Rows' }, true);
    expect((spec.data[0] as Trace).x).toEqual(['1970-01-02T00:00:00.000Z']);
    expect((spec.layout.xaxis as { type: string }).type).toBe('date');
  });

  it('lists top values largest first (top of the chart) and the rest as one grey bar', () => {
    const spec = barsChart({ labels: ['a', ''], counts: [5, 2], otherCount: 1 }, { count: 'Rows', other: 'Other values', empty: '(empty)' });
    const trace = spec.data[0] as Trace;
    expect(trace.y).toEqual(['Other values', '(empty)', 'a']);
    expect(trace.x).toEqual([1, 2, 5]);
  });

  it('writes each class share on its bar', () => {
    const spec = classBalanceChart(
      [
        { label: 'stay', count: 180, share: 180 / 210 },
        { label: 'leave', count: 30, share: 30 / 210 },
      ],
      { count: 'Rows', share: 'Share' },
      (s) => formatShare(s, 'en'),
    );
    expect((spec.data[0] as Trace).text).toEqual(['86%', '14%']);
  });

  it('compares parts by share, with a zero where a part lacks a class', () => {
    const spec = partBalanceChart(
      [
        { name: 'Training', classes: [{ label: 'a', count: 8, share: 0.8 }, { label: 'b', count: 2, share: 0.2 }] },
        { name: 'Test', classes: [{ label: 'a', count: 2, share: 1 }] },
      ],
      { share: 'Share', count: 'Rows' },
    );
    expect(spec.data.map((t) => (t as Trace).y)).toEqual([
      [0.8, 0.2],
      [1, 0],
    ]);
  });

  it('keeps undefined correlations empty instead of inventing a value', () => {
    const spec = correlationChart({ columns: ['x', 'y'], values: [[1, null], [null, 1]] }, { value: 'r' }, (v) => String(v));
    const trace = spec.data[0] as Trace;
    expect(trace.z).toEqual([[1, null], [null, 1]]);
    expect(trace.text).toEqual([['1', ''], ['', '1']]);
  });
});

describe('number formats', () => {
  it('groups counts the way each language does', () => {
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(1234567, 'es')).toBe('1.234.567');
  });

  it('shows statistics with four significant digits, grouping large ones and switching to scientific notation at the extremes', () => {
    expect(formatStat(50.36123, 'en')).toBe('50.36');
    expect(formatStat(50.36123, 'es')).toBe('50,36');
    expect(formatStat(1260, 'en')).toBe('1,260');
    expect(formatStat(123456.78, 'en')).toBe('123,456.8');
    expect(formatStat(0.00001234, 'en')).toBe('1.23E-5');
    expect(formatStat(null, 'en')).toBe('—');
  });

  it('writes shares and sizes', () => {
    expect(formatShare(0.857, 'en')).toBe('86%');
    expect(formatShare(0.012, 'en')).toBe('1.2%');
    expect(formatBytes(2150, 'en')).toBe('2.1 KB');
    expect(formatBytes(512, 'en')).toBe('512 B');
  });
});
