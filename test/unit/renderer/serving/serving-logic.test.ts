// The Serve step's rules: the model picker (production first), the API-key rule beyond loopback,
// what `serving.start` receives, the curl example with the key, the counters reducer over
// `serving.stats` events, and batch prediction paths.
import { describe, expect, it } from 'vitest';
import {
  applyStats,
  batchProblems,
  defaultOutputPath,
  defaultServeForm,
  emptyLive,
  errorShare,
  exampleWithKey,
  formatLatency,
  generateApiKey,
  isFirstPrediction,
  isLoopbackHost,
  liveFromStatus,
  needsApiKey,
  predictionsFirst,
  RATE_POINTS,
  reconcileForm,
  serveChoices,
  serveProblems,
  startArgs,
} from '../../../../renderer/stores/serving-logic.js';
import { counters, modelSummary, servingStatus, statsEvent } from '../registry/fixtures.js';

describe('the start form', () => {
  const models = [
    modelSummary({ name: 'zeta', productionVersion: null, stagingVersion: null, latestVersion: 2 }),
    modelSummary({ name: 'churn', productionVersion: 3, stagingVersion: 4, latestVersion: 4 }),
  ];

  it('offers production versions first, then staging, then the newest of models without either', () => {
    expect(serveChoices(models).map((c) => c.ref)).toEqual(['churn@production', 'churn@staging', 'zeta']);
    expect(defaultServeForm(serveChoices(models))).toEqual({ ref: 'churn@production', host: '127.0.0.1', port: '8080', apiKey: '', logPredictions: true });
  });

  it('keeps the chosen model while it is offered, else falls back to the default', () => {
    const choices = serveChoices(models);
    const form = { ...defaultServeForm(choices), ref: 'zeta' };
    expect(reconcileForm(form, choices).ref).toBe('zeta');
    expect(reconcileForm({ ...form, ref: 'gone@production' }, choices).ref).toBe('churn@production');
  });

  it('needs an API key beyond loopback, and only there', () => {
    expect(['127.0.0.1', '::1', 'localhost', ' LOCALHOST '].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    const form = defaultServeForm(serveChoices(models));
    expect(needsApiKey(form)).toBe(false);
    expect(serveProblems(form)).toEqual({});
    const open = { ...form, host: '0.0.0.0' };
    expect(needsApiKey(open)).toBe(true);
    expect(serveProblems(open)).toEqual({ apiKey: { key: 'serve.form.error.keyRequired' } });
    expect(serveProblems({ ...open, apiKey: 'short' })).toEqual({ apiKey: { key: 'serve.form.error.keyShort', params: { min: 16 } } });
    expect(serveProblems({ ...open, apiKey: 'has a space in it ok' })).toEqual({ apiKey: { key: 'serve.form.error.keySpaces' } });
    expect(serveProblems({ ...open, apiKey: 'x'.repeat(16) })).toEqual({});
  });

  it('refuses a URL for a host and ports outside 0..65535', () => {
    const form = defaultServeForm(serveChoices(models));
    expect(serveProblems({ ...form, host: 'http://127.0.0.1' }).host?.key).toBe('serve.form.error.hostShape');
    expect(serveProblems({ ...form, port: '70000' }).port?.key).toBe('serve.form.error.port');
    expect(serveProblems({ ...form, port: '80.5' }).port?.key).toBe('serve.form.error.port');
    expect(serveProblems({ ...form, port: '0' }).port).toBeUndefined();
  });

  it('sends the reference, the trimmed host, the port as a number, and the key only when typed', () => {
    const form = { ref: 'churn@production', host: ' 127.0.0.1 ', port: '9000', apiKey: '', logPredictions: false };
    expect(startArgs(form)).toEqual({ models: ['churn@production'], host: '127.0.0.1', port: 9000, logPredictions: false });
    expect(startArgs({ ...form, apiKey: 'k'.repeat(20) }).apiKey).toBe('k'.repeat(20));
  });

  it('generates 32-character URL-safe keys from the random bytes it is given', () => {
    const zeros = generateApiKey((n) => new Uint8Array(n));
    expect(zeros).toBe('A'.repeat(32));
    const key = generateApiKey((n) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256));
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(serveProblems({ ref: 'm', host: '0.0.0.0', port: '1', apiKey: key, logPredictions: true })).toEqual({});
  });
});

describe('the curl example', () => {
  const example = "curl -s http://127.0.0.1:8080/invocations -H 'Content-Type: application/json' -d '{}'";

  it('is left alone without a key', () => {
    expect(exampleWithKey(example, false, '')).toBe(example);
  });

  it('carries the key typed in this window, or a visible placeholder', () => {
    expect(exampleWithKey(example, true, 'secret-key-123456')).toBe(`curl -H 'Authorization: Bearer secret-key-123456' -s http://127.0.0.1:8080/invocations -H 'Content-Type: application/json' -d '{}'`);
    expect(exampleWithKey(example, true, '')).toContain('Bearer YOUR_API_KEY');
    const withHeader = "curl -s URL -H 'Authorization: Bearer $CICLO_API_KEY' -d '{}'";
    expect(exampleWithKey(withHeader, true, 'abc')).toBe("curl -s URL -H 'Authorization: Bearer abc' -d '{}'");
  });
});

