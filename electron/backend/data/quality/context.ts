/**
 * What every detector of the quality report reads: the table, its column statistics, the
 * options, the task and target, the feature columns, and a helper to build findings.
 */
import type {
  CheckOptions,
  Finding,
  FindingKind,
  MessageParams,
  RemedyKind,
  Severity,
} from '../../../../shared/domain/dataset.js';
import type { TaskType } from '../../../../shared/domain/metrics.js';
import type { TableStats } from '../stats.js';
import type { ClassCodes, DataColumn, DataTable } from '../table.js';

/** The shared inputs of the detectors. */
export interface CheckContext {
  table: DataTable;
  stats: TableStats;
  options: CheckOptions;
  task: TaskType | null;
  target: DataColumn | null;
  /** Classification only: the target as class codes. */
  classes: ClassCodes | null;
  /** Columns that are neither the target nor ignored. */
  features: DataColumn[];
}

/** Evidence values: numbers, labels, or lists of them. */
export type EvidenceValues = Record<string, number | string | null | (number | string)[]>;

/** Up to `max` row positions where `test` holds, in order. */
export function exampleRows(n: number, test: (i: number) => boolean, max = 10): number[] {
  const out: number[] = [];
  for (let i = 0; i < n && out.length < max; i++) if (test(i)) out.push(i);
  return out;
}

/** Rounds to 4 significant digits for evidence and messages. */
export function round4(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const p = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
  return Math.round(v * p) / p;
}

/** Builds a finding with the standard id, message key and params. */
export function makeFinding(
  ctx: { table: DataTable },
  kind: FindingKind,
  severity: Severity,
  columns: string[],
  rowCount: number,
  examples: readonly number[],
  values: EvidenceValues,
  remedies: RemedyKind[],
  params: MessageParams = {},
): Finding {
  const n = ctx.table.nRows;
  const share = n > 0 ? rowCount / n : 0;
  return {
    id: `${kind}:${columns.join(',')}`,
    kind,
    severity,
    messageKey: `data.finding.${kind}`,
    params: { column: columns[0] ?? '', columns: columns.join(', '), rows: rowCount, percent: round4(share * 100), ...params },
    evidence: { columns, rowCount, rowShare: Math.min(1, share), exampleRows: examples.slice(0, 10), values },
    remedies,
  };
}
