"""pandas.read_csv reference for `npm run bench:data`: reads one CSV with the defaults and prints
JSON {seconds, rss_mb, rows, cols} (peak RSS of this process)."""
import json
import resource
import sys
import time

import pandas as pd

path = sys.argv[1]
start = time.perf_counter()
frame = pd.read_csv(path)
seconds = time.perf_counter() - start
print(json.dumps({
    "seconds": seconds,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rows": int(frame.shape[0]),
    "cols": int(frame.shape[1]),
}))
