/**
 * Sampling and selection bias.
 *
 * `underrepresented_group`: for each column the user marks to watch (a sensitive attribute, a
 * region, a device...), groups with fewer than 30 rows or less than a quarter of an equal share
 * (1/k of the rows for k groups) are too thin for the model to serve them well, or for the
 * evaluation to tell.
 *
 * `reference_drift`: against a reference dataset (e.g. last year's data, or the population the
 * model will serve), each shared column's distribution is compared with the Population Stability
 * Index over the reference's deciles (categories as they are; 0.1 = moderate shift, 0.25 = major,
 * the usual credit-scoring reading) and, for numbers, the two-sample Kolmogorov-Smirnov statistic
 * with its asymptotic p-value (Numerical Recipes, 3rd ed., 14.3.3).
 */
import type { Finding } from '../../../../shared/domain/dataset.js';
import { quantileSorted, numberStats } from '../stats.js';
import { cellText, classCodes, findColumn, isNumberColumn, type DataColumn, type DataTable } from '../table.js';
import { exampleRows, makeFinding, round4, type CheckContext } from './context.js';

/** Rows a group needs. */
export const MIN_GROUP_ROWS = 30;
/** Fraction of an equal share below which a group is under-represented. */
export const MIN_GROUP_SHARE_FACTOR = 0.25;
/** PSI at or above which a column has drifted from the reference. */
export const PSI_DRIFT = 0.1;

/** `underrepresented_group` for each column in `groupColumns`. */
export function detectUnderrepresentedGroups(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const name of ctx.options.groupColumns ?? []) {
    const c = findColumn(ctx.table, name);
    if (!c) continue;
    const { codes, classes } = classCodes(c);
    const k = classes.length;
    if (k < 2 || k > 200) continue;
    const counts = new Array<number>(k).fill(0);
    let present = 0;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] >= 0) {
        counts[codes[i]]++;
        present++;
      }
    }
    const limit = Math.max(MIN_GROUP_ROWS, (MIN_GROUP_SHARE_FACTOR * present) / k);
    const small = classes.map((label, g) => ({ label, g, count: counts[g] })).filter((s) => s.count < limit);
    if (small.length === 0) continue;
    const smallSet = new Set(small.map((s) => s.g));
    const rows = small.reduce((a, s) => a + s.count, 0);
    out.push(
      makeFinding(
        ctx,
        'underrepresented_group',
        'warning',
        [name],
        rows,
        exampleRows(codes.length, (i) => smallSet.has(codes[i])),
        { groups: small.map((s) => s.label), counts: small.map((s) => s.count), shares: small.map((s) => round4(s.count / present)), limit: Math.ceil(limit) },
        [],
        { groups: small.map((s) => `${s.label} (${s.count})`).join(', ') },
      ),
    );
  }
  return out;
}

/** Population Stability Index of two distributions given as counts over the same bins. */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  let te = 0;
  let ta = 0;
  for (let i = 0; i < expected.length; i++) {
    te += expected[i];
    ta += actual[i];
  }
  if (te === 0 || ta === 0) return 0;
  const eps = 1e-4;
  let s = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i] / te, eps);
    const a = Math.max(actual[i] / ta, eps);
    s += (a - e) * Math.log(a / e);
  }
  return s;
}

/** Two-sample Kolmogorov-Smirnov statistic and asymptotic p-value of ascending samples. */
export function ksTest(a: Float64Array, b: Float64Array): { d: number; pValue: number } {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return { d: 0, pValue: 1 };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = a[i] <= b[j] ? a[i] : b[j];
    while (i < n && a[i] <= x) i++;
    while (j < m && b[j] <= x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const ne = (n * m) / (n + m);
  const sq = Math.sqrt(ne);
  const lambda = (sq + 0.12 + 0.11 / sq) * d;
  return { d, pValue: kolmogorovQ(lambda) };
}

/** Q_KS(λ) = 2 Σ (-1)^(k-1) exp(-2 k² λ²). */
function kolmogorovQ(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0;
  let sign = 1;
  for (let k = 1; k <= 100; k++) {
    const term = sign * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
    sign = -sign;
  }
  return Math.max(0, Math.min(1, 2 * sum));
}

function numericBinsCounts(values: Float64Array, edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 2).fill(0);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) {
      counts[edges.length + 1]++;
      continue;
    }
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x > edges[mid]) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}

/** Drift of one column against the reference, or null when the columns cannot be compared. */
export function columnDrift(current: DataColumn, reference: DataColumn): { psi: number; ks: number | null; pValue: number | null } | null {
  const numeric = (c: DataColumn): boolean => isNumberColumn(c) && c.type !== 'boolean';
  if (numeric(current) && numeric(reference) && isNumberColumn(current) && isNumberColumn(reference)) {
    const rs = numberStats(reference);
    const cs = numberStats(current);
    if (rs.count === 0 || cs.count === 0) return null;
    const edges: number[] = [];
    for (let b = 1; b < 10; b++) {
      const e = quantileSorted(rs.sorted, b / 10);
      if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
    }
    const p = psi(numericBinsCounts(reference.values, edges), numericBinsCounts(current.values, edges));
    const ks = ksTest(rs.sorted, cs.sorted);
    return { psi: p, ks: ks.d, pValue: ks.pValue };
  }
  if (numeric(current) !== numeric(reference)) return null;
  // Categories compared by their text.
  const index = new Map<string, number>();
  const add = (c: DataColumn): Map<number, number> => {
    const counts = new Map<number, number>();
    const n = isNumberColumn(c) ? c.values.length : c.codes.length;
    for (let i = 0; i < n; i++) {
      const t = cellText(c, i) ?? '\u0000missing';
      let k = index.get(t);
      if (k === undefined) {
        k = index.size;
        index.set(t, k);
      }
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  };
  const rc = add(reference);
  const cc = add(current);
  const e = new Array<number>(index.size).fill(0);
  const a = new Array<number>(index.size).fill(0);
  rc.forEach((v, k) => (e[k] = v));
  cc.forEach((v, k) => (a[k] = v));
  return { psi: psi(e, a), ks: null, pValue: null };
}

/** `reference_drift` for each column the table shares with the reference. */
export function detectReferenceDrift(ctx: CheckContext, reference: DataTable): Finding[] {
  const out: Finding[] = [];
  const columns = ctx.target ? [...ctx.features, ctx.target] : ctx.features;
  for (const c of columns) {
    const r = findColumn(reference, c.name);
    if (!r) continue;
    const drift = columnDrift(c, r);
    if (!drift || drift.psi < PSI_DRIFT) continue;
    out.push(
      makeFinding(
        ctx,
        'reference_drift',
        drift.psi >= 0.25 ? 'warning' : 'info',
        [c.name],
        0,
        [],
        { psi: round4(drift.psi), ks: drift.ks === null ? null : round4(drift.ks), pValue: drift.pValue === null ? null : round4(drift.pValue), referenceRows: reference.nRows },
        [],
        { psi: round4(drift.psi) },
      ),
    );
  }
  return out;
}
