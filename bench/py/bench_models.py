#!/usr/bin/python3
"""Ciclo's reference measurements with scikit-learn / XGBoost, one (dataset, model) per process.

Run by `npm run bench:engine` next to Ciclo's own runs, on the same CSV files and the same split:
the first 80% of rows train, the last 20% test, no shuffling. Prints one JSON line:
fit_s / predict_s (median of --repeats fresh fits), the metrics, peak_mb (max RSS of this process)
and, with --latency, the median time of model.predict on one row (1000 rows).

    /usr/bin/python3 bench/py/bench_models.py --data cls-200k.csv --task classification --model hgb

Models mirror the Ciclo defaults the benchmark compares: hgb = HistGradientBoosting (defaults,
max_iter 100), rf = RandomForest (100 trees, n_jobs=2), tree = DecisionTree, logreg =
StandardScaler + LogisticRegression(max_iter=200), ridge = StandardScaler + Ridge, nb = GaussianNB,
knn = KNeighbors (k=5, predicting at most --test-rows rows), xgb = xgboost hist, depth 6, 100 rounds.
"""
import argparse
import json
import resource
import statistics
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument('--data', required=True)
p.add_argument('--task', choices=['classification', 'regression'], required=True)
p.add_argument('--model', required=True)
p.add_argument('--repeats', type=int, default=3)
p.add_argument('--latency', action='store_true')
p.add_argument('--test-rows', type=int, default=0, help='predict on at most this many test rows (0 = all)')
p.add_argument('--threads', type=int, default=2)
args = p.parse_args()

t0 = time.perf_counter()
import pandas as pd  # noqa: E402  (Debian python3-pandas; loading is timed, so import here)
table = pd.read_csv(args.data).to_numpy(dtype=np.float64)
load_s = time.perf_counter() - t0
X, y = table[:, :-1], table[:, -1]
n_train = int(len(y) * 0.8)
Xtr, ytr, Xte, yte = X[:n_train], y[:n_train], X[n_train:], y[n_train:]
if args.test_rows:
    Xte, yte = Xte[: args.test_rows], yte[: args.test_rows]
is_cls = args.task == 'classification'
if is_cls:
    ytr, yte = ytr.astype(np.int64), yte.astype(np.int64)


def build(name):
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    if name == 'hgb':
        from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
        return (HistGradientBoostingClassifier if is_cls else HistGradientBoostingRegressor)(max_iter=100, random_state=0)
    if name == 'rf':
        from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
        return (RandomForestClassifier if is_cls else RandomForestRegressor)(n_estimators=100, n_jobs=args.threads, random_state=0)
    if name == 'tree':
        from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
        return (DecisionTreeClassifier if is_cls else DecisionTreeRegressor)(random_state=0)
    if name == 'logreg':
        from sklearn.linear_model import LogisticRegression
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=200))
    if name == 'ridge':
        from sklearn.linear_model import Ridge
        return make_pipeline(StandardScaler(), Ridge(alpha=1.0))
    if name == 'nb':
        from sklearn.naive_bayes import GaussianNB
        return GaussianNB()
    if name == 'knn':
        from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
        return (KNeighborsClassifier if is_cls else KNeighborsRegressor)()
    if name == 'xgb':
        return Xgb()
    raise SystemExit(f'unknown model {name}')


class Xgb:
    """XGBoost's native API (hist, depth 6, 100 rounds); fit includes building the DMatrix."""

    def fit(self, X, y):
        import xgboost
        params = {'tree_method': 'hist', 'max_depth': 6, 'nthread': args.threads,
                  'objective': 'binary:logistic' if is_cls else 'reg:squarederror'}
        self.booster = xgboost.train(params, xgboost.DMatrix(X, label=y, nthread=args.threads), num_boost_round=100)
        return self

    def predict_proba(self, X):
        p1 = self.booster.inplace_predict(X)
        return np.column_stack([1 - p1, p1])

    def predict(self, X):
        out = self.booster.inplace_predict(X)
        return (out > 0.5).astype(np.int64) if is_cls else out


fits, cpus, predicts = [], [], []
model = None
for _ in range(args.repeats):
    model = build(args.model)
    c = time.process_time()  # CPU seconds of all threads of this process
    t = time.perf_counter()
    model.fit(Xtr, ytr)
    fits.append(time.perf_counter() - t)
    cpus.append(time.process_time() - c)
    t = time.perf_counter()
    out = model.predict_proba(Xte) if is_cls else model.predict(Xte)
    predicts.append(time.perf_counter() - t)

result = {
    'lib': 'xgboost' if args.model == 'xgb' else 'sklearn', 'model': args.model, 'task': args.task,
    'train_rows': int(n_train), 'test_rows': int(len(yte)), 'load_s': load_s,
    'fit_s': statistics.median(fits), 'predict_s': statistics.median(predicts), 'fit_all': fits,
    'fit_cpu_s': statistics.median(cpus),
}
if is_cls:
    from sklearn.metrics import accuracy_score, roc_auc_score
    classes = np.unique(ytr)
    result['accuracy'] = float(accuracy_score(yte, classes[np.argmax(out, axis=1)]))
    if len(classes) == 2:
        result['auc'] = float(roc_auc_score(yte, out[:, 1]))
else:
    from sklearn.metrics import mean_squared_error, r2_score
    result['rmse'] = float(np.sqrt(mean_squared_error(yte, out)))
    result['r2'] = float(r2_score(yte, out))
if args.latency:
    times = []
    for i in range(min(1000, len(Xte))):
        row = Xte[i:i + 1]
        t = time.perf_counter()
        model.predict(row)
        times.append(time.perf_counter() - t)
    result['latency_us'] = statistics.median(times) * 1e6
result['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps(result), flush=True)
