/**
 * The server's counters: requests by route and status, a latency histogram per route (the
 * Prometheus text format of `GET /metrics`, exposition format 0.0.4), rows predicted per model
 * version, in-flight requests, and a fine-grained sliding window of prediction latencies for the
 * live p50/p95/p99 the Serve step shows.
 *
 * Recording a request costs a few array increments; percentiles and the text format are built
 * only when asked (a scrape, or the once-a-second stats message).
 */

/** Upper bounds (seconds) of the Prometheus latency buckets. */
const PROM_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Sliding-window latency buckets: geometric, 2.5% wide, from 10 µs up (so a reported percentile
 * is within 2.5% of the true one), one set per second over the last WINDOW_SECONDS.
 */
const FINE_MIN_MS = 0.01;
const FINE_RATIO = 1.025;
const FINE_BUCKETS = Math.ceil(Math.log(200_000 / FINE_MIN_MS) / Math.log(FINE_RATIO)) + 1;
const WINDOW_SECONDS = 60;
const RATE_SECONDS = 10;

interface RouteHistogram {
  counts: Float64Array;
  sum: number;
  count: number;
}

function fineBucket(ms: number): number {
  if (!(ms > FINE_MIN_MS)) return 0;
  return Math.min(FINE_BUCKETS - 1, Math.ceil(Math.log(ms / FINE_MIN_MS) / Math.log(FINE_RATIO)));
}

/** Upper edge (ms) of a fine bucket. */
function fineUpper(k: number): number {
  return FINE_MIN_MS * FINE_RATIO ** k;
}

