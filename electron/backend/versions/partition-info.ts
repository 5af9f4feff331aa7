/**
 * What a version stores about its partition besides the per-row part codes: the summary the UI
 * shows (spec, counts, class balance per part, groups, time ranges) and the count of each part in
 * every chunk of the part-code stream, so a page of one part's rows is found by reading one or
 * two chunks instead of scanning every row.
 *
 * A remedy keeps each surviving row in its part (rows are matched by their stable id) and puts
 * synthetic rows in training; the summary is then recomputed on the new table.
 */
import { PartitionSummarySchema, type PartitionSpec, type PartitionSummary } from '../../../shared/domain/dataset.js';
import { z } from 'zod';
import { CHUNK_ROWS } from '../data/chunks.js';
import { classBalance } from '../data/partition.js';
import { groupRows } from '../data/row-groups.js';
import { findColumn, isNumberColumn, type DataTable } from '../data/table.js';

/** Stored as `dataset_versions.partition_json`. */
export const PartitionInfoSchema = z.object({
  summary: PartitionSummarySchema,
  /** [train, validation, test] rows in each chunk of the part-code stream. */
  chunkCounts: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
});
/** Stored partition facts. */
export type PartitionInfo = z.infer<typeof PartitionInfoSchema>;

/** Rows of each part in every chunk. */
export function chunkPartCounts(assignment: Uint8Array, rowsPerChunk = CHUNK_ROWS): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let start = 0; start < assignment.length; start += rowsPerChunk) {
    const c: [number, number, number] = [0, 0, 0];
    const end = Math.min(assignment.length, start + rowsPerChunk);
    for (let i = start; i < end; i++) c[assignment[i]]++;
    out.push(c);
  }
  return out;
}

/**
 * The parts of a derived table: rows whose id was in the parent keep its part, new (synthetic)
 * rows go to training.
 */
export function carryAssignment(parentIds: Int32Array, parentParts: Uint8Array, childIds: Int32Array): Uint8Array {
  let maxId = -1;
  for (let i = 0; i < parentIds.length; i++) if (parentIds[i] > maxId) maxId = parentIds[i];
  // 255 = not in the parent; ids are dense small integers, so a flat lookup beats a Map.
  const partOf = new Uint8Array(maxId + 1).fill(255);
  for (let i = 0; i < parentIds.length; i++) partOf[parentIds[i]] = parentParts[i];
  const out = new Uint8Array(childIds.length);
  for (let i = 0; i < childIds.length; i++) {
    const id = childIds[i];
    const p = id >= 0 && id <= maxId ? partOf[id] : 255;
    out[i] = p === 255 ? 0 : p;
  }
  return out;
}

/** The summary of an assignment of `table`'s rows under `spec` (columns the table lost are skipped). */
export function summarizeAssignment(table: DataTable, assignment: Uint8Array, spec: PartitionSpec): PartitionSummary {
  const counts = { train: 0, validation: 0, test: 0 };
  const names = ['train', 'validation', 'test'] as const;
  for (let i = 0; i < assignment.length; i++) counts[names[assignment[i]]]++;
  const target = spec.target ?? (spec.method === 'stratified' ? spec.column : undefined);
  const balance = target && findColumn(table, target) ? classBalance(table, target, assignment) : null;
  let groups: PartitionSummary['groups'] = null;
  let timeRanges: PartitionSummary['timeRanges'] = null;
  const col = spec.column ? findColumn(table, spec.column) : undefined;
  if (spec.method === 'grouped' && col) {
    const g = groupRows([col], table.nRows);
    const seen = [new Set<number>(), new Set<number>(), new Set<number>()];
    for (let i = 0; i < table.nRows; i++) seen[assignment[i]].add(g.groupOf[i]);
    groups = { train: seen[0].size, validation: seen[1].size, test: seen[2].size };
  }
  if (spec.method === 'time' && col && isNumberColumn(col)) {
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < table.nRows; i++) {
      const v = col.values[i];
      if (v !== v) continue;
      const p = assignment[i];
      if (v < lo[p]) lo[p] = v;
      if (v > hi[p]) hi[p] = v;
    }
    const text = (v: number): string => (col.type === 'datetime' ? new Date(v).toISOString() : String(v));
    const range = (p: number): [string, string] | null => (lo[p] <= hi[p] ? [text(lo[p]), text(hi[p])] : null);
    timeRanges = { train: range(0), validation: range(1), test: range(2) };
  }
  return { spec, counts, classBalance: balance, groups, timeRanges };
}