describe('live counters from serving.stats', () => {
  it('shows each newer report and keeps a trend of the rate', () => {
    // Arrange
    let live = applyStats(emptyLive(), statsEvent({ counters: counters({ uptimeSeconds: 1, requests: 1, requestsPerSecond: 0.1 }) }));
    // Act
    live = applyStats(live, statsEvent({ counters: counters({ uptimeSeconds: 2, requests: 9, predictionRequests: 8, requestsPerSecond: 0.9 }) }));
    // Assert
    expect(live.state).toBe('running');
    expect(live.session).toBe(1);
    expect(live.counters?.predictionRequests).toBe(8);
    expect(live.rates).toEqual([0.1, 0.9]);
  });

  it('ignores a report older than the one shown, so counters never move backwards', () => {
    const newer = applyStats(emptyLive(), statsEvent({ counters: counters({ uptimeSeconds: 5, requests: 50 }) }));
    const after = applyStats(newer, statsEvent({ counters: counters({ uptimeSeconds: 4, requests: 40 }) }));
    expect(after).toBe(newer);
    const repeated = applyStats(newer, statsEvent({ counters: counters({ uptimeSeconds: 5, requests: 50 }) }));
    expect(repeated.rates).toEqual(newer.rates);
  });

  it('keeps the last counters when the server stops, and starts a new session when one starts again', () => {
    let live = applyStats(emptyLive(), statsEvent({ counters: counters({ uptimeSeconds: 30, requests: 300 }) }));
    live = applyStats(live, statsEvent({ state: 'stopped', url: null, counters: null }));
    expect(live.state).toBe('stopped');
    expect(live.counters?.requests).toBe(300);
    live = applyStats(live, statsEvent({ counters: counters({ uptimeSeconds: 1, requests: 2, requestsPerSecond: 2 }) }));
    expect(live.session).toBe(2);
    expect(live.counters?.requests).toBe(2);
    expect(live.rates).toEqual([2]);
  });

  it('treats a server on another address, or one whose uptime went back, as a new session', () => {
    const first = applyStats(emptyLive(), statsEvent({ counters: counters({ uptimeSeconds: 50, requests: 10 }) }));
    expect(applyStats(first, statsEvent({ url: 'http://127.0.0.1:9000', counters: counters({ uptimeSeconds: 60, requests: 1 }) })).session).toBe(2);
    expect(applyStats(first, statsEvent({ counters: counters({ uptimeSeconds: 2, requests: 1 }) })).session).toBe(2);
  });

  it('keeps at most a minute of rate points', () => {
    let live = emptyLive();
    for (let i = 1; i <= RATE_POINTS + 15; i++) live = applyStats(live, statsEvent({ counters: counters({ uptimeSeconds: i, requests: i, requestsPerSecond: i }) }));
    expect(live.rates).toHaveLength(RATE_POINTS);
    expect(live.rates[RATE_POINTS - 1]).toBe(RATE_POINTS + 15);
  });

  it('reads a status answer the same way as an event', () => {
    const running = servingStatus({ state: 'running', url: 'http://127.0.0.1:8080', counters: counters({ requests: 7 }) });
    expect(liveFromStatus(running).counters?.requests).toBe(7);
    expect(liveFromStatus(servingStatus()).state).toBe('stopped');
  });

  it('notices the first answered prediction of a session, once', () => {
    const idle = applyStats(emptyLive(), statsEvent({ counters: counters({ uptimeSeconds: 1, requests: 1, predictionRequests: 0 }) }));
    const first = applyStats(idle, statsEvent({ counters: counters({ uptimeSeconds: 2, requests: 2, predictionRequests: 1 }) }));
    const second = applyStats(first, statsEvent({ counters: counters({ uptimeSeconds: 3, requests: 3, predictionRequests: 2 }) }));
    expect(isFirstPrediction(idle, first)).toBe(true);
    expect(isFirstPrediction(first, second)).toBe(false);
    expect(isFirstPrediction(emptyLive(), idle)).toBe(false);
  });

  it('gives the share of errors and readable latencies', () => {
    expect(errorShare(counters({ requests: 8, errors: 2 }))).toBe(0.25);
    expect(errorShare(counters({ requests: 0, errors: 0 }))).toBeNull();
    expect(formatLatency(0.4234, 'en')).toBe('0.42 ms');
    expect(formatLatency(3.14, 'en')).toBe('3.1 ms');
    expect(formatLatency(120.4, 'en')).toBe('120 ms');
    expect(formatLatency(1500, 'es')).toBe('1,5 s');
    expect(formatLatency(null, 'en')).toBe('—');
  });
});

describe('batch prediction paths', () => {
  it('previews the predictions first, then the inputs as written', () => {
    expect(predictionsFirst(['id', 'age', 'prediction', 'proba_no', 'proba_yes'])).toEqual([2, 3, 4, 0, 1]);
    expect(predictionsFirst(['a', 'b'])).toEqual([0, 1]);
  });

  it('writes next to the input by default and refuses to overwrite the input', () => {
    expect(defaultOutputPath('/data/new customers.csv')).toBe('/data/new customers.predictions.csv');
    expect(defaultOutputPath('C:\\d\\x')).toBe('C:\\d\\x.predictions.csv');
    const form = { ref: 'churn@production', inputPath: '/d/a.csv', outputPath: '', probabilities: false, overwrite: false };
    expect(batchProblems(form)).toEqual({});
    expect(batchProblems({ ...form, inputPath: ' ' })).toEqual({ inputPath: 'serve.batch.error.input' });
    expect(batchProblems({ ...form, outputPath: '/d/a.csv' })).toEqual({ outputPath: 'serve.batch.error.sameFile' });
  });
});
