// The Data step's pure rules: the import wizard (path, preview, settings, column choices, the
// options sent), remedy forms, which remedies wait for a partition, the partition form, findings
// grouped by severity, paging and the versions picked for a diff.
import { describe, expect, it } from 'vitest';
import type { ColumnPreview, DatasetColumn, Finding, ImportPreview } from '../../../../shared/domain/dataset.js';
import {
  canImport,
  columnRole,
  datasetNameFromPath,
  defaultPartitionForm,
  dialectValue,
  effectiveType,
  errorPlace,
  groupFindings,
  importEnded,
  importOptions,
  importStarted,
  isFindingOpenAtFirst,
  isPreviewStale,
  needsPartition,
  openWizard,
  parseDecimal,
  parseWrittenNumber,
  partitionSpec,
  previewFailed,
  previewLoaded,
  previewStarted,
  proposeTarget,
  readOptionsKey,
  remedyForm,
  remedyParams,
  setColumnIgnored,
  setColumnType,
  setDialectField,
  setName,
  setPartitionMethod,
  setPath,
  setTarget,
  toggleCompare,
  validateImport,
} from '../../../../renderer/stores/data-logic.js';
import { offsetOfPage, pageInfo } from '../../../../renderer/lib/paging.js';

function col(name: string, type: ColumnPreview['type'], index = 0): ColumnPreview {
  return { index, name, originalName: name, type, missing: 0, distinct: 3, examples: [] };
}

function preview(columns: ColumnPreview[], patch: Partial<ImportPreview> = {}): ImportPreview {
  return {
    format: 'csv',
    bytes: 120,
    dialect: { encoding: 'utf-8', hasBom: false, delimiter: ';', quote: '"', hasHeader: true, decimalSeparator: ',', thousandsSeparator: '.', dateOrder: 'dmy' },
    sheets: [],
    sheet: null,
    hasHeader: true,
    columns,
    rows: [],
    sampledRows: 3,
    estimatedRows: 3,
    isComplete: true,
    renames: [],
    suggestedTarget: null,
    warnings: [],
    ...patch,
  };
}

const COLUMNS = [col('age', 'integer', 0), col('income', 'numeric', 1), col('city', 'categorical', 2), col('churn', 'categorical', 3)];

function loaded(path = '/data/clients.csv', hint = {}) {
  const w = previewStarted(openWizard(path));
  return previewLoaded(w, preview(COLUMNS), readOptionsKey(w), hint);
}

describe('import wizard: path and preview', () => {
  it('names the dataset after the file until the user types a name', () => {
    expect(datasetNameFromPath('C:\\data\\Clientes 2024.csv')).toBe('Clientes 2024');
    const w = openWizard('/data/clients.csv');
    expect(w.name).toBe('clients');
    const typed = setPath(setName(w, 'My customers'), '/data/other.csv');
    expect(typed.name).toBe('My customers');
  });

  it('shows the preview and proposes the target from the objective’s bound column', () => {
    const w = loaded('/data/clients.csv', { targetColumn: 'churn' });
    expect(w.stage).toBe('preview');
    expect(w.target).toBe('churn');
    expect(columnRole(w, 'churn')).toBe('target');
    expect(columnRole(w, 'age')).toBe('feature');
  });

  it('matches the objective’s words to a column name, else takes the backend’s guess, else none', () => {
    expect(proposeTarget(COLUMNS, { targetText: 'Churn' }, null)).toBe('churn');
    expect(proposeTarget(COLUMNS, { targetText: 'Whether the client leaves' }, 'churn')).toBe('churn');
    expect(proposeTarget(COLUMNS, { targetText: 'Whether the client leaves' }, null)).toBe('');
    expect(proposeTarget(COLUMNS, { targetColumn: 'CHURN' }, null)).toBe('churn');
  });

  it('marks the preview stale when a setting changes, and the sniffed value shows until then', () => {
    const w = loaded();
    expect(dialectValue(w, 'decimalSeparator')).toBe(',');
    const changed = setDialectField(w, 'decimalSeparator', '.');
    expect(dialectValue(changed, 'decimalSeparator')).toBe('.');
    expect(isPreviewStale(changed)).toBe(true);
    expect(canImport(changed)).toBe(false);
    expect(importOptions(changed).dialect).toEqual({ decimalSeparator: '.' });
  });

  it('keeps the error with line and column when the preview fails, and drops the old preview', () => {
    const error = { code: 'PARSE_ERROR' as const, messageKey: 'errors.data.ragged', message: 'Row 7 has 5 fields', details: { line: 7, column: 5 } };
    const w = previewFailed(loaded(), error);
    expect(w.preview).toBeNull();
    expect(errorPlace(w.previewError)).toEqual({ line: 7, column: 5 });
    expect(errorPlace(null)).toEqual({ line: null, column: null });
  });
});

