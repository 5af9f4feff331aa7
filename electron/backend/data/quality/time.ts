/**
 * Staleness: how old the newest row is at import time. The date-time column with the newest
 * value stands for "when the data was collected"; when that value is older than
 * `staleAfterDays` (default 365) before the import, the data may no longer describe today.
 */
import type { Finding } from '../../../../shared/domain/dataset.js';
import type { NumberStats } from '../stats.js';
import { makeFinding, round4, type CheckContext } from './context.js';

/** Default age, in days, after which data is called stale. */
export const STALE_AFTER_DAYS = 365;

/** `stale_data`. */
export function detectStaleness(ctx: CheckContext): Finding[] {
  const importedAt = ctx.options.importedAt ? Date.parse(ctx.options.importedAt) : Date.now();
  if (!Number.isFinite(importedAt)) return [];
  const limitDays = ctx.options.staleAfterDays ?? STALE_AFTER_DAYS;
  let newest = -Infinity;
  let column = '';
  for (const c of ctx.table.columns) {
    if (c.type !== 'datetime') continue;
    const s = ctx.stats.get(c.name) as NumberStats;
    if (s.count === 0) continue;
    // Ignore values after the import (typos, planned dates): they say nothing about collection time.
    let k = s.count - 1;
    while (k >= 0 && s.sorted[k] > importedAt + 86400000) k--;
    if (k < 0) continue;
    if (s.sorted[k] > newest) {
      newest = s.sorted[k];
      column = c.name;
    }
  }
  if (column === '') return [];
  const ageDays = (importedAt - newest) / 86400000;
  if (ageDays <= limitDays) return [];
  const newestIso = new Date(newest).toISOString();
  return [
    makeFinding(ctx, 'stale_data', ageDays > 3 * limitDays ? 'warning' : 'info', [column], 0, [], { newest: newestIso, ageDays: round4(ageDays), limitDays }, [], {
      newest: newestIso.slice(0, 10),
      ageDays: Math.round(ageDays),
      limitDays,
    }),
  ];
}
