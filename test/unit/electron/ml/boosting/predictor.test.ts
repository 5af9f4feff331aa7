import { describe, expect, it } from 'vitest';
import { FlatTreesBuilder, addTreeOutputs, decodeTrees, encodeTrees, treeCount, type FlatTrees } from '../../../../../electron/ml/boosting/predictor.js';
import { createMatrix, type Matrix } from '../../../../../electron/ml/core/matrix.js';
import { Rng } from '../../../../../electron/ml/core/rng.js';
import { ArtifactError } from '../../../../../electron/ml/core/errors.js';

/** Random complete trees of the given depth (children adjacent, as the growers make them). */
function randomForest(nTrees: number, depth: number, nFeatures: number, nOutputs: number, seed: number): FlatTrees {
  const rng = new Rng(seed);
  const b = new FlatTreesBuilder(nFeatures, nOutputs);
  const nNodes = 2 ** (depth + 1) - 1;
  for (let t = 0; t < nTrees; t++) {
    const feature = new Int32Array(nNodes).fill(-1);
    const threshold = new Float64Array(nNodes);
    const missingLeft = new Uint8Array(nNodes);
    const left = new Int32Array(nNodes).fill(-1);
    const right = new Int32Array(nNodes).fill(-1);
    const value = new Float64Array(nNodes * nOutputs);
    // Breadth-first numbering: node i's children are 2i + 1 and 2i + 2 (adjacent).
    for (let i = 0; i < nNodes; i++) {
      if (2 * i + 2 < nNodes) {
        feature[i] = rng.int(nFeatures);
        threshold[i] = rng.normal();
        missingLeft[i] = rng.int(2);
        left[i] = 2 * i + 1;
        right[i] = 2 * i + 2;
      } else for (let k = 0; k < nOutputs; k++) value[i * nOutputs + k] = rng.normal();
    }
    b.addTree(nNodes, feature, threshold, missingLeft, left, right, value);
  }
  return b.finish();
}

/** The textbook walk, node by node, for reference. */
function reference(t: FlatTrees, X: Matrix): Float64Array {
  const K = t.nOutputs;
  const out = new Float64Array(X.nRows * K);
  for (let i = 0; i < X.nRows; i++) {
    for (let tr = 0; tr < treeCount(t); tr++) {
      let node = t.treeStart[tr];
      while (t.feature[node] >= 0) {
        const x = X.data[t.feature[node] * X.nRows + i];
        const goLeft = Number.isNaN(x) ? t.missingLeft[node] === 1 : x <= t.threshold[node];
        node = goLeft ? t.left[node] : t.right[node];
      }
      for (let k = 0; k < K; k++) out[k * X.nRows + i] += t.value[node * K + k];
    }
  }
  return out;
}

function rows(n: number, d: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const X = createMatrix(n, d);
  for (let q = 0; q < X.data.length; q++) X.data[q] = rng.next() < 0.05 ? NaN : rng.normal();
  return X;
}

describe('flat tree prediction', () => {
  it('walks large forests (interleaved walks) exactly like the textbook walk, for batches and single rows', () => {
    // Arrange: 150 trees of 511 nodes = 76,650 nodes, above the interleaving threshold.
    const forest = randomForest(150, 8, 6, 2, 1);
    const batch = rows(300, 6, 2);
    const few = rows(3, 6, 3);
    // Act
    const gotBatch = new Float64Array(300 * 2);
    addTreeOutputs(forest, batch, gotBatch, null);
    const gotFew = new Float64Array(3 * 2);
    addTreeOutputs(forest, few, gotFew, null);
    // Assert
    expect(Array.from(gotBatch)).toEqual(Array.from(reference(forest, batch)));
    expect(Array.from(gotFew)).toEqual(Array.from(reference(forest, few)));
  });

  it('walks small ensembles and routes outputs per tree', () => {
    // Arrange: 6 one-output trees feeding 3 outputs round-robin (as boosting's classes).
    const forest = randomForest(6, 3, 4, 1, 4);
    const X = rows(50, 4, 5);
    const treeOutput = Int32Array.from([0, 1, 2, 0, 1, 2]);
    // Act
    const got = new Float64Array(50 * 3);
    addTreeOutputs(forest, X, got, treeOutput);
    // Assert
    const expected = new Float64Array(50 * 3);
    for (let tr = 0; tr < 6; tr++) {
      const one = new FlatTreesBuilder(4, 1);
      const s = forest.treeStart[tr];
      const e = forest.treeStart[tr + 1];
      const local = (a: Int32Array) => a.subarray(s, e).map((v) => (v < 0 ? -1 : v - s));
      one.addTree(e - s, forest.feature.subarray(s, e), forest.threshold.subarray(s, e), forest.missingLeft.subarray(s, e), local(forest.left), local(forest.right), forest.value.subarray(s, e));
      const r = reference(one.finish(), X);
      for (let i = 0; i < 50; i++) expected[treeOutput[tr] * 50 + i] += r[i];
    }
    expect(Array.from(got)).toEqual(Array.from(expected));
  });

  it('round-trips through its encoding and refuses inconsistent trees', () => {
    // Arrange
    const forest = randomForest(3, 2, 5, 2, 6);
    const encoded = JSON.parse(JSON.stringify(encodeTrees(forest)));
    // Act
    const decoded = decodeTrees(encoded, 5, 'trees');
    // Assert
    expect(Array.from(decoded.threshold)).toEqual(Array.from(forest.threshold));
    expect(() => decodeTrees(encoded, 2, 'trees')).toThrow(/splits on feature/);
    const swapped = { ...forest, left: forest.right, right: forest.left };
    expect(() => decodeTrees(JSON.parse(JSON.stringify(encodeTrees(swapped))), 5, 'trees')).toThrow(ArtifactError);
    expect(() => decodeTrees({ ...encoded, value: { $f64: 'AAAAAAAA8D8=' } }, 5, 'trees')).toThrow(/value has the wrong length/);
  });
});
