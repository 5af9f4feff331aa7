import { describe, expect, it } from 'vitest';
import { checkQuality, findSuspectLabels } from '../../../../../../electron/backend/data/quality/index.js';
import { createTable, type DataTable } from '../../../../../../electron/backend/data/table.js';
import type { CheckOptions, Finding, FindingKind } from '../../../../../../shared/domain/dataset.js';
import { QualityReportSchema } from '../../../../../../shared/domain/dataset.js';
import { DATASET_TEXTS } from '../../../../../../shared/domain/dataset-texts.js';
import { IMPORTED_AT, cat, cleanParts, cleanTable, dt, num, tableFrom } from '../helpers.js';

const base: CheckOptions = { target: 'y', importedAt: IMPORTED_AT };

function kinds(findings: Finding[]): FindingKind[] {
  return findings.map((f) => f.kind);
}

/** Every placeholder of a finding's texts must be filled by its params. */
function expectTextsFilled(f: Finding): void {
  for (const part of ['title', 'explanation']) {
    const text = DATASET_TEXTS[`${f.messageKey}.${part}`];
    expect(text, `${f.messageKey}.${part}`).toBeDefined();
    for (const m of text.en.matchAll(/\{(\w+)\}/g)) expect(f.params, `${f.kind}: {${m[1]}}`).toHaveProperty(m[1]);
  }
}

function only(table: DataTable, kind: FindingKind, options: CheckOptions = base, reference?: DataTable): Finding[] {
  const found = checkQuality(table, options, { reference }).findings.filter((f) => f.kind === kind);
  found.forEach(expectTextsFilled);
  return found;
}