describe('import wizard: column choices', () => {
  it('overrides a type, and choosing the inferred type again removes the override', () => {
    const w = setColumnType(loaded(), COLUMNS[0], 'categorical');
    expect(effectiveType(w, COLUMNS[0])).toBe('categorical');
    expect(importOptions(w).columns).toEqual([{ name: 'age', type: 'categorical' }]);
    const back = setColumnType(w, COLUMNS[0], 'integer');
    expect(back.columns).toEqual({});
    expect(importOptions(back).columns).toBeUndefined();
  });

  it('never ignores the target: ignoring it un-sets it, choosing it un-ignores it', () => {
    const w = loaded('/data/clients.csv', { targetColumn: 'churn' });
    const ignored = setColumnIgnored(w, 'churn', true);
    expect(ignored.target).toBe('');
    expect(columnRole(ignored, 'churn')).toBe('ignored');
    const chosen = setTarget(ignored, 'churn');
    expect(columnRole(chosen, 'churn')).toBe('target');
    expect(importOptions(chosen)).toEqual({ target: 'churn' });
  });

  it('sends ignored columns, type overrides and the target together', () => {
    let w = loaded();
    w = setColumnIgnored(w, 'city', true);
    w = setColumnType(w, COLUMNS[1], 'integer');
    w = setTarget(w, 'churn');
    expect(importOptions(w)).toEqual({
      columns: [
        { name: 'city', isIgnored: true },
        { name: 'income', type: 'integer' },
      ],
      target: 'churn',
    });
  });

  it('drops choices about columns a new preview no longer has, and keeps a chosen target that still exists', () => {
    let w = setTarget(setColumnIgnored(loaded(), 'city', true), 'churn');
    w = setDialectField(w, 'delimiter', ',');
    const other = preview([col('age', 'integer'), col('churn', 'boolean', 1)], { suggestedTarget: 'age' });
    const next = previewLoaded(previewStarted(w), other, readOptionsKey(w), {});
    expect(next.columns).toEqual({});
    expect(next.target).toBe('churn');
    expect(isPreviewStale(next)).toBe(false);
  });

  it('drops a type override that the new preview already infers', () => {
    const w = setColumnType(loaded(), COLUMNS[3], 'boolean');
    const next = previewLoaded(w, preview([col('churn', 'boolean', 3)]), readOptionsKey(w), {});
    expect(next.columns).toEqual({});
  });

  it('asks for a path and a name before importing', () => {
    expect(validateImport(openWizard(''))).toMatchObject({ path: { key: 'data.import.error.pathRequired' }, name: { key: 'data.import.error.nameRequired' } });
    expect(canImport(loaded())).toBe(true);
  });

  it('locks the import while its job runs and keeps the choices when it fails', () => {
    const w = setTarget(loaded(), 'churn');
    const running = importStarted(w, 'job-1');
    expect(canImport(running)).toBe(false);
    const failed = importEnded(running, { code: 'CANCELLED', messageKey: 'errors.data.cancelled', message: 'cancelled' });
    expect(failed.jobId).toBeNull();
    expect(failed.target).toBe('churn');
    expect(failed.importError?.code).toBe('CANCELLED');
    expect(canImport(failed)).toBe(true);
  });

  it('sends the sheet and header choice for workbooks, never a CSV dialect', () => {
    const w = openWizard('/data/book.xlsx');
    const chosen = { ...setDialectField(w, 'delimiter', ';'), sheet: 'Ventas', hasHeader: false };
    expect(importOptions(chosen)).toEqual({ format: 'xlsx', sheet: 'Ventas', hasHeader: false });
  });
});

const DATA_COLUMNS: DatasetColumn[] = [
  { name: 'age', type: 'integer', role: 'feature' },
  { name: 'city', type: 'categorical', role: 'feature' },
  { name: 'signup', type: 'datetime', role: 'feature' },
  { name: 'churn', type: 'categorical', role: 'target' },
];

function finding(kind: Finding['kind'], columns: string[], severity: Finding['severity'] = 'warning'): Finding {
  return {
    id: `${kind}:${columns.join(',')}`,
    kind,
    severity,
    messageKey: `data.finding.${kind}`,
    params: {},
    evidence: { columns, rowCount: 3, rowShare: 0.1, exampleRows: [1, 2], values: {} },
    remedies: [],
  };
}

