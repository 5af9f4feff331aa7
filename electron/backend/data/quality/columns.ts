/**
 * Column-level detectors: missing values (per column, and rows missing many values), constant
 * and near-constant columns (caret's nearZeroVar idea: one value covers at least 95% of the
 * rows), very high-cardinality categoricals, and identifier columns (unique per row: a model
 * can only memorise them).
 */
import type { Finding, RemedyKind } from '../../../../shared/domain/dataset.js';
import { isIdLikeName } from '../infer.js';
import type { CodeStats, NumberStats } from '../stats.js';
import { isNumberColumn } from '../table.js';
import { exampleRows, makeFinding, round4, type CheckContext } from './context.js';

/** Share of a row's features that must be missing for `rows_missing_many`. */
const ROW_MISSING_SHARE = 0.5;

/** `missing_values` per column (features and target) and `rows_missing_many`. */
export function detectMissing(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const n = ctx.table.nRows;
  const checked = ctx.target ? [...ctx.features, ctx.target] : ctx.features;
  for (const c of checked) {
    const s = ctx.stats.get(c.name) as NumberStats | CodeStats;
    if (s.missing === 0) continue;
    const share = s.missing / n;
    const isTarget = c === ctx.target;
    const severity = isTarget || share >= 0.3 ? 'critical' : share >= 0.05 ? 'warning' : 'info';
    const examples = exampleRows(n, (i) => (isNumberColumn(c) ? c.values[i] !== c.values[i] : c.codes[i] < 0));
    const remedies: RemedyKind[] = isTarget ? [] : share >= 0.6 ? ['drop_columns', 'impute'] : ['impute', 'drop_columns'];
    out.push(
      makeFinding(ctx, 'missing_values', severity, [c.name], s.missing, examples, { missing: s.missing, isTarget: isTarget ? 1 : 0 }, remedies, {
        isTarget: isTarget ? 1 : 0,
      }),
    );
  }
  const nf = ctx.features.length;
  if (nf >= 2) {
    const perRow = new Int32Array(n);
    for (const c of ctx.features) {
      if ((ctx.stats.get(c.name) as NumberStats | CodeStats).missing === 0) continue;
      if (isNumberColumn(c)) {
        for (let i = 0; i < n; i++) if (c.values[i] !== c.values[i]) perRow[i]++;
      } else {
        for (let i = 0; i < n; i++) if (c.codes[i] < 0) perRow[i]++;
      }
    }
    const limit = Math.max(2, Math.ceil(ROW_MISSING_SHARE * nf));
    let count = 0;
    for (let i = 0; i < n; i++) if (perRow[i] >= limit) count++;
    if (count > 0) {
      const share = count / n;
      out.push(
        makeFinding(
          ctx,
          'rows_missing_many',
          share >= 0.05 ? 'warning' : 'info',
          ctx.features.map((c) => c.name),
          count,
          exampleRows(n, (i) => perRow[i] >= limit),
          { threshold: limit, features: nf },
          ['impute'],
          { threshold: limit, features: nf },
        ),
      );
    }
  }
  return out;
}

/** `constant_column`, `near_constant_column`, `high_cardinality` and `identifier_column`. */
export function detectColumnShape(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.features) {
    const s = ctx.stats.get(c.name) as NumberStats | CodeStats;
    if (s.count === 0) continue;
    if (s.distinct <= 1) {
      out.push(makeFinding(ctx, 'constant_column', 'warning', [c.name], 0, [], { distinct: s.distinct }, ['drop_columns']));
      continue;
    }
    const isIdentifier =
      c.type === 'identifier' ||
      (s.distinct === s.count &&
        s.count >= 20 &&
        (c.type === 'categorical' || (c.type === 'integer' && (isIdLikeName(c.name) || isRowCounter(s as NumberStats))))) ||
      (c.type === 'categorical' && s.count >= 50 && s.distinct / s.count >= 0.95);
    if (isIdentifier) {
      out.push(
        makeFinding(ctx, 'identifier_column', 'warning', [c.name], 0, [], { distinct: s.distinct, count: s.count }, ['drop_columns'], {
          distinct: s.distinct,
        }),
      );
      continue;
    }
    const topShare = s.topCount / s.count;
    if (s.count >= 20 && topShare >= 0.95) {
      const top = isNumberColumn(c) ? String((s as NumberStats).topValue) : c.levels[(s as CodeStats).topCode];
      out.push(
        makeFinding(ctx, 'near_constant_column', 'info', [c.name], s.count - s.topCount, [], { topValue: top, topShare: round4(topShare) }, ['drop_columns'], {
          value: top,
          topPercent: round4(topShare * 100),
        }),
      );
      continue;
    }
    if (c.type === 'categorical' && (s.distinct > 100 || (s.distinct > 20 && s.distinct / s.count > 0.3))) {
      out.push(
        makeFinding(ctx, 'high_cardinality', s.distinct > 1000 ? 'warning' : 'info', [c.name], 0, [], { distinct: s.distinct }, ['drop_columns'], {
          distinct: s.distinct,
        }),
      );
    }
  }
  return out;
}

/** Unique whole numbers counting up by one from 0 or 1 (a row number). */
function isRowCounter(s: NumberStats): boolean {
  const first = s.sorted[0];
  return (first === 0 || first === 1) && s.sorted[s.count - 1] - first === s.count - 1;
}