/** Escapes a Prometheus label value. */
function label(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** The counters of one server. */
export class ServingMetrics {
  private readonly requests = new Map<string, number>();
  private readonly byStatus = new Map<number, number>();
  private readonly histograms = new Map<string, RouteHistogram>();
  private readonly rows = new Map<string, { name: string; version: string; rows: number; requests: number }>();
  private readonly windowCounts: Int32Array[] = Array.from({ length: WINDOW_SECONDS }, () => new Int32Array(FINE_BUCKETS));
  private readonly windowStamp = new Float64Array(WINDOW_SECONDS).fill(-1);
  private readonly windowTotals = new Int32Array(WINDOW_SECONDS);
  totalRequests = 0;
  predictionRequests = 0;
  errors = 0;
  inFlight = 0;
  rowsPredicted = 0;
  readonly rejected = { saturated: 0, tooLarge: 0, timedOut: 0, unauthorized: 0 };

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Records one answered request. `route` is a template (e.g. `/v2/models/{name}/infer`). */
  recordRequest(route: string, status: number, seconds: number, isPrediction: boolean): void {
    this.totalRequests += 1;
    if (isPrediction) this.predictionRequests += 1;
    if (status >= 400) this.errors += 1;
    const key = `${route}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    let h = this.histograms.get(route);
    if (!h) {
      h = { counts: new Float64Array(PROM_BUCKETS.length), sum: 0, count: 0 };
      this.histograms.set(route, h);
    }
    h.sum += seconds;
    h.count += 1;
    for (let b = 0; b < PROM_BUCKETS.length; b++) {
      if (seconds <= PROM_BUCKETS[b]) {
        h.counts[b] += 1;
        break;
      }
    }
    if (isPrediction && status < 400) this.recordLatencyWindow(seconds * 1000);
  }

  /** Records the rows a model version predicted. */
  recordRows(name: string, version: string, n: number): void {
    this.rowsPredicted += n;
    const key = `${name}\u0000${version}`;
    let r = this.rows.get(key);
    if (!r) {
      r = { name, version, rows: 0, requests: 0 };
      this.rows.set(key, r);
    }
    r.rows += n;
    r.requests += 1;
  }

  /** Rows and requests of one version so far. */
  modelCounts(name: string, version: string): { rows: number; requests: number } {
    const r = this.rows.get(`${name}\u0000${version}`);
    return { rows: r?.rows ?? 0, requests: r?.requests ?? 0 };
  }

  private slot(nowSec: number): number {
    const s = nowSec % WINDOW_SECONDS;
    if (this.windowStamp[s] !== nowSec) {
      this.windowStamp[s] = nowSec;
      this.windowCounts[s].fill(0);
      this.windowTotals[s] = 0;
    }
    return s;
  }

  private recordLatencyWindow(ms: number): void {
    const s = this.slot(Math.floor(this.clock() / 1000));
    this.windowCounts[s][fineBucket(ms)] += 1;
    this.windowTotals[s] += 1;
  }

  /** p50/p95/p99 of successful prediction latencies over the last minute. */
  latencySummary(): { p50: number | null; p95: number | null; p99: number | null; count: number; windowSeconds: number } {
    const nowSec = Math.floor(this.clock() / 1000);
    const merged = new Float64Array(FINE_BUCKETS);
    let count = 0;
    for (let s = 0; s < WINDOW_SECONDS; s++) {
      const stamp = this.windowStamp[s];
      if (stamp < 0 || nowSec - stamp >= WINDOW_SECONDS) continue;
      const c = this.windowCounts[s];
      for (let k = 0; k < FINE_BUCKETS; k++) merged[k] += c[k];
      count += this.windowTotals[s];
    }
    const at = (q: number): number | null => {
      if (count === 0) return null;
      const target = Math.ceil(q * count);
      let seen = 0;
      for (let k = 0; k < FINE_BUCKETS; k++) {
        seen += merged[k];
        if (seen >= target) return Number(fineUpper(k).toPrecision(3));
      }
      return Number(fineUpper(FINE_BUCKETS - 1).toPrecision(3));
    };
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99), count, windowSeconds: WINDOW_SECONDS };
  }

  /** Successful prediction requests per second over the last complete seconds. */
  requestsPerSecond(): number {
    const nowSec = Math.floor(this.clock() / 1000);
    let n = 0;
    for (let s = 0; s < WINDOW_SECONDS; s++) {
      const stamp = this.windowStamp[s];
      if (stamp >= 0 && nowSec - stamp >= 1 && nowSec - stamp <= RATE_SECONDS) n += this.windowTotals[s];
    }
    return n / RATE_SECONDS;
  }

  /** Status code -> count. */
  statusCounts(): Record<string, number> {
    return Object.fromEntries([...this.byStatus].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]));
  }

  /** The Prometheus text exposition of every counter. `extra` lines are appended (log queue, memory). */
  prometheus(extra: { name: string; help: string; type: 'counter' | 'gauge'; value: number }[] = []): string {
    const out: string[] = [];
    out.push('# HELP ciclo_serving_requests_total Requests answered, by route template and status code.');
    out.push('# TYPE ciclo_serving_requests_total counter');
    for (const [key, n] of [...this.requests].sort()) {
      const [route, code] = key.split('\u0000');
      out.push(`ciclo_serving_requests_total{route="${label(route)}",code="${code}"} ${n}`);
    }
    out.push('# HELP ciclo_serving_errors_total Responses with a status of 400 or more, by status code.');
    out.push('# TYPE ciclo_serving_errors_total counter');
    for (const [code, n] of [...this.byStatus].sort((a, b) => a[0] - b[0])) {
      if (code >= 400) out.push(`ciclo_serving_errors_total{code="${code}"} ${n}`);
    }
    out.push('# HELP ciclo_serving_rejected_total Requests turned away before prediction, by reason.');
    out.push('# TYPE ciclo_serving_rejected_total counter');
    for (const [reason, n] of Object.entries(this.rejected)) out.push(`ciclo_serving_rejected_total{reason="${reason}"} ${n}`);
    out.push('# HELP ciclo_serving_request_duration_seconds Time from request arrival to response, by route template.');
    out.push('# TYPE ciclo_serving_request_duration_seconds histogram');
    for (const [route, h] of [...this.histograms].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      let cumulative = 0;
      for (let b = 0; b < PROM_BUCKETS.length; b++) {
        cumulative += h.counts[b];
        out.push(`ciclo_serving_request_duration_seconds_bucket{route="${label(route)}",le="${PROM_BUCKETS[b]}"} ${cumulative}`);
      }
      out.push(`ciclo_serving_request_duration_seconds_bucket{route="${label(route)}",le="+Inf"} ${h.count}`);
      out.push(`ciclo_serving_request_duration_seconds_sum{route="${label(route)}"} ${h.sum}`);
      out.push(`ciclo_serving_request_duration_seconds_count{route="${label(route)}"} ${h.count}`);
    }
    out.push('# HELP ciclo_serving_in_flight_requests Requests being handled now.');
    out.push('# TYPE ciclo_serving_in_flight_requests gauge');
    out.push(`ciclo_serving_in_flight_requests ${this.inFlight}`);
    out.push('# HELP ciclo_serving_rows_predicted_total Rows predicted, by model and version.');
    out.push('# TYPE ciclo_serving_rows_predicted_total counter');
    for (const r of this.rows.values()) out.push(`ciclo_serving_rows_predicted_total{model="${label(r.name)}",version="${label(r.version)}"} ${r.rows}`);
    out.push('# HELP ciclo_serving_prediction_requests_total Successful prediction requests, by model and version.');
    out.push('# TYPE ciclo_serving_prediction_requests_total counter');
    for (const r of this.rows.values()) out.push(`ciclo_serving_prediction_requests_total{model="${label(r.name)}",version="${label(r.version)}"} ${r.requests}`);
    for (const e of extra) {
      out.push(`# HELP ${e.name} ${e.help}`);
      out.push(`# TYPE ${e.name} ${e.type}`);
      out.push(`${e.name} ${e.value}`);
    }
    return `${out.join('\n')}\n`;
  }
}
