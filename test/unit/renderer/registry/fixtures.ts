// Contract-shaped values for the Deploy and Serve store tests: models, versions with lineage, audit
// entries, cards, the server's status and its counters. Every field is set, so a test changes only
// what it is about.
import type { AuditEntry, ModelCard, ModelDetail, ModelSummary, ModelVersionDetail, ModelVersionSummary } from '../../../../shared/api/methods/registry.js';
import type { ServingCounters, ServingStatsEvent, ServingStatus } from '../../../../shared/api/methods/serving.js';
import type { PipelineSpec } from '../../../../shared/domain/pipeline-spec.js';

const AT = '2025-03-02T09:00:00.000Z';

/** A model's list entry. */
export function modelSummary(patch: Partial<ModelSummary> = {}): ModelSummary {
  return {
    name: 'churn-model',
    description: '',
    task: 'classification',
    target: 'churned',
    versionCount: 1,
    latestVersion: 1,
    productionVersion: null,
    stagingVersion: null,
    createdAt: AT,
    createdBy: 'ana',
    updatedAt: AT,
    ...patch,
  };
}

/** A version as lists show it. */
export function versionSummary(patch: Partial<ModelVersionSummary> = {}): ModelVersionSummary {
  const version = patch.version ?? 1;
  return {
    id: `mv-${version}`,
    name: 'churn-model',
    version,
    stage: 'none',
    source: 'run',
    runId: `run-${version}`,
    runNumber: version,
    modelKind: 'LogisticRegression',
    task: 'classification',
    target: 'churned',
    metric: 'roc_auc',
    metricValue: 0.85,
    meetsObjective: true,
    createdAt: AT,
    createdBy: 'ana',
    comment: '',
    stageChangedAt: AT,
    stageChangedBy: 'ana',
    hasEditedCard: false,
    ...patch,
  };
}

/** A model with its versions (newest first); production and staging derived from the stages. */
export function modelDetail(versions: ModelVersionSummary[], patch: Partial<ModelDetail> = {}): ModelDetail {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  return {
    ...modelSummary({
      versionCount: versions.length,
      latestVersion: sorted[0]?.version ?? 1,
      productionVersion: sorted.find((v) => v.stage === 'production')?.version ?? null,
      stagingVersion: sorted.find((v) => v.stage === 'staging')?.version ?? null,
    }),
    versions: sorted,
    ...patch,
  };
}

/** A small valid pipeline spec (age standardised, plan one-hot, the target). */
export function spec(patch: Partial<PipelineSpec> = {}): PipelineSpec {
  return {
    version: 1,
    task: 'classification',
    target: 'churned',
    columns: [
      { name: 'age', kind: 'numeric', role: 'feature', steps: [{ op: 'impute', strategy: 'median' }, { op: 'standardScale' }] },
      { name: 'plan', kind: 'categorical', role: 'feature', steps: [{ op: 'oneHot' }] },
      { name: 'churned', kind: 'categorical', role: 'target', steps: [] },
    ],
    model: { id: 'logreg', params: { C: 1 } },
    ...patch,
  };
}

/** A version with its lineage. */
export function versionDetail(patch: Partial<ModelVersionDetail> = {}): ModelVersionDetail {
  const summary = versionSummary(patch);
  return {
    ...summary,
    inputSchema: [
      { name: 'age', kind: 'numeric' },
      { name: 'plan', kind: 'categorical' },
    ],
    classLabels: ['no', 'yes'],
    lineage: {
      source: 'run',
      runId: summary.runId,
      runNumber: summary.runNumber,
      datasetId: 'd1',
      datasetName: 'churn',
      datasetVersionId: 'v1',
      datasetVersionNumber: 1,
      featureSetId: null,
      spec: spec(),
      modelId: 'logreg',
      modelKind: 'LogisticRegression',
      params: { C: 1 },
      seed: 42,
      task: 'classification',
      target: 'churned',
      classLabels: ['no', 'yes'],
      inputSchema: [
        { name: 'age', kind: 'numeric' },
        { name: 'plan', kind: 'categorical' },
      ],
      metric: 'roc_auc',
      metrics: { roc_auc: 0.85, accuracy: 0.8 },
      evaluatedOn: 'validation',
      trainRows: 600,
      evaluatedRows: 200,
      chosenThreshold: null,
      engineVersion: '0.1.0',
      artifactSha256: 'a'.repeat(64),
      artifactBytes: 2048,
      objective: null,
      bundle: null,
    },
    ...patch,
  };
}

/** An audit entry. */
export function auditEntry(patch: Partial<AuditEntry> = {}): AuditEntry {
  return { id: 1, at: AT, author: 'ana', action: 'register', name: 'churn-model', version: 1, fromStage: null, toStage: null, comment: '', details: {}, ...patch };
}

/** A card with two sections. */
export function card(patch: Partial<ModelCard> = {}): ModelCard {
  const section = (id: 'overview' | 'metrics', markdown: string) => ({ id, title: id, markdown, generatedMarkdown: markdown, isEdited: false, editedBy: null, editedAt: null });
  return {
    name: 'churn-model',
    version: 1,
    locale: 'en',
    sections: [section('overview', 'A logistic regression.'), section('metrics', '- ROC AUC 0.85')],
    markdown: '# churn-model\n',
    facts: {
      name: 'churn-model',
      version: 1,
      task: 'classification',
      target: 'churned',
      modelKind: 'LogisticRegression',
      registeredAt: AT,
      registeredBy: 'ana',
      objective: null,
      data: null,
      inputSchema: [],
      classLabels: null,
      metrics: [],
      limits: null,
      fairness: { status: 'noSensitiveColumns', columns: [] },
    },
    ...patch,
  };
}

/** Counters of a running server. */
export function counters(patch: Partial<ServingCounters> = {}): ServingCounters {
  return {
    uptimeSeconds: 10,
    requests: 5,
    predictionRequests: 4,
    errors: 1,
    byStatus: { '200': 4, '400': 1 },
    inFlight: 0,
    rows: 4,
    rejected: { saturated: 0, tooLarge: 0, timedOut: 0, unauthorized: 0 },
    latency: { p50: 0.8, p95: 2.1, p99: 3.4, count: 4, windowSeconds: 60 },
    requestsPerSecond: 0.4,
    models: [{ name: 'churn-model', version: '1', isLoaded: true, requests: 4, rows: 4 }],
    memory: { rssBytes: 1, heapUsedBytes: 1 },
    ...patch,
  };
}

/** A `serving.stats` event. */
export function statsEvent(patch: Partial<ServingStatsEvent> = {}): ServingStatsEvent {
  return {
    state: 'running',
    url: 'http://127.0.0.1:8080',
    counters: counters(),
    log: { enabled: true, queued: 0, written: 4, dropped: 0, storedRequests: 4, storedRows: 4 },
    ...patch,
  };
}

/** The server's status (stopped unless patched). */
export function servingStatus(patch: Partial<ServingStatus> = {}): ServingStatus {
  return {
    state: 'stopped',
    url: null,
    host: null,
    port: null,
    hasApiKey: false,
    startedAt: null,
    links: null,
    models: [],
    counters: null,
    log: { enabled: false, queued: 0, written: 0, dropped: 0, storedRequests: 0, storedRows: 0 },
    lastError: null,
    servedBefore: { sessions: 0, requests: 0, rows: 0 },
    ...patch,
  };
}
