// Pure rules of the Data step, tested without React or a backend:
// - the import wizard: path -> preview (sniffed settings the user may change) -> column choices
//   (type, ignored, target) -> the ImportOptions sent with the import;
// - the remedy forms (defaults from a finding, typed numbers, the RemedyParams they produce) and
//   which remedies must wait for a train/validation/test partition (leakage);
// - the partition form; findings grouped by severity; paging; the two versions to compare.
import type {
  ColumnPreview,
  ColumnType,
  CsvDialect,
  DatasetColumn,
  Finding,
  ImportOptions,
  ImportPreview,
  PartitionMethod,
  PartitionSpec,
  RemedyKind,
  RemedyParams,
  Severity,
} from '../../shared/domain/dataset.js';
import { PartitionSpecSchema, RemedyParamsSchema } from '../../shared/domain/dataset.js';
import type { ApiError } from '../../shared/errors.js';
import type { FieldErrors } from '../lib/field-errors.js';

// ---------------------------------------------------------------------------------------------
// Numbers typed by people

/** Reads a number typed with a decimal point or a decimal comma ("0.5", "0,5", "12"); null if it is not one. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** Reads a whole number; null if the text is not one. */
export function parseWhole(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}

// ---------------------------------------------------------------------------------------------
// Import wizard

/** Where the import dialog is. */
export type ImportStage = 'closed' | 'path' | 'preview';

/** What the user decided about one column (only what differs from the preview). */
export interface ColumnChoice {
  /** A type other than the inferred one. */
  type?: ColumnType;
  isIgnored?: boolean;
}

/** The dialect fields the user may change in the preview. */
export type DialectField = 'encoding' | 'delimiter' | 'hasHeader' | 'decimalSeparator' | 'thousandsSeparator' | 'dateOrder';

/** The import dialog's state. */
export interface ImportWizard {
  stage: ImportStage;
  path: string;
  /** Name of the dataset (defaults to the file name). */
  name: string;
  isNameEdited: boolean;
  /** Dialect settings the user changed (the rest is sniffed). */
  dialect: Partial<Pick<CsvDialect, DialectField>>;
  /** xlsx: the chosen sheet (null = first). */
  sheet: string | null;
  /** xlsx: the user's answer to "first row holds names?" (null = sniffed). */
  hasHeader: boolean | null;
  preview: ImportPreview | null;
  /** Options the preview on screen was computed with; differs from the current ones when stale. */
  previewOptionsKey: string | null;
  isPreviewLoading: boolean;
  previewError: ApiError | null;
  /** Column name -> choice. */
  columns: Readonly<Record<string, ColumnChoice>>;
  /** Target column ('' = none). */
  target: string;
  /** True once the user picked the target themselves (a new preview then keeps it). */
  isTargetChosen: boolean;
  /** The running import job. */
  jobId: string | null;
  importError: ApiError | null;
}

/** What the Objective says about the target, to prefill the choice. */
export interface TargetHint {
  targetColumn?: string;
  /** The objective's free-text "what should the model predict" (matches when it is a column name). */
  targetText?: string;
}

/** The closed dialog. */
export function closedWizard(): ImportWizard {
  return {
    stage: 'closed',
    path: '',
    name: '',
    isNameEdited: false,
    dialect: {},
    sheet: null,
    hasHeader: null,
    preview: null,
    previewOptionsKey: null,
    isPreviewLoading: false,
    previewError: null,
    columns: {},
    target: '',
    isTargetChosen: false,
    jobId: null,
    importError: null,
  };
}

/** The dialog opened on its first page (a path, given or typed). */
export function openWizard(path = ''): ImportWizard {
  return setPath({ ...closedWizard(), stage: 'path' }, path);
}

/** "data/Customers 2024.csv" -> "Customers 2024". */
export function datasetNameFromPath(path: string): string {
  const base = path.trim().split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim();
}

/** True when the path names an Excel workbook. */
export function isSpreadsheetPath(path: string): boolean {
  return /\.xlsx$/i.test(path.trim());
}

/** A new path: the name follows it (unless typed), and everything read from the old file is dropped. */
export function setPath(w: ImportWizard, path: string): ImportWizard {
  return {
    ...w,
    path,
    name: w.isNameEdited ? w.name : datasetNameFromPath(path),
    dialect: {},
    sheet: null,
    hasHeader: null,
    preview: null,
    previewOptionsKey: null,
    previewError: null,
    columns: {},
    target: w.isTargetChosen ? w.target : '',
    importError: null,
  };
}

