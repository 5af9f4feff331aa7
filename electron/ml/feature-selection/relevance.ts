/**
 * Feature relevance for the Features step, before any model is trained: for every column of a
 * raw Frame, how much it tells about the target, by the measures that fit the pair of types.
 *
 * | column \ target | classification                                   | regression                          |
 * |-----------------|--------------------------------------------------|-------------------------------------|
 * | numeric, date   | MI (Ross kNN), ANOVA F and p, η; r and ρ if binary | MI (KSG kNN), F test and p, r and ρ |
 * | categorical     | MI (plug-in), chi-square p, Cramér's V           | MI (Ross kNN), ANOVA F and p, η     |
 * | text            | skipped (relevance of text needs its features first)                  |
 *
 * Rows where the column or the target is missing are left out, per column. Above `maxRows`
 * rows a seeded random sample is used for every column (the kNN estimators cost O(n log n)).
 * `isLeakSuspect` flags a column whose association with the target is nearly perfect, a
 * heuristic hint that the column may be a copy or a consequence of the target (a leak), to be
 * confirmed by the data quality report and by the user: classification: Cramér's V, η or |r|
 * >= 0.95, or MI >= 0.9 × the target's entropy; regression: |r|, |ρ| or η >= 0.99.
 * Measures are described in univariate.ts, correlation.ts, association.ts and mutual-info.ts.
 */
import { InvalidInputError } from '../core/errors.js';
import { getColumn, type Frame, type FrameColumn, type FrameColumnKind } from '../core/frame.js';
import { Rng } from '../core/rng.js';
import { encodeLabels, jsonNumber, uniqueLabels } from '../metrics/internal.js';
import { chiSquareTest, contingencyTable, cramersV, mutualInfoDiscrete } from './association.js';
import { pearson, spearman } from './correlation.js';
import { addNoise, miContinuousContinuous, miContinuousDiscrete, scaled } from './mutual-info.js';
import { fSurvival } from './special.js';
import { anovaOneWay } from './univariate.js';

/** Options of {@link featureRelevance}. */
export interface FeatureRelevanceOptions {
  /** Name of the target column in the frame. */
  target: string;
  task: 'classification' | 'regression';
  /** Columns to score (default: every column but the target). */
  columns?: readonly string[];
  /** Neighbours of the kNN estimators (default 3). */
  nNeighbors?: number;
  /** Seed of the sample and of the tie-breaking noise (default 0). */
  seed?: number;
  /** Rows above which a seeded sample is used (default 50,000). */
  maxRows?: number;
}

/** Which test produced `statistic` and `pValue`. */
export type RelevanceTest = 'anova' | 'f_regression' | 'chi2';

/** The relevance of one column (JSON-safe; null = not applicable or undefined). */
export interface ColumnRelevance {
  column: string;
  kind: FrameColumnKind;
  /** Rows used (both the column and the target present). */
  rowsUsed: number;
  /** Rows where the column is missing. */
  missing: number;
  /** Mutual information with the target, in nats. */
  mutualInfo: number | null;
  /** Mutual information divided by the target's entropy (classification only), 0..1. */
  mutualInfoNormalized: number | null;
  test: RelevanceTest | null;
  statistic: number | null;
  pValue: number | null;
  pearson: number | null;
  spearman: number | null;
  cramersV: number | null;
  /** Correlation ratio η (numeric vs classes, or target vs categories). */
  correlationRatio: number | null;
  isLeakSuspect: boolean;
  /** Why the column was not scored (e.g. 'text', 'constant', 'too_few_rows'). */
  skipped: 'text' | 'constant' | 'too_few_rows' | null;
  /** Position by mutual information, 1 = most informative (null when skipped). */
  rank: number | null;
}

/** The relevance report of a frame. */
export interface RelevanceReport {
  target: string;
  task: 'classification' | 'regression';
  /** Rows considered (after sampling). */
  rows: number;
  isSampled: boolean;
  /** In the frame's column order. */
  columns: ColumnRelevance[];
}

interface TargetData {
  /** Numeric target values, or class codes for classification. */
  values: Float64Array;
  isValid: Uint8Array;
  nClasses: number;
  entropy: number;
}

function readTarget(col: FrameColumn, task: FeatureRelevanceOptions['task'], rows: Int32Array): TargetData {
  const n = rows.length;
  const values = new Float64Array(n);
  const isValid = new Uint8Array(n);
  if (col.kind === 'text') throw new InvalidInputError(`The target "${col.name}" is a text column.`, 'target');
  if (task === 'regression') {
    if (col.kind === 'categorical') throw new InvalidInputError(`The target "${col.name}" is categorical; regression needs a numeric target.`, 'target');
    for (let k = 0; k < n; k++) {
      const v = col.values[rows[k]];
      values[k] = v;
      isValid[k] = Number.isFinite(v) ? 1 : 0;
    }
    return { values, isValid, nClasses: 0, entropy: NaN };
  }
  const raw = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = col.kind === 'categorical' ? col.codes[rows[k]] : col.values[rows[k]];
    const ok = col.kind === 'categorical' ? v >= 0 : Number.isFinite(v);
    raw[k] = ok ? v : 0;
    isValid[k] = ok ? 1 : 0;
  }
  const present = uniqueLabels(raw.filter((_, k) => isValid[k] === 1));
  const code = encodeLabels(raw, present);
  const counts = new Float64Array(present.length);
  let m = 0;
  for (let k = 0; k < n; k++) {
    if (!isValid[k]) continue;
    values[k] = code[k];
    counts[code[k]]++;
    m++;
  }
  let entropy = 0;
  for (const c of counts) if (c > 0) entropy -= (c / m) * Math.log(c / m);
  return { values, isValid, nClasses: present.length, entropy };
}

