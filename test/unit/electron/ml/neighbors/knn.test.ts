import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { KNeighborsClassifier, KNeighborsRegressor } from '../../../../../electron/ml/neighbors/knn.js';
import { fromRows } from '../../../../../electron/ml/core/matrix.js';

const f = JSON.parse(readFileSync(new URL('../../../../fixtures/sklearn-models/bayes-neighbors.json', import.meta.url), 'utf8'));
const X = fromRows(f.X);
const Xt = fromRows(f.Xtest);

describe('k-nearest neighbours match scikit-learn', () => {
  for (const c of f.knn) {
    it(`k=${c.k}, weights=${c.weights}`, () => {
      const clf = new KNeighborsClassifier({ nNeighbors: c.k, weights: c.weights }).fit(X, f.y);
      const P = clf.predictProba(Xt);
      c.proba.forEach((row: number[], i: number) => row.forEach((v, k) => expect(P.data[k * Xt.nRows + i]).toBeCloseTo(v, 12)));
      expect(Array.from(clf.predict(Xt))).toEqual(c.predict);
      const reg = new KNeighborsRegressor({ nNeighbors: c.k, weights: c.weights }).fit(X, f.yReg);
      Array.from(reg.predict(Xt)).forEach((v, i) => expect(v).toBeCloseTo(c.regression[i], 10));
    });
  }

  it('an exact match takes all the weight under distance weighting', () => {
    const reg = new KNeighborsRegressor({ nNeighbors: 3, weights: 'distance' }).fit(fromRows([[0], [1], [2]]), [10, 20, 30]);
    expect(Array.from(reg.predict(fromRows([[1]])))).toEqual([20]);
  });

  it('round-trips and refuses k above the row count', () => {
    const clf = new KNeighborsClassifier().fit(X, f.y);
    const loaded = KNeighborsClassifier.fromArtifact(JSON.parse(JSON.stringify(clf.toArtifact())));
    expect(Array.from(loaded.predictProba(Xt).data)).toEqual(Array.from(clf.predictProba(Xt).data));
    expect(() => new KNeighborsClassifier({ nNeighbors: 9 }).fit(fromRows([[0], [1]]), [0, 1])).toThrow(/nNeighbors is 9, but there are only 2 training rows/);
  });
});