/** The user typed a dataset name. */
export function setName(w: ImportWizard, name: string): ImportWizard {
  return { ...w, name, isNameEdited: true };
}

/** The file-reading options (format, dialect, sheet, header) that decide what the preview shows. */
export function readOptions(w: ImportWizard): ImportOptions {
  const options: ImportOptions = {};
  if (isSpreadsheetPath(w.path)) {
    options.format = 'xlsx';
    if (w.sheet !== null) options.sheet = w.sheet;
    if (w.hasHeader !== null) options.hasHeader = w.hasHeader;
  } else if (Object.keys(w.dialect).length > 0) {
    options.dialect = { ...w.dialect };
  }
  return options;
}

/** A stable key of {@link readOptions}, to tell whether the preview on screen is still current. */
export function readOptionsKey(w: ImportWizard): string {
  const o = readOptions(w);
  const dialect = o.dialect ? Object.entries(o.dialect).sort(([a], [b]) => a.localeCompare(b)) : [];
  return JSON.stringify([w.path.trim(), o.format ?? '', o.sheet ?? '', o.hasHeader ?? '', dialect]);
}

/** True when the settings changed since the preview on screen was read. */
export function isPreviewStale(w: ImportWizard): boolean {
  return w.preview !== null && w.previewOptionsKey !== readOptionsKey(w);
}

/** A preview was asked for. */
export function previewStarted(w: ImportWizard): ImportWizard {
  return { ...w, isPreviewLoading: true, previewError: null };
}

function normalizeName(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_\-.]+/g, '');
}

/**
 * The target to propose: the Objective's bound column when the file has it, else a column whose
 * name is what the Objective says the model predicts, else the backend's guess from the names.
 */
export function proposeTarget(columns: readonly ColumnPreview[], hint: TargetHint, suggested: string | null): string {
  const names = columns.map((c) => c.name);
  if (hint.targetColumn) {
    if (names.includes(hint.targetColumn)) return hint.targetColumn;
    const loose = names.find((n) => normalizeName(n) === normalizeName(hint.targetColumn ?? ''));
    if (loose) return loose;
  }
  if (hint.targetText) {
    const wanted = normalizeName(hint.targetText);
    const match = wanted === '' ? undefined : names.find((n) => normalizeName(n) === wanted);
    if (match) return match;
  }
  return suggested !== null && names.includes(suggested) ? suggested : '';
}

/**
 * The preview arrived. Choices about columns that no longer exist (another delimiter, another
 * sheet) are dropped; a target the user chose stays while its column exists, otherwise one is
 * proposed. The sniffed settings become visible as they are; only the user's changes are kept.
 */
export function previewLoaded(w: ImportWizard, preview: ImportPreview, optionsKey: string, hint: TargetHint): ImportWizard {
  const names = new Set(preview.columns.map((c) => c.name));
  const columns: Record<string, ColumnChoice> = {};
  for (const [name, choice] of Object.entries(w.columns)) {
    const col = preview.columns.find((c) => c.name === name);
    if (!col) continue;
    const kept: ColumnChoice = {};
    if (choice.type !== undefined && choice.type !== col.type) kept.type = choice.type;
    if (choice.isIgnored) kept.isIgnored = true;
    if (Object.keys(kept).length > 0) columns[name] = kept;
  }
  const keepTarget = w.isTargetChosen && (w.target === '' || names.has(w.target));
  const target = keepTarget ? w.target : proposeTarget(preview.columns, hint, preview.suggestedTarget);
  if (target !== '' && columns[target]?.isIgnored) delete columns[target].isIgnored;
  return {
    ...w,
    stage: 'preview',
    preview,
    previewOptionsKey: optionsKey,
    isPreviewLoading: false,
    previewError: null,
    columns,
    target,
    isTargetChosen: keepTarget ? w.isTargetChosen : false,
  };
}

/** The preview could not be made (the error says where). The last good preview is dropped: it no longer describes the settings. */
export function previewFailed(w: ImportWizard, error: ApiError): ImportWizard {
  return { ...w, isPreviewLoading: false, previewError: error, preview: null, previewOptionsKey: null };
}

/** One dialect setting changed (the store then reads the preview again). */
export function setDialectField<F extends DialectField>(w: ImportWizard, field: F, value: CsvDialect[F]): ImportWizard {
  return { ...w, dialect: { ...w.dialect, [field]: value } };
}