describe('remedies', () => {
  it('asks for a partition before anything that learns from rows', () => {
    for (const kind of ['smote', 'smote_nc', 'random_oversample', 'random_undersample', 'cluster_centroids', 'gaussian_jitter'] as const) {
      expect(needsPartition(kind), kind).toBe(true);
    }
    expect(needsPartition('impute', 'median')).toBe(true);
    expect(needsPartition('impute', 'knn')).toBe(true);
    expect(needsPartition('impute', 'constant')).toBe(false);
    expect(needsPartition('remove_duplicates')).toBe(false);
    expect(needsPartition('drop_columns')).toBe(false);
    expect(needsPartition('fix_labels')).toBe(false);
  });

  it('prefills columns from the finding (never the target) and the target from the dataset', () => {
    const form = remedyForm('impute', finding('missing_values', ['age', 'churn']), { target: 'churn', columns: DATA_COLUMNS });
    expect(form.columns).toEqual(['age']);
    expect(form.strategy).toBe('median');
    const categorical = remedyForm('impute', finding('missing_values', ['city']), { target: 'churn', columns: DATA_COLUMNS });
    expect(categorical.strategy).toBe('most_frequent');
    expect(remedyForm('smote', null, { target: 'churn', columns: DATA_COLUMNS }).target).toBe('churn');
  });

  it('builds SMOTE parameters and refuses a neighbour count that is not a whole number', () => {
    const form = remedyForm('smote', finding('class_imbalance', ['churn']), { target: 'churn', columns: DATA_COLUMNS });
    expect(remedyParams(form).params).toEqual({ kind: 'smote', target: 'churn', kNeighbors: 5 });
    const bad = remedyParams({ ...form, kNeighbors: '2.5' });
    expect(bad.params).toBeNull();
    expect(bad.errors.kNeighbors?.key).toBe('data.remedy.form.error.whole');
  });

  it('reads a constant fill as a number when it is one (decimal comma too), else as text', () => {
    const base = remedyForm('impute', finding('missing_values', ['age']), { target: 'churn', columns: DATA_COLUMNS });
    expect(remedyParams({ ...base, strategy: 'constant', fillValue: '2,5' }).params).toEqual({ kind: 'impute', columns: ['age'], strategy: 'constant', fillValue: 2.5 });
    expect(remedyParams({ ...base, columns: ['city'], strategy: 'constant', fillValue: 'unknown' }).params).toMatchObject({ fillValue: 'unknown' });
    expect(remedyParams({ ...base, strategy: 'constant', fillValue: ' ' }).errors.fillValue?.key).toBe('data.remedy.form.error.fillValue');
  });

  it('needs columns for column remedies and at least one corrected label', () => {
    const drop = remedyForm('drop_columns', null, { target: 'churn', columns: DATA_COLUMNS });
    expect(remedyParams(drop).errors.columns?.key).toBe('data.remedy.form.error.columns');
    const fix = remedyForm('fix_labels', finding('label_conflict', ['churn']), { target: 'churn', columns: DATA_COLUMNS });
    expect(remedyParams(fix).errors.labels?.key).toBe('data.remedy.form.error.labels');
    expect(remedyParams({ ...fix, labels: { 4: ' yes ', 9: '' } }).params).toEqual({ kind: 'fix_labels', target: 'churn', changes: [{ rowId: 4, label: 'yes' }] });
  });

  it('leaves the outlier factor to the method default unless typed', () => {
    const form = remedyForm('clip_outliers', finding('outliers', ['age']), { target: 'churn', columns: DATA_COLUMNS });
    expect(remedyParams(form).params).toEqual({ kind: 'clip_outliers', columns: ['age'], method: 'iqr' });
    expect(remedyParams({ ...form, method: 'mad', factor: '3,5' }).params).toEqual({ kind: 'clip_outliers', columns: ['age'], method: 'mad', factor: 3.5 });
    expect(remedyParams({ ...form, factor: '-1' }).errors.factor?.key).toBe('data.remedy.form.error.positive');
  });

  it('limits augmentation to ten times the training rows', () => {
    const form = remedyForm('gaussian_jitter', null, { target: 'churn', columns: DATA_COLUMNS });
    expect(remedyParams(form).params).toEqual({ kind: 'gaussian_jitter', amount: 1, target: 'churn', noiseScale: 0.05 });
    expect(remedyParams({ ...form, amount: '12' }).errors.amount?.key).toBe('data.remedy.form.error.amountMax');
  });

  it('opens critical findings always, warnings in a short report, notes never', () => {
    expect(isFindingOpenAtFirst(finding('duplicate_rows', [], 'critical'), 30)).toBe(true);
    expect(isFindingOpenAtFirst(finding('outliers', ['age'], 'warning'), 3)).toBe(true);
    expect(isFindingOpenAtFirst(finding('outliers', ['age'], 'warning'), 19)).toBe(false);
    expect(isFindingOpenAtFirst(finding('stale_data', ['signup'], 'info'), 1)).toBe(false);
  });

  it('groups findings by severity, most urgent first, leaving out empty groups', () => {
    const groups = groupFindings([finding('outliers', ['age'], 'info'), finding('class_imbalance', ['churn'], 'critical'), finding('missing_values', ['city'], 'info')]);
    expect(groups.map((g) => g.severity)).toEqual(['critical', 'info']);
    expect(groups[1].findings.map((f) => f.kind)).toEqual(['outliers', 'missing_values']);
  });
});