describe('quality report', () => {
  it('raises no finding on a clean dataset, with every optional check switched on', () => {
    const table = cleanTable();
    const reference = cleanTable(600, 2);

    const report = checkQuality(table, { ...base, eventTimeColumn: 'when', groupColumns: ['color'] }, { reference });

    expect(report.findings).toEqual([]);
    expect(report.task).toBe('classification');
    expect(QualityReportSchema.parse(report)).toEqual(report);
  });

  it('missing_values per column and rows_missing_many', () => {
    const p = cleanParts();
    for (let i = 0; i < 120; i++) p.x2[i * 5] = NaN;
    const table = tableFrom(p);
    const x1 = table.columns[0].type === 'numeric' ? (table.columns[0] as { values: Float64Array }).values : new Float64Array();
    const count = (table.columns[2] as { values: Float64Array }).values;
    const color = (table.columns[3] as { codes: Int32Array }).codes;
    const flag = (table.columns[6] as { values: Float64Array }).values;
    for (const i of [0, 5, 10]) {
      x1[i] = NaN;
      count[i] = NaN;
      color[i] = -1;
      flag[i] = NaN;
    }

    const missing = only(table, 'missing_values');
    const rows = only(table, 'rows_missing_many');

    const x2 = missing.find((f) => f.evidence.columns[0] === 'x2');
    expect(x2?.evidence.rowCount).toBe(120);
    expect(x2?.severity).toBe('warning');
    expect(x2?.remedies[0]).toBe('impute');
    expect(rows).toHaveLength(1);
    expect(rows[0].evidence.exampleRows).toEqual([0, 5, 10]);
  });

  it('outliers by Tukey fences, most extreme rows first', () => {
    const p = cleanParts();
    p.x2[10] = 1000;
    p.x2[20] = -300;

    const found = only(tableFrom(p), 'outliers');

    expect(found).toHaveLength(1);
    expect(found[0].evidence.columns).toEqual(['x2']);
    expect(found[0].evidence.rowCount).toBe(2);
    expect(found[0].evidence.exampleRows).toEqual([10, 20]);
    expect(found[0].remedies).toEqual(['clip_outliers', 'remove_outliers']);
  });

  it('class_imbalance and class_too_small', () => {
    const p = cleanParts();
    p.y = p.y.map((_, i) => (i % 25 === 0 ? 'yes' : i % 100 === 1 ? 'maybe' : 'no'));

    const report = checkQuality(tableFrom(p), base);
    report.findings.forEach(expectTextsFilled);

    const imbalance = report.findings.find((f) => f.kind === 'class_imbalance');
    const small = report.findings.find((f) => f.kind === 'class_too_small');
    expect(imbalance?.params.minority).toBe('maybe');
    expect(imbalance?.remedies).toContain('smote_nc');
    expect(small?.evidence.values.classes).toEqual(['yes', 'maybe']);
    expect(small?.severity).toBe('critical');
  });

  it('label_conflict: identical features, different labels', () => {
    const p = cleanParts();
    for (let k = 0; k < 8; k++) {
      const src = k * 3;
      const dst = 300 + k;
      p.x1[dst] = p.x1[src];
      p.x2[dst] = p.x2[src] + 1e-9;
      p.count[dst] = p.count[src];
      p.color[dst] = p.color[src];
      p.when[dst] = p.when[src];
      p.signup[dst] = p.signup[src];
      p.flag[dst] = p.flag[src];
      p.y[dst] = p.y[src] === 'yes' ? 'no' : 'yes';
    }

    const found = only(tableFrom(p), 'label_conflict');

    expect(found).toHaveLength(1);
    expect(found[0].evidence.rowCount).toBe(16);
    expect(found[0].evidence.values.groups).toBe(8);
    expect(found[0].remedies).toEqual(['fix_labels']);
  });

  it('label_suspect from cross-validated probabilities (confident learning)', () => {
    const table = createTable([num('x', [0, 1, 2, 3, 4, 5]), cat('y', ['a', 'a', 'a', 'b', 'b', 'b'])]);
    // Row 2 is labelled a but the model is sure it is b; row 5 the reverse, less strongly.
    const proba = Float64Array.from([0.9, 0.1, 0.8, 0.2, 0.05, 0.95, 0.1, 0.9, 0.2, 0.8, 0.7, 0.3]);

    const { finding, rows } = findSuspectLabels(table, 'y', proba, ['a', 'b']);

    expect(rows.map((r) => [r.row, r.given, r.suggested])).toEqual([
      [2, 'a', 'b'],
      [5, 'b', 'a'],
    ]);
    expect(finding?.kind).toBe('label_suspect');
    if (finding) expectTextsFilled(finding);
    expect(finding?.evidence.exampleRows).toEqual([2, 5]);
    expect(findSuspectLabels(table, 'y', Float64Array.from([0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.1, 0.9, 0.2, 0.8, 0.3, 0.7]), ['a', 'b']).finding).toBeNull();
  });

  it('duplicate_rows, ignoring identifier columns', () => {
    const p = cleanParts();
    const table = tableFrom(p, [cat('id', p.x1.map((_, i) => `R${i}`), 'identifier')]);
    const dup = createTable(
      table.columns.map((c) => {
        const rows = [...Array.from({ length: table.nRows }, (_, i) => i), 3, 4, 5, 3];
        return 'values' in c ? { ...c, values: Float64Array.from(rows, (r) => c.values[r]) } : { ...c, codes: Int32Array.from(rows, (r) => (c.name === 'id' ? r + 1000 : c.codes[r])) };
      }),
    );

    const found = only(dup, 'duplicate_rows');

    expect(found).toHaveLength(1);
    expect(found[0].evidence.rowCount).toBe(4);
    expect(found[0].evidence.exampleRows).toEqual([600, 601, 602, 603]);
    expect(found[0].evidence.columns).not.toContain('id');
  });

  it('leakage_predictive: one column predicts the target almost perfectly', () => {
    const p = cleanParts();
    const leak = p.y.map((v, i) => (i % 100 === 7 ? (v === 'yes' ? 0 : 1) : v === 'yes' ? 1 : 0) + 0.001 * i);

    const found = only(tableFrom(p, [num('leak', leak)]), 'leakage_predictive');

    expect(found.map((f) => f.evidence.columns[0])).toEqual(['leak']);
    expect(Number(found[0].evidence.values.score)).toBeGreaterThan(0.95);
  });

  it('leakage_target_copy: a recoded copy (classification) and a monotone transform (regression)', () => {
    const p = cleanParts();
    const recoded = p.y.map((v) => (v === 'yes' ? 'positive' : 'negative'));
    const target = p.x1.map((v, i) => 3 * v + p.x2[i]);
    const classification = tableFrom(p, [cat('y_text', recoded)]);
    const regression = createTable([num('a', p.x1), num('b', p.x2), num('price', target), num('log_price', target.map((t) => Math.exp(t / 10)))]);

    const copy = only(classification, 'leakage_target_copy');
    const mono = only(regression, 'leakage_target_copy', { target: 'price' });

    expect(copy.map((f) => f.evidence.columns)).toEqual([['y_text', 'y']]);
    expect(copy[0].severity).toBe('critical');
    expect(mono.map((f) => f.evidence.columns[0])).toEqual(['log_price']);
  });

  it('identifier_column for a unique categorical and an id-like integer', () => {
    const p = cleanParts();
    const table = tableFrom(p, [cat('customer', p.x1.map((_, i) => `C${1000 + i}`)), num('order_id', p.x1.map((_, i) => 5000 + 3 * i), 'integer')]);

    const found = only(table, 'identifier_column');

    expect(found.map((f) => f.evidence.columns[0]).sort()).toEqual(['customer', 'order_id']);
  });

  it('leakage_future_timestamp when a date is later than the event time', () => {
    const p = cleanParts();
    const closed = p.when.map((w, i) => (i % 3 === 0 ? w + 5 * 86400000 : w - 86400000));

    const found = only(tableFrom(p, [dt('closed_at', closed)]), 'leakage_future_timestamp', { ...base, eventTimeColumn: 'when' });

    expect(found).toHaveLength(1);
    expect(found[0].evidence.columns).toEqual(['closed_at', 'when']);
    expect(found[0].evidence.rowCount).toBe(200);
  });

  it('stale_data when the newest row is years older than the import', () => {
    const p = cleanParts();
    p.when = p.when.map((w) => w - 5 * 365 * 86400000);
    p.signup = p.signup.map((w) => w - 5 * 365 * 86400000);

    const found = only(tableFrom(p), 'stale_data');

    expect(found).toHaveLength(1);
    expect(found[0].evidence.columns).toEqual(['when']);
    expect(Number(found[0].params.ageDays)).toBeGreaterThan(1800);
  });

  it('underrepresented_group for a watched column', () => {
    const p = cleanParts();
    const region = p.x1.map((_, i) => (i < 12 ? 'island' : i % 2 === 0 ? 'north' : 'south'));

    const found = only(tableFrom(p, [cat('region', region)]), 'underrepresented_group', { ...base, groupColumns: ['region'] });

    expect(found).toHaveLength(1);
    expect(found[0].evidence.values.groups).toEqual(['island']);
    expect(found[0].evidence.rowCount).toBe(12);
  });

  it('reference_drift by PSI and KS against a reference dataset', () => {
    const p = cleanParts(600, 3);
    p.x2 = p.x2.map((v) => v + 3);

    const found = only(tableFrom(p), 'reference_drift', base, cleanTable(600, 4));

    expect(found.map((f) => f.evidence.columns[0])).toEqual(['x2']);
    expect(Number(found[0].evidence.values.psi)).toBeGreaterThan(0.25);
    expect(Number(found[0].evidence.values.pValue)).toBeLessThan(1e-6);
  });

  it('constant, near-constant and high-cardinality columns', () => {
    const p = cleanParts();
    const table = tableFrom(p, [
      num('const', p.x1.map(() => 1)),
      cat('rare', p.x1.map((_, i) => (i % 50 === 0 ? 'b' : 'a'))),
      cat('zip', p.x1.map((_, i) => `Z${i % 300}`)),
    ]);

    const report = checkQuality(table, base);
    report.findings.forEach(expectTextsFilled);

    expect(kinds(report.findings).sort()).toEqual(['constant_column', 'high_cardinality', 'near_constant_column']);
    expect(report.findings.find((f) => f.kind === 'near_constant_column')?.evidence.columns).toEqual(['rare']);
    expect(report.findings.find((f) => f.kind === 'high_cardinality')?.evidence.columns).toEqual(['zip']);
  });

  it('orders findings by severity and ignores ignored columns', () => {
    const p = cleanParts();
    const table = tableFrom(p, [num('const', p.x1.map(() => 1)), cat('y_text', p.y.map((v) => `${v}!`))]);

    const report = checkQuality(table, { ...base, ignored: ['const'] });

    expect(kinds(report.findings)).toEqual(['leakage_target_copy']);
    expect(report.counts).toEqual({ info: 0, warning: 0, critical: 1 });
  });
});

describe('quality report on large tables', () => {
  it('finds predictive leakage on evenly spaced rows of a table above 200,000 rows', () => {
    const n = 250000;
    const y = Array.from({ length: n }, (_, i) => ((i * 2654435761) % 7 < 3 ? 'a' : 'b'));
    const leak = y.map((v, i) => (v === 'a' ? 1 : 0) + (i % 1000 === 0 ? 5 : 0) + (i % 13) * 1e-3);
    const noise = Array.from({ length: n }, (_, i) => Math.sin(i));
    const table = createTable([num('noise', noise), num('leak', leak), cat('y', y)]);

    const found = only(table, 'leakage_predictive', { target: 'y' });

    expect(found.map((f) => f.evidence.columns[0])).toEqual(['leak']);
  });
});