/** The value a dialect setting has now: the user's choice, else what sniffing found. */
export function dialectValue<F extends DialectField>(w: ImportWizard, field: F): CsvDialect[F] | null {
  const own = w.dialect[field];
  if (own !== undefined) return own as CsvDialect[F];
  return w.preview?.dialect ? w.preview.dialect[field] : null;
}

/** xlsx: another sheet. */
export function setSheet(w: ImportWizard, sheet: string): ImportWizard {
  return { ...w, sheet };
}

/** xlsx: whether the first row holds names. */
export function setSheetHeader(w: ImportWizard, hasHeader: boolean): ImportWizard {
  return { ...w, hasHeader };
}

function withChoice(w: ImportWizard, name: string, change: (c: ColumnChoice) => ColumnChoice): ImportWizard {
  const next = change({ ...(w.columns[name] ?? {}) });
  const columns = { ...w.columns };
  if (Object.keys(next).length === 0) delete columns[name];
  else columns[name] = next;
  return { ...w, columns };
}

/** The type the column will be imported as. */
export function effectiveType(w: ImportWizard, column: ColumnPreview): ColumnType {
  return w.columns[column.name]?.type ?? column.type;
}

/** Overrides a column's type; choosing the inferred type again removes the override. */
export function setColumnType(w: ImportWizard, column: ColumnPreview, type: ColumnType): ImportWizard {
  return withChoice(w, column.name, (c) => {
    if (type === column.type) delete c.type;
    else c.type = type;
    return c;
  });
}

/** Keeps a column out of the features (or back in). Ignoring the target un-sets it. */
export function setColumnIgnored(w: ImportWizard, name: string, isIgnored: boolean): ImportWizard {
  const next = withChoice(w, name, (c) => {
    if (isIgnored) c.isIgnored = true;
    else delete c.isIgnored;
    return c;
  });
  return isIgnored && w.target === name ? { ...next, target: '', isTargetChosen: true } : next;
}

/** Picks the target ('' = none). The target is never ignored. */
export function setTarget(w: ImportWizard, name: string): ImportWizard {
  const next = name === '' ? w : withChoice(w, name, (c) => {
    delete c.isIgnored;
    return c;
  });
  return { ...next, target: name, isTargetChosen: true };
}

/** The role each column will get. */
export function columnRole(w: ImportWizard, name: string): DatasetColumn['role'] {
  if (w.target === name) return 'target';
  return w.columns[name]?.isIgnored ? 'ignored' : 'feature';
}

/** Everything sent with the import: reading options, column choices and the target. */
export function importOptions(w: ImportWizard): ImportOptions {
  const options = readOptions(w);
  const columns = Object.entries(w.columns)
    .filter(([name]) => !w.preview || w.preview.columns.some((c) => c.name === name))
    .map(([name, choice]) => {
      const out: NonNullable<ImportOptions['columns']>[number] = { name };
      if (choice.type !== undefined) out.type = choice.type;
      if (choice.isIgnored) out.isIgnored = true;
      return out;
    });
  if (columns.length > 0) options.columns = columns;
  if (w.target !== '') options.target = w.target;
  return options;
}

/** Fields of the import dialog that can carry an error. */
export type ImportField = 'path' | 'name';

/** What blocks the import now (checked before any call). */
export function validateImport(w: ImportWizard): FieldErrors<ImportField> {
  const errors: FieldErrors<ImportField> = {};
  if (w.path.trim() === '') errors.path = { key: 'data.import.error.pathRequired' };
  if (w.name.trim() === '') errors.name = { key: 'data.import.error.nameRequired' };
  else if (w.name.trim().length > 120) errors.name = { key: 'data.import.error.nameTooLong', params: { max: 120 } };
  return errors;
}

/** True when the import button may be pressed. */
export function canImport(w: ImportWizard): boolean {
  return w.preview !== null && !w.isPreviewLoading && !isPreviewStale(w) && w.jobId === null && Object.keys(validateImport(w)).length === 0;
}

/** The import job started. */
export function importStarted(w: ImportWizard, jobId: string): ImportWizard {
  return { ...w, jobId, importError: null };
}

/** The import failed or was cancelled: the dialog stays open with the choices intact. */
export function importEnded(w: ImportWizard, error: ApiError | null): ImportWizard {
  return { ...w, jobId: null, importError: error };
}

/** Where in the file an error is (line and column, 1-based), when the backend said. */
export function errorPlace(error: ApiError | null): { line: number | null; column: number | string | null } {
  const line = typeof error?.details?.line === 'number' ? error.details.line : null;
  const column = error?.details?.column;
  return { line, column: typeof column === 'number' || typeof column === 'string' ? column : null };
}

