import { describe, expect, it } from 'vitest';
import { ServingMetrics } from '../../../../../electron/backend/serving/metrics.js';

describe('ServingMetrics', () => {
  it('writes requests, errors and the latency histogram in Prometheus text format', () => {
    const m = new ServingMetrics(() => 0);
    m.recordRequest('/invocations', 200, 0.003, true);
    m.recordRequest('/invocations', 200, 0.02, true);
    m.recordRequest('/invocations', 400, 0.001, true);
    m.recordRequest('/ping', 200, 0.0001, false);
    m.recordRows('churn', '3', 10);

    const text = m.prometheus([{ name: 'ciclo_serving_ready', help: 'Ready.', type: 'gauge', value: 1 }]);

    expect(text).toContain('# TYPE ciclo_serving_requests_total counter');
    expect(text).toContain('ciclo_serving_requests_total{route="/invocations",code="200"} 2');
    expect(text).toContain('ciclo_serving_requests_total{route="/invocations",code="400"} 1');
    expect(text).toContain('ciclo_serving_errors_total{code="400"} 1');
    expect(text).toContain('ciclo_serving_request_duration_seconds_bucket{route="/invocations",le="0.005"} 2');
    expect(text).toContain('ciclo_serving_request_duration_seconds_bucket{route="/invocations",le="+Inf"} 3');
    expect(text).toContain('ciclo_serving_request_duration_seconds_count{route="/ping"} 1');
    expect(text).toContain('ciclo_serving_rows_predicted_total{model="churn",version="3"} 10');
    expect(text).toContain('ciclo_serving_ready 1');
    expect(text.endsWith('\n')).toBe(true);
    // Every sample line is `name{labels} value` or `name value`.
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$/);
  });

  it('escapes label values', () => {
    const m = new ServingMetrics(() => 0);
    m.recordRows('a"b\\c', '1', 1);

    expect(m.prometheus()).toContain('model="a\\"b\\\\c"');
  });

  it('gives latency percentiles within 2.5% over the last minute, and forgets older seconds', () => {
    let now = 1_000_000;
    const m = new ServingMetrics(() => now);
    for (let i = 1; i <= 100; i++) m.recordRequest('/invocations', 200, i / 1000, true);
    m.recordRequest('/invocations', 500, 5, true); // failures are not in the latency window

    const s = m.latencySummary();

    expect(s.count).toBe(100);
    expect(s.p50).toBeGreaterThanOrEqual(50);
    expect(s.p50).toBeLessThanOrEqual(50 * 1.026);
    expect(s.p99).toBeGreaterThanOrEqual(99);
    expect(s.p99).toBeLessThanOrEqual(99 * 1.026);
    now += 61_000;
    expect(m.latencySummary()).toMatchObject({ count: 0, p50: null, p99: null });
  });

  it('reports successful prediction requests per second over the last ten seconds', () => {
    let now = 0;
    const m = new ServingMetrics(() => now);
    for (let s = 0; s < 10; s++) {
      now = s * 1000 + 500;
      for (let k = 0; k < 20; k++) m.recordRequest('/invocations', 200, 0.001, true);
    }
    now = 10_500;

    expect(m.requestsPerSecond()).toBe(20);
  });
});
