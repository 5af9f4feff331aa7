/**
 * Benchmark datasets: generated once with the shared generator (../shared/bench/make-data.mjs,
 * the same files the performance anchors were measured on) and cached as CSV under bench/data/
 * (git-ignored), then loaded into matrices. Matrices live in SharedArrayBuffer memory so the
 * engine's thread pool can read them without copies.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMatrix, type Matrix } from '../../electron/ml/core/matrix.js';
import { readCsv, type CsvTable } from './csv.js';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Task of a dataset or a run. */
export type Task = 'classification' | 'regression';

/** A generated dataset. */
export interface DatasetSpec {
  name: string;
  kind: 'classification' | 'regression';
  rows: number;
  task: Task;
}

/** The datasets of the default suite (make-data.mjs --seed 1 --features 20, as the anchors). */
export const DATASETS: Record<string, DatasetSpec> = {
  'cls-200k': { name: 'cls-200k', kind: 'classification', rows: 200_000, task: 'classification' },
  'reg-200k': { name: 'reg-200k', kind: 'regression', rows: 200_000, task: 'regression' },
  'cls-1m': { name: 'cls-1m', kind: 'classification', rows: 1_000_000, task: 'classification' },
};

/** Path of a dataset's CSV, generating it first when missing. */
export function ensureDataset(spec: DatasetSpec, dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, `${spec.name}.csv`);
  if (existsSync(path)) return path;
  const generator = join(ROOT, '..', 'shared', 'bench', 'make-data.mjs');
  if (!existsSync(generator)) throw new Error(`Dataset ${path} is missing and the generator ${generator} was not found.`);
  console.error(`generating ${spec.name} ...`);
  const r = spawnSync(process.execPath, [generator, '--kind', spec.kind, '--rows', String(spec.rows), '--features', '20', '--seed', '1', '--out', path], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`make-data.mjs failed for ${spec.name}.`);
  return path;
}

/** Training and test data. */
export interface TrainTest {
  featureNames: string[];
  target: string;
  Xtr: Matrix;
  ytr: Float64Array;
  Xte: Matrix;
  yte: Float64Array;
  /** Levels of a text target (code = index), when the target held text. */
  targetLevels: string[] | null;
  loadSeconds: number;
}

function sharedMatrix(nRows: number, columns: Float64Array[]): Matrix {
  const X = createMatrix(nRows, columns.length, new Float64Array(new SharedArrayBuffer(Math.max(8, nRows * columns.length * 8))).subarray(0, nRows * columns.length));
  columns.forEach((c, j) => X.data.set(c, j * nRows));
  return X;
}

function split(table: CsvTable, part: number, targetIndex: number): { X: Matrix; y: Float64Array } {
  const cols = table.parts[part];
  return { X: sharedMatrix(table.partRows[part], cols.filter((_, j) => j !== targetIndex)), y: cols[targetIndex] };
}

function targetIndexOf(header: string[], target: string | undefined): number {
  if (target === undefined) return header.length - 1;
  const j = header.indexOf(target);
  if (j < 0) throw new Error(`Target column "${target}" is not in the header (${header.join(', ')}).`);
  return j;
}

/** One CSV split by rows: the first 80% train, the last 20% test (no shuffling, as the anchors). */
export function loadSplitFile(path: string, target?: string): TrainTest {
  const t0 = performance.now();
  const table = readCsv(path, (n) => [Math.floor(n * 0.8)]);
  const tj = targetIndexOf(table.header, target);
  const tr = split(table, 0, tj);
  const te = split(table, 1, tj);
  return {
    featureNames: table.header.filter((_, j) => j !== tj),
    target: table.header[tj],
    Xtr: tr.X,
    ytr: tr.y,
    Xte: te.X,
    yte: te.y,
    targetLevels: table.levels.get(tj) ?? null,
    loadSeconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Separate train and test files. Text columns are ordinal-encoded by sorted level; the two files
 * are read together so a level gets the same code in both.
 */
export function loadTrainTestFiles(trainPath: string, testPath: string, target: string): TrainTest {
  const t0 = performance.now();
  const train = readCsv(trainPath);
  const test = readCsv(testPath);
  if (train.header.join(',') !== test.header.join(',')) throw new Error('The train and test files have different headers.');
  const tj = targetIndexOf(train.header, target);
  // Re-encode text columns over the union of levels.
  for (const j of new Set([...train.levels.keys(), ...test.levels.keys()])) {
    const union = [...new Set([...(train.levels.get(j) ?? []), ...(test.levels.get(j) ?? [])])].sort();
    const code = new Map(union.map((s, k) => [s, k]));
    for (const t of [train, test]) {
      const own = t.levels.get(j);
      const col = t.parts[0][j];
      if (own) for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) col[i] = code.get(own[col[i]]) as number;
      t.levels.set(j, union);
    }
  }
  const tr = split(train, 0, tj);
  const te = split(test, 0, tj);
  return {
    featureNames: train.header.filter((_, j) => j !== tj),
    target: train.header[tj],
    Xtr: tr.X,
    ytr: tr.y,
    Xte: te.X,
    yte: te.y,
    targetLevels: train.levels.get(tj) ?? null,
    loadSeconds: (performance.now() - t0) / 1000,
  };
}