// ---------------------------------------------------------------------------------------------
// Quality report

/** Severities from the most to the least urgent. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'warning', 'info'];

/** Findings grouped by severity, in the report's order within each group; empty groups left out. */
export function groupFindings(findings: readonly Finding[]): Array<{ severity: Severity; findings: Finding[] }> {
  return SEVERITY_ORDER.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) })).filter((g) => g.findings.length > 0);
}

// A report longer than this opens only its critical findings.
const SHORT_REPORT = 6;

/**
 * Whether a finding's card starts open: a long report opens only what matters most (critical
 * findings always, warnings while the report is short); notes start closed. One click opens any.
 */
export function isFindingOpenAtFirst(finding: Finding, total: number): boolean {
  if (finding.severity === 'critical') return true;
  return finding.severity === 'warning' && total <= SHORT_REPORT;
}

// ---------------------------------------------------------------------------------------------
// Remedies

/** Remedies that change the class balance or add synthetic rows. */
export const BALANCING_REMEDIES: readonly RemedyKind[] = ['random_undersample', 'cluster_centroids', 'random_oversample', 'smote', 'smote_nc', 'gaussian_jitter'];

/**
 * True when a remedy learns from the rows (class balance, statistics, fences) and therefore must be
 * fitted on the training part only: without a partition it would learn from rows that later
 * become validation or test rows, and their scores would be flattered (leakage).
 */
export function needsPartition(kind: RemedyKind, strategy?: string): boolean {
  if (BALANCING_REMEDIES.includes(kind)) return true;
  if (kind === 'impute') return strategy !== 'constant';
  return kind === 'clip_outliers' || kind === 'remove_outliers';
}

/** What a remedy form holds: texts as typed. */
export interface RemedyForm {
  kind: RemedyKind;
  columns: string[];
  strategy: 'mean' | 'median' | 'most_frequent' | 'constant' | 'knn';
  fillValue: string;
  kNeighbors: string;
  method: 'iqr' | 'mad';
  factor: string;
  target: string;
  voting: 'soft' | 'hard';
  amount: string;
  noiseScale: string;
  /** fix_labels: row id -> new label (rows left unchanged are absent or ''). */
  labels: Readonly<Record<number, string>>;
}

/** Fields of a remedy form that can carry an error. */
export type RemedyField = 'columns' | 'fillValue' | 'kNeighbors' | 'factor' | 'target' | 'amount' | 'noiseScale' | 'labels';

/** Context a remedy form is opened in. */
export interface RemedyContextInfo {
  target: string | null;
  columns: readonly DatasetColumn[];
}

const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['numeric', 'integer']);

/** The form of a remedy, prefilled from the finding it answers (columns, target). */
export function remedyForm(kind: RemedyKind, finding: Finding | null, ctx: RemedyContextInfo): RemedyForm {
  const known = new Set(ctx.columns.map((c) => c.name));
  const fromFinding = (finding?.evidence.columns ?? []).filter((c) => known.has(c) && c !== ctx.target);
  const columnType = (name: string) => ctx.columns.find((c) => c.name === name)?.type;
  const isNumericOnly = fromFinding.length > 0 && fromFinding.every((c) => NUMERIC_TYPES.has(columnType(c) ?? 'text'));
  return {
    kind,
    columns: fromFinding,
    strategy: kind === 'impute' && !isNumericOnly ? 'most_frequent' : 'median',
    fillValue: '',
    kNeighbors: '5',
    method: 'iqr',
    factor: '',
    target: ctx.target ?? '',
    voting: 'soft',
    amount: '1',
    noiseScale: '0.05',
    labels: {},
  };
}

/** Kinds whose parameters include a list of columns. */
export function usesColumns(kind: RemedyKind): boolean {
  return kind === 'impute' || kind === 'clip_outliers' || kind === 'remove_outliers' || kind === 'remove_duplicates' || kind === 'drop_columns';
}

/** Kinds that need the target column. */
export function usesTarget(kind: RemedyKind): boolean {
  return kind === 'fix_labels' || kind === 'random_undersample' || kind === 'cluster_centroids' || kind === 'random_oversample' || kind === 'smote' || kind === 'smote_nc';
}

