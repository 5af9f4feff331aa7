/**
 * Simple augmentation of numeric rows by Gaussian jitter: new training rows are copies of
 * uniformly drawn training rows (optionally of some classes only) whose number features get
 * N(0, (scale * sd)^2) noise, sd being the column's standard deviation over training rows
 * (whole-number columns rounded back). Other columns are copied. It enlarges the training data
 * around what it already holds; it cannot add information, and it never touches validation/test.
 */
import type { Rng } from '../../../ml/core/rng.js';
import { dataError } from '../errors.js';
import { classCodes, getColumn, isNumberColumn, type DataTable, type NumberColumn } from '../table.js';
import { allRows, assemble, roundForType, syntheticRows, trainMaskOf, type ParamsOf, type RemedyContext, type RemedyResult } from './common.js';

/** `gaussian_jitter`. */
export function applyJitter(table: DataTable, params: ParamsOf<'gaussian_jitter'>, rng: Rng, ctx: RemedyContext): RemedyResult {
  const mask = trainMaskOf(table, ctx);
  const scale = params.noiseScale ?? 0.05;
  let eligible: number[] = [];
  for (let i = 0; i < table.nRows; i++) if (mask[i]) eligible.push(i);
  if (params.classes && params.classes.length > 0) {
    if (!params.target) throw dataError('INVALID_ARGUMENT', 'targetRequired', 'Choosing classes needs the target column.', {}, 'target');
    const cc = classCodes(getColumn(table, params.target));
    const wanted = new Set(params.classes);
    eligible = eligible.filter((i) => cc.codes[i] >= 0 && wanted.has(cc.classes[cc.codes[i]]));
  }
  if (eligible.length === 0) throw dataError('INVALID_ARGUMENT', 'noEligibleRows', 'No training row matches: nothing to augment.', {}, 'classes');
  const noisy = (params.columns ?? table.columns.filter((c) => (c.type === 'numeric' || c.type === 'integer') && c.name !== params.target).map((c) => c.name)).map(
    (n) => {
      const c = getColumn(table, n);
      if (!isNumberColumn(c) || c.type === 'boolean' || c.type === 'datetime') {
        throw dataError('INVALID_ARGUMENT', 'jitterNumericOnly', `Column "${n}" does not hold plain numbers.`, { column: n }, 'columns');
      }
      return c;
    },
  );
  const sd = new Map<NumberColumn, number>();
  for (const c of noisy) {
    let s = 0;
    let q = 0;
    let m = 0;
    for (const i of eligible) {
      const v = c.values[i];
      if (v !== v) continue;
      s += v;
      q += v * v;
      m++;
    }
    const mean = m > 0 ? s / m : 0;
    sd.set(c, m > 1 ? Math.sqrt(Math.max(0, (q - m * mean * mean) / (m - 1))) : 0);
  }
  const count = Math.round(params.amount * eligible.length);
  const sources = new Int32Array(count);
  for (let s = 0; s < count; s++) sources[s] = eligible[rng.int(eligible.length)];
  const extra = syntheticRows(table, count, (c) => {
    if (!isNumberColumn(c)) return Int32Array.from(sources, (i) => c.codes[i]);
    const out = Float64Array.from(sources, (i) => c.values[i]);
    const s = sd.get(c);
    if (s !== undefined && s > 0) for (let r = 0; r < count; r++) out[r] = roundForType(c, out[r] + rng.normal() * scale * s);
    return out;
  });
  const out = assemble(table, mask, allRows(table.nRows), extra);
  return {
    ...out,
    fitted: {},
    notes: { noisyColumns: noisy.map((c) => c.name), sourceRows: eligible.length },
    added: count,
    removed: 0,
    changedCells: 0,
  };
}
