#!/usr/bin/python3
"""Reference server for `npm run bench:serve`: scikit-learn's HistGradientBoostingClassifier
behind Python's standard-library http.server, answering MLflow-style scoring requests.

    /usr/bin/python3 bench/py/serve_sklearn.py CSV [--port N] [--train-fraction 0.8]

Trains on the first 80% of the CSV's rows (every column but the last is a feature, the last is
the label), with the same settings as Ciclo's benchmark model: 100 iterations, early stopping
off, other parameters at their defaults. Then it serves

    POST /invocations   {"dataframe_split": {"columns": [...], "data": [[...], ...]}}
                     -> {"predictions": [...]}
    GET  /ping          200

on 127.0.0.1 with HTTP/1.1 keep-alive and one thread per connection (ThreadingHTTPServer), and
prints "READY <port>" on stdout once it listens. It is a minimal, honest baseline: no input
checks beyond what pandas and scikit-learn do themselves.
"""
import argparse
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--train-fraction", type=float, default=0.8)
    args = parser.parse_args()

    frame = pd.read_csv(args.csv)
    n_train = int(len(frame) * args.train_fraction)
    features = list(frame.columns[:-1])
    X = frame[features].to_numpy(dtype=np.float64)
    y = frame[frame.columns[-1]].to_numpy()
    started = time.perf_counter()
    model = HistGradientBoostingClassifier(max_iter=100, early_stopping=False)
    model.fit(X[:n_train], y[:n_train])
    fit_seconds = time.perf_counter() - started

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):  # keep stdout for the READY line
            pass

        def reply(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/ping":
                self.reply(200, b"\n", "text/plain")
            else:
                self.reply(404, b'{"error": "not found"}')

        def do_POST(self):
            if self.path != "/invocations":
                self.reply(404, b'{"error": "not found"}')
                return
            try:
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length))
                split = payload["dataframe_split"]
                rows = pd.DataFrame(split["data"], columns=split["columns"])[features]
                predicted = model.predict(rows.to_numpy(dtype=np.float64))
                body = json.dumps({"predictions": [p.item() for p in predicted]}).encode()
                self.reply(200, body)
            except Exception as err:  # a baseline: report, never crash
                self.reply(400, json.dumps({"error_code": "BAD_REQUEST", "message": str(err)}).encode())

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"READY {server.server_address[1]} fit_seconds={fit_seconds:.2f} train_rows={n_train}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