/** Turns the form into the contract's parameters, or says which fields are wrong. */
export function remedyParams(form: RemedyForm): { params: RemedyParams | null; errors: FieldErrors<RemedyField> } {
  const errors: FieldErrors<RemedyField> = {};
  const needColumns = usesColumns(form.kind) && form.kind !== 'remove_duplicates';
  if (needColumns && form.columns.length === 0) errors.columns = { key: 'data.remedy.form.error.columns' };
  if (usesTarget(form.kind) && form.target === '') errors.target = { key: 'data.remedy.form.error.target' };

  const positive = (text: string, field: RemedyField, optional: boolean): number | undefined => {
    if (optional && text.trim() === '') return undefined;
    const v = parseDecimal(text);
    if (v === null || v <= 0) errors[field] = { key: 'data.remedy.form.error.positive' };
    return v ?? undefined;
  };
  const whole = (text: string, field: RemedyField): number | undefined => {
    const v = parseWhole(text);
    if (v === null || v < 1) errors[field] = { key: 'data.remedy.form.error.whole' };
    return v ?? undefined;
  };

  let params: unknown;
  switch (form.kind) {
    case 'impute': {
      const p: Record<string, unknown> = { kind: 'impute', columns: form.columns, strategy: form.strategy };
      if (form.strategy === 'constant') {
        if (form.fillValue.trim() === '') errors.fillValue = { key: 'data.remedy.form.error.fillValue' };
        else p.fillValue = parseDecimal(form.fillValue) ?? form.fillValue.trim();
      }
      if (form.strategy === 'knn') p.kNeighbors = whole(form.kNeighbors, 'kNeighbors');
      params = p;
      break;
    }
    case 'clip_outliers':
    case 'remove_outliers': {
      const p: Record<string, unknown> = { kind: form.kind, columns: form.columns, method: form.method };
      const factor = positive(form.factor, 'factor', true);
      if (factor !== undefined) p.factor = factor;
      params = p;
      break;
    }
    case 'remove_duplicates':
      params = form.columns.length > 0 ? { kind: 'remove_duplicates', columns: form.columns } : { kind: 'remove_duplicates' };
      break;
    case 'drop_columns':
      params = { kind: 'drop_columns', columns: form.columns };
      break;
    case 'fix_labels': {
      const changes = Object.entries(form.labels)
        .filter(([, label]) => label.trim() !== '')
        .map(([rowId, label]) => ({ rowId: Number(rowId), label: label.trim() }));
      if (changes.length === 0) errors.labels = { key: 'data.remedy.form.error.labels' };
      params = { kind: 'fix_labels', target: form.target, changes };
      break;
    }
    case 'random_undersample':
    case 'random_oversample':
      params = { kind: form.kind, target: form.target };
      break;
    case 'cluster_centroids':
      params = { kind: 'cluster_centroids', target: form.target, voting: form.voting };
      break;
    case 'smote':
    case 'smote_nc':
      params = { kind: form.kind, target: form.target, kNeighbors: whole(form.kNeighbors, 'kNeighbors') };
      break;
    case 'gaussian_jitter': {
      const p: Record<string, unknown> = { kind: 'gaussian_jitter', amount: positive(form.amount, 'amount', false) };
      if (form.target !== '') p.target = form.target;
      const noise = positive(form.noiseScale, 'noiseScale', true);
      if (noise !== undefined) p.noiseScale = noise;
      if (form.columns.length > 0) p.columns = form.columns;
      params = p;
      if (typeof p.amount === 'number' && p.amount > 10) errors.amount = { key: 'data.remedy.form.error.amountMax', params: { max: 10 } };
      if (typeof p.noiseScale === 'number' && p.noiseScale > 1) errors.noiseScale = { key: 'data.remedy.form.error.noiseMax', params: { max: 1 } };
      break;
    }
  }
  if (Object.keys(errors).length > 0) return { params: null, errors };
  const parsed = RemedyParamsSchema.safeParse(params);
  if (!parsed.success) return { params: null, errors: { columns: { key: 'data.remedy.form.error.invalid' } } };
  return { params: parsed.data, errors };
}

// ---------------------------------------------------------------------------------------------
// Partitions

/** The partition form: shares as typed percentages. */
export interface PartitionForm {
  method: PartitionMethod;
  train: string;
  validation: string;
  test: string;
  seed: string;
  /** stratified: column to keep balanced; grouped: group column; time: date-time column. */
  column: string;
}

/** Fields of the partition form that can carry an error. */
export type PartitionField = 'train' | 'validation' | 'test' | 'shares' | 'seed' | 'column';

/** The beginner's default: 70/15/15, stratified on a classification target, seed 42. */
export function defaultPartitionForm(target: string | null, isClassification: boolean): PartitionForm {
  const stratify = target !== null && isClassification;
  return { method: stratify ? 'stratified' : 'random', train: '70', validation: '15', test: '15', seed: '42', column: stratify ? (target ?? '') : '' };
}

