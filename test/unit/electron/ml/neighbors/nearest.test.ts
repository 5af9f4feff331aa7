import { describe, expect, it } from 'vitest';
import { kNearest } from '../../../../../electron/ml/neighbors/nearest.js';
import { createMatrix, fromRows, type Matrix } from '../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';

/** Plain reference: every distance summed column by column, full sort by (distance, index). */
function bruteReference(reference: Matrix, queries: Matrix, k: number, excludeSelf = false) {
  const nR = reference.nRows;
  const nQ = queries.nRows;
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let q = 0; q < nQ; q++) {
    const dist = new Float64Array(nR);
    for (let j = 0; j < reference.nCols; j++) {
      const qv = queries.data[j * nQ + q];
      for (let r = 0; r < nR; r++) {
        const diff = reference.data[j * nR + r] - qv;
        dist[r] += diff * diff;
      }
    }
    const order = Array.from({ length: nR }, (_, r) => r).filter((r) => !(excludeSelf && r === q));
    order.sort((a, b) => dist[a] - dist[b] || a - b);
    indices.push(order.slice(0, k));
    distances.push(order.slice(0, k).map((r) => dist[r]));
  }
  return { indices, distances };
}

function randomMatrix(rng: Rng, n: number, d: number, grid?: number): Matrix {
  const m = createMatrix(n, d);
  for (let i = 0; i < m.data.length; i++) {
    const v = rng.normal();
    m.data[i] = grid ? Math.round(v * grid) / grid : v;
  }
  return m;
}

function expectSame(result: ReturnType<typeof kNearest>, ref: ReturnType<typeof bruteReference>): void {
  const k = result.k;
  for (let q = 0; q < ref.indices.length; q++) {
    expect(Array.from(result.indices.subarray(q * k, q * k + k))).toEqual(ref.indices[q]);
    expect(Array.from(result.distances.subarray(q * k, q * k + k))).toEqual(ref.distances[q]);
  }
}

describe('kNearest', () => {
  it('matches brute force on continuous data in low dimension (tree path)', () => {
    const rng = new Rng(1);
    const reference = randomMatrix(rng, 3000, 3);
    const queries = randomMatrix(rng, 200, 3);

    const result = kNearest(reference, queries, 7);

    expectSame(result, bruteReference(reference, queries, 7));
  });

  it('matches brute force in 20 dimensions', () => {
    const rng = new Rng(2);
    const reference = randomMatrix(rng, 1500, 20);
    const queries = randomMatrix(rng, 60, 20);

    const result = kNearest(reference, queries, 5);

    expectSame(result, bruteReference(reference, queries, 5));
  });

  it('breaks ties by the lower row index on gridded data full of equal distances', () => {
    const rng = new Rng(3);
    const reference = randomMatrix(rng, 2000, 2, 2);
    const queries = randomMatrix(rng, 100, 2, 2);

    const result = kNearest(reference, queries, 10);

    expectSame(result, bruteReference(reference, queries, 10));
  });

  it('keeps exact ties and excludes self in principal-axis coordinates (8 dimensions, gridded, correlated)', () => {
    const rng = new Rng(7);
    const base = randomMatrix(rng, 1200, 8, 1);
    // Correlate the columns so the rotation is far from the identity, keeping values on a grid.
    for (let i = 0; i < 1200; i++) base.data[3 * 1200 + i] = base.data[i] + base.data[1200 + i];
    // At least 64 queries per dimension, so the rotated tree is the one searched.
    const queries = randomMatrix(rng, 600, 8, 1);

    const result = kNearest(base, queries, 9);
    const self = kNearest(base, base, 4, { excludeSelf: true });

    expectSame(result, bruteReference(base, queries, 9));
    expectSame(self, bruteReference(base, base, 4, true));
  });

  it('excludes each row itself when queries are the reference', () => {
    const rng = new Rng(4);
    const reference = randomMatrix(rng, 800, 4, 4);

    const tree = kNearest(reference, reference, 5, { excludeSelf: true });
    const small = kNearest(reference, createMatrix(0, 4), 1);

    expectSame(tree, bruteReference(reference, reference, 5, true));
    expect(small.indices.length).toBe(0);
    for (let q = 0; q < 800; q++) expect(Array.from(tree.indices.subarray(q * 5, q * 5 + 5))).not.toContain(q);
  });

  it('matches brute force with few queries and in high dimension (scan path)', () => {
    const rng = new Rng(5);
    const reference = randomMatrix(rng, 500, 50);
    const queries = randomMatrix(rng, 5, 50);

    const lowReference = randomMatrix(rng, 500, 3);
    const lowQueries = randomMatrix(rng, 4, 3);

    const high = kNearest(reference, queries, 3);
    const fewQueries = kNearest(lowReference, lowQueries, 2);

    expectSame(high, bruteReference(reference, queries, 3));
    expectSame(fewQueries, bruteReference(lowReference, lowQueries, 2));
  });

  it('handles identical rows and k equal to all other rows', () => {
    const reference = fromRows([[1, 1], [1, 1], [1, 1], [0, 0]]);

    const result = kNearest(reference, reference, 3, { excludeSelf: true });

    expect(Array.from(result.indices.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(result.indices.subarray(9, 12))).toEqual([0, 1, 2]);
    expect(result.distances[11]).toBe(2);
  });

  it('rejects a bad k and mismatched columns', () => {
    const reference = fromRows([[1], [2]]);

    expect(() => kNearest(reference, reference, 2, { excludeSelf: true })).toThrow(/k must be between 1 and 1/);
    expect(() => kNearest(reference, fromRows([[1, 2]]), 1)).toThrow(/columns/);
  });
});
