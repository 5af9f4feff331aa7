import { describe, expect, it } from 'vitest';
import {
  groupKFold,
  kFold,
  makeFolds,
  stratifiedKFold,
  timeSeriesSplit,
  trainValidationTestSplit,
  type Fold,
} from '../../../../../electron/ml/model-selection/splits.js';
import { loadFixture } from '../metrics/sklearn-fixtures.js';

const cases = loadFixture<any[]>('splits.json');

function plain(folds: Fold[]): { train: number[]; test: number[] }[] {
  return folds.map((f) => ({ train: Array.from(f.train), test: Array.from(f.test) }));
}

describe('k-fold splitters reproduce scikit-learn 1.2 exactly without shuffling (splits.json)', () => {
  for (const c of cases) {
    it(`${c.kind} ${JSON.stringify({ n: c.n, k: c.nSplits, mts: c.maxTrainSize, ts: c.testSize, gap: c.gap })}`, () => {
      let folds: Fold[];
      if (c.kind === 'kfold') folds = kFold(c.n, { nSplits: c.nSplits });
      else if (c.kind === 'stratified') folds = stratifiedKFold(c.y, { nSplits: c.nSplits });
      else if (c.kind === 'group') folds = groupKFold(c.groups, { nSplits: c.nSplits });
      else folds = timeSeriesSplit(c.n, { nSplits: c.nSplits, maxTrainSize: c.maxTrainSize ?? undefined, testSize: c.testSize ?? undefined, gap: c.gap });
      expect(plain(folds)).toEqual(c.folds);
    });
  }
  it('covers all four splitters', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['kfold', 'stratified', 'group', 'timeseries']));
  });
});

function expectPartition(folds: Fold[], n: number): void {
  const seen = new Array<number>(n).fill(0);
  for (const f of folds) {
    for (const i of f.test) seen[i]++;
    expect(f.train.length + f.test.length).toBe(n);
    const train = new Set(f.train);
    for (const i of f.test) expect(train.has(i)).toBe(false);
  }
  expect(seen.every((s) => s === 1)).toBe(true);
}

describe('shuffled k-fold', () => {
  it('is a partition, deterministic for a seed, and different across seeds', () => {
    const a = kFold(103, { nSplits: 4, shuffle: true, seed: 1 });
    expectPartition(a, 103);
    expect(plain(kFold(103, { nSplits: 4, shuffle: true, seed: 1 }))).toEqual(plain(a));
    expect(plain(kFold(103, { nSplits: 4, shuffle: true, seed: 2 }))).not.toEqual(plain(a));
  });

  it('stratified shuffling keeps the per-fold class counts of the unshuffled folds', () => {
    const y = Array.from({ length: 90 }, (_, i) => (i % 9 === 0 ? 2 : i % 3 === 0 ? 1 : 0));
    const plainFolds = stratifiedKFold(y, { nSplits: 5 });
    const shuffled = stratifiedKFold(y, { nSplits: 5, shuffle: true, seed: 3 });
    expectPartition(shuffled, 90);
    const counts = (f: Fold) => [0, 1, 2].map((c) => Array.from(f.test).filter((i) => y[i] === c).length);
    expect(shuffled.map(counts)).toEqual(plainFolds.map(counts));
  });

  it('refuses more folds than rows of every class', () => {
    expect(() => stratifiedKFold([0, 0, 1, 1], { nSplits: 3 })).toThrow(/larger than the number of rows of every class/);
  });
});

describe('train / validation / test split', () => {
  it('random: disjoint, complete, sized by ceil(fraction × n), seeded', () => {
    const s = trainValidationTestSplit({ nRows: 101, validationFraction: 0.2, testFraction: 0.1, seed: 4 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([101 - 21 - 11, 21, 11]);
    expect(new Set([...s.train, ...s.validation, ...s.test]).size).toBe(101);
    expect(trainValidationTestSplit({ nRows: 101, validationFraction: 0.2, testFraction: 0.1, seed: 4 })).toEqual(s);
  });

  it('stratified: each part keeps the class shares to within one row', () => {
    const y = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0)); // 10 % positives
    const s = trainValidationTestSplit({ nRows: 1000, validationFraction: 0.15, testFraction: 0.25, strategy: 'stratified', y, seed: 1 });
    const positives = (idx: Int32Array) => Array.from(idx).filter((i) => y[i] === 1).length;
    expect(positives(s.test)).toBe(25);
    expect(positives(s.validation)).toBe(15);
    expect(positives(s.train)).toBe(60);
  });

  it('group: no group on two sides', () => {
    const groups = Array.from({ length: 200 }, (_, i) => Math.floor(i / 7));
    const s = trainValidationTestSplit({ nRows: 200, validationFraction: 0.2, testFraction: 0.2, strategy: 'group', groups, seed: 9 });
    const sides = new Map<number, Set<string>>();
    for (const [name, idx] of Object.entries(s)) for (const i of idx as Int32Array) (sides.get(groups[i]) ?? sides.set(groups[i], new Set()).get(groups[i])!).add(name);
    expect([...sides.values()].every((v) => v.size === 1)).toBe(true);
    expect(s.test.length).toBeGreaterThanOrEqual(40);
  });

  it('time: the test rows are the newest, validation the next newest', () => {
    const order = [5, 1, 9, 3, 7, 2, 8, 0, 6, 4];
    const s = trainValidationTestSplit({ nRows: 10, validationFraction: 0.2, testFraction: 0.2, strategy: 'time', order });
    expect(Array.from(s.test).map((i) => order[i])).toEqual([8, 9]);
    expect(Array.from(s.validation).map((i) => order[i])).toEqual([6, 7]);
    expect(Math.max(...Array.from(s.train).map((i) => order[i]))).toBe(5);
  });

  it('refuses a split that leaves no training rows', () => {
    expect(() => trainValidationTestSplit({ nRows: 3, validationFraction: 0.5, testFraction: 0.4 })).toThrow(/no training rows/);
  });
});

describe('makeFolds', () => {
  it('builds folds from a JSON spec, including a holdout and time order', () => {
    expect(makeFolds({ kind: 'kfold', nSplits: 3 }, { nRows: 9 })).toHaveLength(3);
    const holdout = makeFolds({ kind: 'holdout', validationFraction: 0.25, seed: 1 }, { nRows: 20 });
    expect(holdout).toHaveLength(1);
    expect(holdout[0].test).toHaveLength(5);
    const ts = makeFolds({ kind: 'timeseries', nSplits: 2 }, { nRows: 6, order: [6, 5, 4, 3, 2, 1] });
    expect(Array.from(ts[1].test)).toEqual([1, 0]); // newest two rows, in time order
    expect(() => makeFolds({ kind: 'stratified', nSplits: 2 }, { nRows: 4 })).toThrow(/y is required/);
  });
});