function empty(col: FrameColumn, skipped: ColumnRelevance['skipped'], rowsUsed: number, missing: number): ColumnRelevance {
  return {
    column: col.name,
    kind: col.kind,
    rowsUsed,
    missing,
    mutualInfo: null,
    mutualInfoNormalized: null,
    test: null,
    statistic: null,
    pValue: null,
    pearson: null,
    spearman: null,
    cramersV: null,
    correlationRatio: null,
    isLeakSuspect: false,
    skipped,
    rank: null,
  };
}

/** Scores every column of `frame` against the target column. */
export function featureRelevance(frame: Frame, options: FeatureRelevanceOptions): RelevanceReport {
  const targetCol = getColumn(frame, options.target);
  const names = options.columns ?? frame.columns.map((c) => c.name).filter((n) => n !== options.target);
  const k = options.nNeighbors ?? 3;
  const seed = options.seed ?? 0;
  const maxRows = options.maxRows ?? 50_000;
  const rng = new Rng(seed);
  let rows = Int32Array.from({ length: frame.nRows }, (_, i) => i);
  const isSampled = frame.nRows > maxRows;
  if (isSampled) rows = rng.shuffle(rows).slice(0, maxRows).sort();
  const target = readTarget(targetCol, options.task, rows);
  const n = rows.length;
  const out: ColumnRelevance[] = [];
  for (const name of names) {
    const col = getColumn(frame, name);
    const colRng = rng.fork();
    if (col.kind === 'text') {
      out.push(empty(col, 'text', 0, 0));
      continue;
    }
    // rows where both the column and the target are present
    const use: number[] = [];
    let missing = 0;
    for (let k2 = 0; k2 < n; k2++) {
      const i = rows[k2];
      const ok = col.kind === 'categorical' ? col.codes[i] >= 0 : Number.isFinite(col.values[i]);
      if (!ok) missing++;
      if (ok && target.isValid[k2]) use.push(k2);
    }
    const m = use.length;
    const y = Float64Array.from(use, (k2) => target.values[k2]);
    const isCategorical = col.kind === 'categorical';
    const x = Float64Array.from(use, (k2) => (isCategorical ? (col as { codes: Int32Array }).codes[rows[k2]] : (col as { values: Float64Array }).values[rows[k2]]));
    const minRows = Math.max(k + 2, 5);
    if (m < minRows) {
      out.push(empty(col, 'too_few_rows', m, missing));
      continue;
    }
    if (uniqueLabels(x).length < 2) {
      out.push(empty(col, 'constant', m, missing));
      continue;
    }
    const r = empty(col, null, m, missing);
    if (options.task === 'classification') {
      if (isCategorical) {
        r.mutualInfo = mutualInfoDiscrete(x, y);
        const chi = chiSquareTest(contingencyTable(x, y));
        r.test = 'chi2';
        r.statistic = jsonNumber(chi.statistic);
        r.pValue = jsonNumber(chi.pValue);
        r.cramersV = jsonNumber(cramersV(x, y));
      } else {
        const xs = scaled(x);
        addNoise(xs, colRng);
        r.mutualInfo = jsonNumber(miContinuousDiscrete(xs, y, k));
        const a = anovaOneWay(x, Int32Array.from(y), target.nClasses);
        r.test = 'anova';
        r.statistic = jsonNumber(a.f);
        r.pValue = jsonNumber(a.p);
        r.correlationRatio = jsonNumber(Math.sqrt(a.eta2));
        if (target.nClasses === 2) {
          r.pearson = jsonNumber(pearson(x, y).r);
          r.spearman = jsonNumber(spearman(x, y).r);
        }
      }
      r.mutualInfoNormalized = r.mutualInfo !== null && target.entropy > 0 ? jsonNumber(r.mutualInfo / target.entropy) : null;
      r.isLeakSuspect = [r.cramersV, r.correlationRatio, r.pearson === null ? null : Math.abs(r.pearson)].some((v) => v !== null && v >= 0.95) || (r.mutualInfoNormalized ?? 0) >= 0.9;
    } else {
      const ys = scaled(y);
      addNoise(ys, colRng);
      if (isCategorical) {
        r.mutualInfo = jsonNumber(miContinuousDiscrete(ys, x, k));
        const codes = encodeLabels(x, uniqueLabels(x));
        const a = anovaOneWay(y, codes, uniqueLabels(x).length);
        r.test = 'anova';
        r.statistic = jsonNumber(a.f);
        r.pValue = jsonNumber(a.p);
        r.correlationRatio = jsonNumber(Math.sqrt(a.eta2));
      } else {
        const xs = scaled(x);
        addNoise(xs, colRng);
        r.mutualInfo = jsonNumber(miContinuousContinuous(xs, ys, k));
        const p = pearson(x, y);
        r.pearson = jsonNumber(p.r);
        r.spearman = jsonNumber(spearman(x, y).r);
        r.test = 'f_regression';
        const r2 = p.r * p.r;
        const f = (r2 / (1 - r2)) * (m - 2);
        r.statistic = jsonNumber(Number.isFinite(f) ? f : Number.MAX_VALUE);
        r.pValue = jsonNumber(fSurvival(f, 1, m - 2));
      }
      r.isLeakSuspect = [r.correlationRatio, r.pearson, r.spearman].some((v) => v !== null && Math.abs(v) >= 0.99);
    }
    out.push(r);
  }
  const ranked = out.filter((c) => c.mutualInfo !== null).sort((a, b) => (b.mutualInfo as number) - (a.mutualInfo as number) || a.column.localeCompare(b.column));
  ranked.forEach((c, i) => (c.rank = i + 1));
  return { target: options.target, task: options.task, rows: n, isSampled, columns: out };
}