/** The form showing a saved partition. */
export function partitionFormFromSpec(spec: PartitionSpec): PartitionForm {
  const pct = (f: number) => String(Math.round(f * 1000) / 10);
  return {
    method: spec.method,
    train: pct(spec.fractions.train),
    validation: pct(spec.fractions.validation),
    test: pct(spec.fractions.test),
    seed: String(spec.seed),
    column: spec.column ?? '',
  };
}

/** Columns a partition method can use, by type. */
export function partitionColumnTypes(method: PartitionMethod): readonly ColumnType[] {
  if (method === 'time') return ['datetime'];
  if (method === 'grouped') return ['categorical', 'identifier', 'integer', 'boolean', 'text'];
  if (method === 'stratified') return ['categorical', 'boolean', 'integer'];
  return [];
}

/** A method change keeps the column only when the new method can use it. */
export function setPartitionMethod(form: PartitionForm, method: PartitionMethod, columns: readonly DatasetColumn[], target: string | null): PartitionForm {
  const allowed = partitionColumnTypes(method);
  const fits = (name: string) => columns.some((c) => c.name === name && allowed.includes(c.type));
  let column = fits(form.column) ? form.column : '';
  if (method === 'stratified' && column === '' && target !== null && fits(target)) column = target;
  return { ...form, method, column: method === 'random' ? '' : column };
}

/** Turns the form into the contract's spec, or says which fields are wrong. */
export function partitionSpec(form: PartitionForm, target: string | null): { spec: PartitionSpec | null; errors: FieldErrors<PartitionField> } {
  const errors: FieldErrors<PartitionField> = {};
  const share = (field: 'train' | 'validation' | 'test', min: number): number => {
    const v = parseDecimal(form[field]);
    if (v === null || v < min || v > 100) {
      errors[field] = { key: min > 0 ? 'data.partition.error.trainShare' : 'data.partition.error.share' };
      return 0;
    }
    return v;
  };
  const train = share('train', 1);
  const validation = share('validation', 0);
  const test = share('test', 0);
  if (!errors.train && !errors.validation && !errors.test && Math.abs(train + validation + test - 100) > 1e-6) {
    errors.shares = { key: 'data.partition.error.sum', params: { sum: Math.round((train + validation + test) * 10) / 10 } };
  }
  const seed = parseWhole(form.seed);
  if (seed === null) errors.seed = { key: 'data.partition.error.seed' };
  if (form.method !== 'random' && form.column === '') errors.column = { key: 'data.partition.error.column' };
  if (Object.keys(errors).length > 0 || seed === null) return { spec: null, errors };
  // Shares are sent as fractions that add up to exactly 1: the test share absorbs rounding.
  const ft = train / 100;
  const fv = validation / 100;
  const spec: PartitionSpec = { method: form.method, fractions: { train: ft, validation: fv, test: Math.max(0, 1 - ft - fv) }, seed };
  if (form.method !== 'random') spec.column = form.column;
  if (target !== null) spec.target = target;
  const parsed = PartitionSpecSchema.safeParse(spec);
  if (!parsed.success) return { spec: null, errors: { shares: { key: 'data.partition.error.sum', params: { sum: train + validation + test } } } };
  return { spec: parsed.data, errors };
}

// ---------------------------------------------------------------------------------------------
// Comparing versions

/** Ticks a version for comparison: at most two; a third replaces the older pick. */
export function toggleCompare(selected: readonly string[], id: string): string[] {
  if (selected.includes(id)) return selected.filter((s) => s !== id);
  return [...selected, id].slice(-2);
}

// ---------------------------------------------------------------------------------------------
// Numbers as written in a file

/**
 * Reads a cell of a numeric column as the file writes it ("1.234,5" with a decimal comma and a
 * dot for thousands), so the preview can show it as a number in the user's own style; null when
 * the text is not a number under those settings.
 */
export function parseWrittenNumber(text: string, decimal: '.' | ',', thousands: string): number | null {
  let s = text.trim();
  if (s === '') return null;
  if (thousands !== '') {
    const spaces = thousands === ' ' ? /[ \u00a0\u202f]/g : null;
    s = spaces ? s.replace(spaces, '') : s.split(thousands).join('');
  }
  if (decimal === ',') {
    if (s.includes('.')) return null;
    s = s.replace(',', '.');
  } else if (s.includes(',')) return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}
