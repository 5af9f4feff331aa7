/**
 * Speed of the metric, evaluation, feature-relevance and permutation-importance code on
 * 200,000 rows (median of repeated runs, wall and CPU milliseconds), side by side with
 * scikit-learn on the very same arrays when Debian's python3-sklearn is installed.
 *
 *   node --import tsx bench/metrics.ts [--rows 200000] [--repeats 7] [--json]
 *
 * The data are generated here (seeded): a binary problem with logistic-ish probabilities, a
 * 4-class problem, and a regression. They are written as raw float64 files to a temp folder so
 * Python reads exactly the same numbers. Timings on a shared machine are noisy: read medians.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMatrix, type Matrix } from '../electron/ml/core/matrix.js';
import { Rng } from '../electron/ml/core/rng.js';
import * as M from '../electron/ml/metrics/index.js';
import { mutualInfoClassif, fClassif } from '../electron/ml/feature-selection/index.js';
import { kFold, stratifiedKFold } from '../electron/ml/model-selection/index.js';

const args = process.argv.slice(2);
const arg = (name: string, def: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const n = arg('--rows', 200_000);
const repeats = arg('--repeats', 7);
const asJson = args.includes('--json');

const rng = new Rng(1);
const yb = new Float64Array(n);
const Pb = createMatrix(n, 2);
for (let i = 0; i < n; i++) {
  yb[i] = rng.next() < 0.3 ? 1 : 0;
  const p = 1 / (1 + Math.exp(-(2 * yb[i] - 1 + rng.normal())));
  Pb.data[n + i] = p;
  Pb.data[i] = 1 - p;
}
const K = 4;
const ym = new Float64Array(n);
const Pm = createMatrix(n, K);
for (let i = 0; i < n; i++) {
  ym[i] = rng.int(K);
  const logits = Array.from({ length: K }, (_, k) => rng.normal() + (k === ym[i] ? 1.5 : 0));
  const mx = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - mx));
  const s = e.reduce((a, b) => a + b, 0);
  for (let k = 0; k < K; k++) Pm.data[k * n + i] = e[k] / s;
}
const yr = Float64Array.from({ length: n }, () => 10 + 3 * rng.normal());
const pr = Float64Array.from(yr, (v) => v + rng.normal());
const predB = M.labelsFromProba(Pb, [0, 1]);
const predM = M.labelsFromProba(Pm, [0, 1, 2, 3]);
const Xf = createMatrix(n, 4);
for (let j = 0; j < 4; j++) for (let i = 0; i < n; i++) Xf.data[j * n + i] = (j === 0 ? yb[i] : 0) + rng.normal();

function measure(f: () => unknown): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  f(); // warm-up (JIT)
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
  return { wall: med(walls), cpu: med(cpus) };
}

const cases: [string, () => unknown][] = [
  ['accuracy (binary)', () => M.accuracyScore(yb, predB)],
  ['f1 macro (4 classes)', () => M.precisionRecallFscore(ym, predM, { average: 'macro' })],
  ['confusion matrix (4 classes)', () => M.confusionMatrix(ym, predM)],
  ['roc_auc (binary)', () => M.rocAucScore(yb, Pb.data.subarray(n))],
  ['roc_auc ovr macro (4 classes)', () => M.rocAucOvr(ym, Pm, [0, 1, 2, 3])],
  ['average_precision (binary)', () => M.averagePrecisionScore(yb, Pb.data.subarray(n))],
  ['log_loss (4 classes)', () => M.logLoss(ym, Pm, { labels: [0, 1, 2, 3] })],
  ['brier (binary)', () => M.brierScoreLoss(yb, Pb.data.subarray(n))],
  ['roc_curve (binary)', () => M.rocCurve(yb, Pb.data.subarray(n))],
  ['calibration quantile (binary)', () => M.calibrationCurve(yb, Pb.data.subarray(n), { nBins: 10, strategy: 'quantile' })],
  ['mae', () => M.meanAbsoluteError(yr, pr)],
  ['rmse', () => M.rootMeanSquaredError(yr, pr)],
  ['r2', () => M.r2Score(yr, pr)],
  ['mape', () => M.meanAbsolutePercentageError(yr, pr)],
  ['evaluateClassification (binary, full report)', () => M.evaluateClassification({ yTrue: yb, proba: Pb, classes: [0, 1] })],
  ['evaluateClassification (4 classes)', () => M.evaluateClassification({ yTrue: ym, proba: Pm, classes: [0, 1, 2, 3] })],
  ['evaluateRegression', () => M.evaluateRegression({ yTrue: yr, yPred: pr })],
  ['kFold 5 shuffled', () => kFold(n, { nSplits: 5, shuffle: true, seed: 0 })],
  ['stratifiedKFold 5', () => stratifiedKFold(ym, { nSplits: 5 })],
  ['f_classif (4 features)', () => fClassif(Xf, yb)],
  ['mutual_info_classif (4 features)', () => mutualInfoClassif(Xf, yb)],
];

const PY_NAMES: Record<string, string> = {
  'accuracy (binary)': 'accuracy_score(yb, predB)',
  'f1 macro (4 classes)': "f1_score(ym, predM, average='macro')",
  'confusion matrix (4 classes)': 'confusion_matrix(ym, predM)',
  'roc_auc (binary)': 'roc_auc_score(yb, Pb[:, 1])',
  'roc_auc ovr macro (4 classes)': "roc_auc_score(ym, Pm, multi_class='ovr')",
  'average_precision (binary)': 'average_precision_score(yb, Pb[:, 1])',
  'log_loss (4 classes)': 'log_loss(ym, Pm)',
  'brier (binary)': 'brier_score_loss(yb, Pb[:, 1])',
  'roc_curve (binary)': 'roc_curve(yb, Pb[:, 1])',
  'calibration quantile (binary)': "calibration_curve(yb, Pb[:, 1], n_bins=10, strategy='quantile')",
  mae: 'mean_absolute_error(yr, pr)',
  rmse: 'mean_squared_error(yr, pr, squared=False)',
  r2: 'r2_score(yr, pr)',
  mape: 'mean_absolute_percentage_error(yr, pr)',
  'kFold 5 shuffled': 'list(KFold(5, shuffle=True, random_state=0).split(yb))',
  'stratifiedKFold 5': 'list(StratifiedKFold(5).split(ym, ym))',
  'f_classif (4 features)': 'f_classif(Xf, yb)',
  'mutual_info_classif (4 features)': 'mutual_info_classif(Xf, yb, random_state=0)',
};

function sklearnTimes(): Record<string, number> | null {
  const py = '/usr/bin/python3';
  if (!existsSync(py)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'ciclo-bench-metrics-'));
  try {
    const save = (name: string, a: Float64Array) => writeFileSync(join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    save('yb', yb);
    save('Pb', Pb.data);
    save('ym', ym);
    save('Pm', Pm.data);
    save('yr', yr);
    save('pr', pr);
    save('predB', predB);
    save('predM', predM);
    save('Xf', Xf.data);
    const lines = Object.entries(PY_NAMES).map(([k, expr]) => `out[${JSON.stringify(k)}] = t(lambda: ${expr})`);
    const script = `
import json, time, numpy as np, os
from sklearn.metrics import *
from sklearn.calibration import calibration_curve
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.feature_selection import f_classif, mutual_info_classif
d = ${JSON.stringify(dir)}; n = ${n}
r = lambda name: np.fromfile(os.path.join(d, name), dtype='<f8')
yb, ym, yr, pr, predB, predM = r('yb'), r('ym'), r('yr'), r('pr'), r('predB'), r('predM')
Pb = r('Pb').reshape(2, n).T.copy(); Pm = r('Pm').reshape(${K}, n).T.copy(); Xf = r('Xf').reshape(4, n).T.copy()
def t(f):
    f(); ts = []
    for _ in range(${repeats}):
        t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1000)
    return sorted(ts)[len(ts) // 2]
out = {}
${lines.join('\n')}
print(json.dumps(out))
`;
    const res = spawnSync(py, ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (res.status !== 0) {
      process.stderr.write(`scikit-learn run failed: ${res.stderr}\n`);
      return null;
    }
    return JSON.parse(res.stdout) as Record<string, number>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ours = cases.map(([name, f]) => ({ name, ...measure(f) }));
const theirs = sklearnTimes();
if (asJson) {
  console.log(JSON.stringify({ rows: n, repeats, ciclo: ours, sklearn: theirs }));
} else {
  console.log(`rows ${n}, median of ${repeats} (after one warm-up); milliseconds`);
  console.log('case'.padEnd(46) + 'ciclo wall'.padStart(11) + 'ciclo cpu'.padStart(11) + 'sklearn'.padStart(10));
  for (const r of ours) {
    const s = theirs?.[r.name];
    console.log(r.name.padEnd(46) + r.wall.toFixed(1).padStart(11) + r.cpu.toFixed(1).padStart(11) + (s === undefined ? '-' : s.toFixed(1)).padStart(10));
  }
}
export type { Matrix };
