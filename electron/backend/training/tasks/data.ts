/**
 * The data side of training work, inside a worker thread: a dataset version (with its partition)
 * loaded through the worker's own connection, turned into the engine's Frame, the target read as
 * class labels or values, and the rows of each part.
 *
 * A boolean target is read as the two labels it was written with (`yes`/`no`), not as 0/1, so class
 * names and the objective's positive class are the user's words.
 */
import { AppError } from '../../../../shared/errors.js';
import type { PipelineSpec } from '../../../../shared/domain/pipeline-spec.js';
import type { Frame, FrameColumn } from '../../../ml/core/frame.js';
import { openChunkConnection } from '../../storage/repos/chunks.js';
import type { VersionManifest } from '../../storage/repos/datasets.js';
import { loadAssignment, loadTable } from '../../versions/chunk-io.js';
import { getColumn, isNumberColumn, missingCount, tableToFrame, type DataTable } from '../../data/table.js';
import type { ColumnCounts, SchemaColumn } from '../specs.js';
import { throwIfCancelled } from '../../data/errors.js';

/** Where the project is (a worker opens its own connection). */
export interface ProjectRef {
  projectPath: string;
  nativeBinding?: string;
}

/** What every piece of training work receives besides its input. */
export interface WorkHooks {
  signal: AbortSignal;
  progress(fraction: number, phaseKey: string, phaseParams?: Record<string, string | number>): void;
}

/** A loaded version: the table and the part of each row (0 train, 1 validation, 2 test), or null. */
export interface LoadedVersion {
  table: DataTable;
  assignment: Uint8Array | null;
}

/** Reads a version's table and partition through a connection of its own (closed before returning). */
export function loadVersion(ref: ProjectRef, manifest: VersionManifest, hooks: WorkHooks, upTo: number): LoadedVersion {
  const db = openChunkConnection(ref.projectPath, ref.nativeBinding);
  try {
    const table = loadTable(db, manifest, { signal: hooks.signal, onProgress: (f) => hooks.progress(upTo * f, 'jobs.phase.training.loading') });
    const assignment = loadAssignment(db, manifest, hooks.signal);
    throwIfCancelled(hooks.signal);
    return { table, assignment };
  } finally {
    db.close();
  }
}

/** The columns a spec reads (features and the target), in the spec's order. */
export function specColumns(spec: PipelineSpec): string[] {
  return spec.columns.filter((c) => c.role === 'feature' || c.role === 'target').map((c) => c.name);
}

/**
 * The Frame the pipeline fits on: the spec's feature columns and its target. A boolean target
 * becomes a categorical column of its two labels.
 */
export function frameForSpec(table: DataTable, spec: PipelineSpec): Frame {
  const frame = tableToFrame(table, specColumns(spec));
  const target = targetColumn(table, spec.target);
  return { nRows: frame.nRows, columns: frame.columns.map((c) => (c.name === spec.target ? target : c)) };
}

/** The target column as the pipeline reads it: a boolean becomes a categorical column of its two labels. */
export function targetColumn(table: DataTable, name: string): FrameColumn {
  const t = getColumn(table, name);
  if (isNumberColumn(t) && t.type === 'boolean') {
    const labels = t.labels ?? ['false', 'true'];
    const codes = Int32Array.from(t.values, (v) => (Number.isNaN(v) ? -1 : v === 0 ? 0 : 1));
    return { kind: 'categorical', name: t.name, codes, levels: [labels[0], labels[1]] };
  }
  return tableToFrame(table, [name]).columns[0];
}

/** The target as label strings (classification; null = missing), the way the pipeline names classes. */
export function targetLabels(frame: Frame, target: string): (string | null)[] {
  const c = frame.columns.find((x) => x.name === target);
  if (!c) throw new AppError('INVALID_ARGUMENT', `The target column "${target}" is missing.`, { messageKey: 'errors.training.specMismatch', params: { column: target }, details: { field: 'target' } });
  switch (c.kind) {
    case 'categorical':
      return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
    case 'text':
      return [...c.values];
    case 'numeric':
      return Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)));
    case 'datetime':
      throw new AppError('INVALID_ARGUMENT', `The target column "${target}" holds dates; choose another target.`, {
        messageKey: 'errors.training.targetNotUsable',
        params: { column: target },
        details: { field: 'target' },
      });
  }
}

/** The target as numbers (regression; NaN = missing). */
export function targetValues(frame: Frame, target: string): Float64Array {
  const c = frame.columns.find((x) => x.name === target);
  if (!c || c.kind !== 'numeric') {
    throw new AppError('INVALID_ARGUMENT', `The target column "${target}" is not numeric; regression needs numbers.`, {
      messageKey: 'errors.training.targetNotUsable',
      params: { column: target },
      details: { field: 'target' },
    });
  }
  return c.values;
}

/** Row positions of a part (0 train, 1 validation, 2 test); every row is "train" without a partition. */
export function partRows(assignment: Uint8Array | null, nRows: number, part: 0 | 1 | 2): Int32Array {
  if (!assignment) return part === 0 ? Int32Array.from({ length: nRows }, (_, i) => i) : new Int32Array(0);
  let count = 0;
  for (let i = 0; i < nRows; i++) if (assignment[i] === part) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < nRows; i++) if (assignment[i] === part) out[k++] = i;
  return out;
}

/**
 * Refuses rows whose target is missing among `rows` (the engine cannot learn from or score them):
 * INVALID_ARGUMENT `errors.training.targetMissing` with the count, so the user fixes it in the Data step.
 */
export function checkTargetPresent(frame: Frame, target: string, rows: Int32Array, task: 'classification' | 'regression'): void {
  let missing = 0;
  if (task === 'regression') {
    const v = targetValues(frame, target);
    for (const i of rows) if (!Number.isFinite(v[i])) missing++;
  } else {
    const labels = targetLabels(frame, target);
    for (const i of rows) if (labels[i] === null) missing++;
  }
  if (missing > 0) {
    throw new AppError('INVALID_ARGUMENT', `The target "${target}" is missing in ${missing} rows; remove or fill them in the Data step first.`, {
      messageKey: 'errors.training.targetMissing',
      params: { column: target, count: missing },
      details: { field: 'target' },
    });
  }
}

/** The schema a manifest records (names, types, roles). */
export function schemaOfManifest(manifest: VersionManifest): SchemaColumn[] {
  return manifest.columns.map((c) => ({ name: c.name, type: c.type, role: c.role }));
}

/** Exact distinct and missing counts of every column of a table (one pass per column). */
export function tableCounts(table: DataTable): (name: string) => ColumnCounts | undefined {
  const cache = new Map<string, ColumnCounts>();
  return (name) => {
    const hit = cache.get(name);
    if (hit) return hit;
    const c = table.columns.find((x) => x.name === name);
    if (!c) return undefined;
    let distinct: number;
    if (isNumberColumn(c)) {
      const seen = new Set<number>();
      for (const v of c.values) if (v === v) seen.add(v);
      distinct = seen.size;
    } else {
      const used = new Uint8Array(c.levels.length);
      distinct = 0;
      for (const k of c.codes) {
        if (k >= 0 && used[k] === 0) {
          used[k] = 1;
          distinct++;
        }
      }
    }
    const counts = { distinct, missing: missingCount(c), rows: table.nRows };
    cache.set(name, counts);
    return counts;
  };
}
