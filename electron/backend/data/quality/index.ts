/**
 * The quality report: one detector per problem the lifecycle names, each finding with a stable
 * `kind`, a severity, evidence, a message key for a plain-language explanation and the remedies
 * that apply. Run it in a worker on large tables; pass the statistics from `computeTableStats`
 * when the profile was computed too, and a reference table to compare distributions against.
 */
import type { CheckOptions, Finding, FindingKind, QualityReport, Severity } from '../../../../shared/domain/dataset.js';
import { FINDING_KINDS } from '../../../../shared/domain/dataset.js';
import { throwIfCancelled } from '../errors.js';
import { inferTask, type WorkHooks } from '../profile.js';
import { computeTableStats, type CodeStats, type NumberStats, type TableStats } from '../stats.js';
import { classCodes, getColumn, type DataTable } from '../table.js';
import { detectReferenceDrift, detectUnderrepresentedGroups } from './bias.js';
import { detectColumnShape, detectMissing } from './columns.js';
import type { CheckContext } from './context.js';
import { detectDuplicates } from './duplicates.js';
import { detectLabelConflicts } from './labels.js';
import { detectFutureTimestamps, detectTargetLeakage } from './leakage.js';
import { detectOutliers } from './outliers.js';
import { detectClassBalance } from './target.js';
import { detectStaleness } from './time.js';

export { findSuspectLabels, type SuspectLabel, type SuspectLabels } from './labels.js';

/** Extra inputs of a check that are not JSON options. */
export interface CheckInputs {
  /** Statistics computed for the profile (saves recomputing them). */
  stats?: TableStats;
  /** A second dataset to compare distributions against. */
  reference?: DataTable;
  hooks?: WorkHooks;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const KIND_RANK = new Map<FindingKind, number>(FINDING_KINDS.map((k, i) => [k, i]));

/** Orders findings: most severe first, then by kind, then by id. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (KIND_RANK.get(a.kind) ?? 0) - (KIND_RANK.get(b.kind) ?? 0) ||
      a.id.localeCompare(b.id),
  );
}

/** Runs every detector over the table. */
export function checkQuality(table: DataTable, options: CheckOptions = {}, inputs: CheckInputs = {}): QualityReport {
  const hooks = inputs.hooks ?? {};
  const stats = inputs.stats ?? computeTableStats(table, (done, total) => {
    throwIfCancelled(hooks.signal);
    hooks.onProgress?.(0.5 * (done / total));
  });
  const target = options.target === undefined ? null : getColumn(table, options.target);
  const ignored = new Set(options.ignored ?? []);
  for (const name of [...ignored, ...(options.groupColumns ?? []), ...(options.eventTimeColumn ? [options.eventTimeColumn] : [])]) {
    getColumn(table, name);
  }
  const task = target ? (options.task ?? inferTask(target, stats.get(target.name) as NumberStats | CodeStats)) : null;
  const ctx: CheckContext = {
    table,
    stats,
    options,
    task,
    target,
    classes: target && task === 'classification' ? classCodes(target) : null,
    features: table.columns.filter((c) => c !== target && !ignored.has(c.name) && c.name !== options.eventTimeColumn),
  };
  const detectors: ((c: CheckContext) => Finding[])[] = [
    detectMissing,
    detectColumnShape,
    detectOutliers,
    detectClassBalance,
    detectDuplicates,
    detectLabelConflicts,
    detectTargetLeakage,
    detectFutureTimestamps,
    detectStaleness,
    detectUnderrepresentedGroups,
  ];
  const findings: Finding[] = [];
  detectors.forEach((detect, k) => {
    throwIfCancelled(hooks.signal);
    findings.push(...detect(ctx));
    hooks.onProgress?.(0.5 + (0.5 * (k + 1)) / (detectors.length + 1));
  });
  if (inputs.reference) findings.push(...detectReferenceDrift(ctx, inputs.reference));
  hooks.onProgress?.(1);
  sortFindings(findings);
  const counts = { info: 0, warning: 0, critical: 0 };
  for (const f of findings) counts[f.severity]++;
  return { rows: table.nRows, columns: table.columns.length, task, findings, counts };
}
