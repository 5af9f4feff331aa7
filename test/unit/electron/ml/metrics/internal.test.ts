import { describe, expect, it } from 'vitest';
import { argsortStable, CompensatedSum, encodeLabels, quantileSorted, uniqueLabels } from '../../../../../electron/ml/metrics/internal.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';

function referenceArgsort(v: ArrayLike<number>): number[] {
  return Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[a] - v[b] || a - b);
}

describe('argsortStable', () => {
  it('sorts like a stable comparison sort, on small and radix-sized inputs with ties and signs', () => {
    const rng = new Rng(42);
    for (const n of [0, 1, 7, 256, 257, 5000]) {
      // Arrange: negatives, zeros of both signs, ties, tiny and huge magnitudes
      const v = Float64Array.from({ length: n }, (_, i) => {
        const r = rng.next();
        if (i % 11 === 0) return i % 2 ? -0 : 0;
        if (r < 0.3) return Math.round(rng.normal() * 3);
        if (r < 0.35) return rng.normal() * 1e300;
        if (r < 0.4) return rng.normal() * 1e-300;
        return rng.normal();
      });
      // Act / Assert
      expect(Array.from(argsortStable(v))).toEqual(referenceArgsort(v));
    }
  });

  it('handles infinities', () => {
    const v = Float64Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? Infinity : i % 3 === 1 ? -Infinity : i));
    expect(Array.from(argsortStable(v))).toEqual(referenceArgsort(v));
  });
});

describe('helpers', () => {
  it('compensated sums keep the small terms', () => {
    const s = new CompensatedSum();
    s.add(1e16);
    for (let i = 0; i < 1000; i++) s.add(1);
    s.add(-1e16);
    expect(s.value()).toBe(1000);
  });

  it('encodes labels against a label list, unknown as -1', () => {
    expect(Array.from(encodeLabels([5, 2, 9, 2], [2, 5]))).toEqual([1, 0, -1, 0]);
    expect(Array.from(encodeLabels([0.5, -1, 3], [-1, 0.5]))).toEqual([1, 0, -1]);
    expect(uniqueLabels([3, 1], [2, 1, -0])).toEqual([0, 1, 2, 3]);
  });

  it('interpolates quantiles like NumPy', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
  });
});
