"""imbalanced-learn SMOTE reference for `npm run bench:data`: loads a make-data classification CSV
(features f0..f19, target `label`), optionally makes it imbalanced the same way bench/data.ts
does (keep every label-0 row and label-1 rows whose 0-based row index is a multiple of 10), and
times SMOTE(k_neighbors=5, random_state=0).fit_resample. Prints JSON {seconds, rows, counts}."""
import json
import sys
import time
from collections import Counter

import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE

path, variant = sys.argv[1], sys.argv[2]
frame = pd.read_csv(path)
y = frame["label"].to_numpy()
X = frame.drop(columns=["label"]).to_numpy(dtype=np.float64)
if variant == "imbalanced":
    keep = (y == 0) | (np.arange(len(y)) % 10 == 0)
    X, y = X[keep], y[keep]
start = time.perf_counter()
_, y_res = SMOTE(k_neighbors=5, random_state=0).fit_resample(X, y)
seconds = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds,
    "rows": int(len(y)),
    "counts": {str(k): int(v) for k, v in sorted(Counter(y_res.tolist()).items())},
}))
