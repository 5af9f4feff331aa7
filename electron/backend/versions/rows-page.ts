/**
 * A page of rows for the table view, read on the backend's main thread: only the chunks that
 * hold the page are read (for one part of a partition, the per-chunk part counts stored with the
 * version point at the chunk where the page starts), so the cost is bounded by the chunk size
 * and the page length, never by the number of rows in the version.
 */
import { PART_NAMES, type PartName } from '../../../shared/domain/dataset.js';
import type { Db } from '../storage/db.js';
import type { VersionManifest } from '../storage/repos/datasets.js';
import { CellReader, StreamReader } from './cell-reader.js';
import type { PartitionInfo } from './partition-info.js';

/** A page: positions of its rows in the version and their cells. */
export interface RowsPageData {
  total: number;
  rowIds: number[];
  parts: PartName[] | null;
  rows: (string | null)[][];
}

/** Positions of the rows `offset`..`offset+limit-1` of part `part`. */
function partPositions(db: Db, manifest: VersionManifest, info: PartitionInfo, part: number, offset: number, limit: number): number[] {
  const reader = new StreamReader(db, manifest.partition as NonNullable<VersionManifest['partition']>, 'u8');
  const out: number[] = [];
  let seen = 0;
  for (let k = 0; k < info.chunkCounts.length && out.length < limit; k++) {
    const inChunk = info.chunkCounts[k][part];
    if (seen + inChunk <= offset) {
      seen += inChunk;
      continue;
    }
    const codes = reader.chunk(k);
    const start = reader.startOf(k);
    for (let t = 0; t < codes.length && out.length < limit; t++) {
      if (codes[t] !== part) continue;
      if (seen >= offset) out.push(start + t);
      seen++;
    }
  }
  return out;
}

/** Reads a page of a version. */
export function readRowsPage(
  db: Db,
  manifest: VersionManifest,
  info: PartitionInfo | null,
  request: { offset: number; limit: number; part?: PartName },
): RowsPageData {
  let positions: number[];
  let total: number;
  if (request.part !== undefined && info && manifest.partition) {
    const p = PART_NAMES.indexOf(request.part);
    total = info.chunkCounts.reduce((a, c) => a + c[p], 0);
    positions = partPositions(db, manifest, info, p, request.offset, request.limit);
  } else if (request.part !== undefined) {
    // No partition: no row belongs to any part.
    total = 0;
    positions = [];
  } else {
    total = manifest.rows;
    const end = Math.min(total, request.offset + request.limit);
    positions = [];
    for (let i = request.offset; i < end; i++) positions.push(i);
  }
  const ids = new StreamReader(db, manifest.rowIds, 'i32');
  const rowIds = positions.map((i) => ids.get(i));
  let parts: PartName[] | null = null;
  if (manifest.partition) {
    const pr = new StreamReader(db, manifest.partition, 'u8');
    parts = positions.map((i) => PART_NAMES[pr.get(i)]);
  }
  const readers = manifest.columns.map((c) => new CellReader(db, c));
  const rows = positions.map((i) => readers.map((r) => r.text(i)));
  return { total, rowIds, parts, rows };
}