describe('partitions', () => {
  it('starts stratified on a classification target with 70/15/15 and seed 42', () => {
    const form = defaultPartitionForm('churn', true);
    expect(partitionSpec(form, 'churn').spec).toEqual({
      method: 'stratified',
      fractions: { train: 0.7, validation: 0.15, test: expect.closeTo(0.15, 12) },
      seed: 42,
      column: 'churn',
      target: 'churn',
    });
    expect(defaultPartitionForm('price', false).method).toBe('random');
  });

  it('accepts shares typed with a decimal comma and refuses shares that do not add up to 100', () => {
    const form = { ...defaultPartitionForm('churn', true), train: '62,5', validation: '12,5', test: '25' };
    expect(partitionSpec(form, 'churn').spec?.fractions.train).toBeCloseTo(0.625, 12);
    const wrong = partitionSpec({ ...form, test: '30' }, 'churn');
    expect(wrong.spec).toBeNull();
    expect(wrong.errors.shares).toEqual({ key: 'data.partition.error.sum', params: { sum: 105 } });
  });

  it('needs a column for grouped and time splits, of a type the method can use', () => {
    const form = defaultPartitionForm('churn', true);
    const byTime = setPartitionMethod(form, 'time', DATA_COLUMNS, 'churn');
    expect(byTime.column).toBe('');
    expect(partitionSpec(byTime, 'churn').errors.column?.key).toBe('data.partition.error.column');
    const withDate = { ...byTime, column: 'signup' };
    expect(partitionSpec(withDate, 'churn').spec).toMatchObject({ method: 'time', column: 'signup' });
    expect(setPartitionMethod(withDate, 'grouped', DATA_COLUMNS, 'churn').column).toBe('');
    expect(setPartitionMethod(withDate, 'stratified', DATA_COLUMNS, 'churn').column).toBe('churn');
    expect(setPartitionMethod(form, 'random', DATA_COLUMNS, 'churn').column).toBe('');
  });

  it('refuses a seed that is not a whole number', () => {
    expect(partitionSpec({ ...defaultPartitionForm(null, false), seed: 'abc' }, null).errors.seed?.key).toBe('data.partition.error.seed');
  });
});

describe('numbers, paging and comparing', () => {
  it('reads decimal commas and points', () => {
    expect(parseDecimal('0,25')).toBe(0.25);
    expect(parseDecimal(' 3 ')).toBe(3);
    expect(parseDecimal('1.000,5')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });

  it('pages through rows', () => {
    expect(pageInfo(0, 50, 120)).toEqual({ page: 1, pages: 3, first: 1, last: 50 });
    expect(pageInfo(100, 50, 120)).toEqual({ page: 3, pages: 3, first: 101, last: 120 });
    expect(pageInfo(0, 50, 0)).toEqual({ page: 1, pages: 1, first: 0, last: 0 });
    expect(offsetOfPage(9, 50, 120)).toBe(100);
    expect(offsetOfPage(0, 50, 120)).toBe(0);
  });

  it('compares at most two versions, the newest pick replacing the oldest', () => {
    expect(toggleCompare([], 'a')).toEqual(['a']);
    expect(toggleCompare(['a', 'b'], 'c')).toEqual(['b', 'c']);
    expect(toggleCompare(['a', 'b'], 'a')).toEqual(['b']);
  });
});

describe('numbers as the file writes them', () => {
  it('reads decimal commas with dot or space thousands, and refuses the other style', () => {
    expect(parseWrittenNumber('1.234,5', ',', '.')).toBe(1234.5);
    expect(parseWrittenNumber('1\u00a0234,5', ',', ' ')).toBe(1234.5);
    expect(parseWrittenNumber('-0,25', ',', '')).toBe(-0.25);
    expect(parseWrittenNumber('1,234.5', '.', ',')).toBe(1234.5);
    expect(parseWrittenNumber('1.5', ',', '')).toBeNull();
    expect(parseWrittenNumber('abc', '.', '')).toBeNull();
    expect(parseWrittenNumber('', '.', '')).toBeNull();
  });
});
