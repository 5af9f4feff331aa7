/**
 * CSV/TSV import: a preview from the first megabyte, then a streaming read of the whole file.
 *
 * The preview sniffs the encoding, dialect, header and number format, reads the sample's rows
 * and infers each column's type. The full read streams the file in 4 MiB chunks through the
 * byte tokenizer; columns the sample showed to be numeric are parsed straight from the bytes into
 * Float64 blocks (no string per cell), the others are dictionary-encoded as they come. Between
 * chunks it reports progress and checks the abort flag (and yields to the event loop, so a
 * worker's cancel message gets through). Nothing is written anywhere: the caller receives a
 * table and stores it in one transaction, so a failed or cancelled import leaves no trace.
 *
 * If a column the sample called numeric meets text further down, it switches to text (with a
 * warning naming the line); if bytes further down are not valid UTF-8, the read restarts as
 * Windows-1252 (with a warning).
 */
import { open, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type {
  ColumnPreview,
  ColumnRename,
  ColumnType,
  CsvDialect,
  DatasetColumn,
  ImportOptions,
  ImportPreview,
  ImportSummary,
  ImportWarning,
} from '../../../shared/domain/dataset.js';
import { CsvScanner } from './csv-scanner.js';
import { Dictionary, LockstepColumns } from './column-builders.js';
import { assertText, ChunkTranscoder, decodeWindows1252, detectEncoding, rangeDecoder, trimPartialUtf8, type EncodingGuess } from './encoding.js';
import { dataError, parseError, throwIfCancelled, type AbortFlag } from './errors.js';
import { convertColumn, finalizeColumn, inferTextType, missingTest, type InferSettings, type TextInference } from './infer.js';
import { detectNumberFormat, numberFormatBytes, parseNumberBytes } from './number-format.js';
import { detectDelimiter, detectHeader, detectQuote } from './sniff.js';
import { createTable, type DataColumn, type DataTable } from './table.js';

/** Bytes read for the preview and sniffing. */
export const SAMPLE_BYTES = 1 << 20;
/** Bytes per read of the full import. */
const CHUNK_BYTES = 4 << 20;
/** Rows of the sample used for inference. */
const MAX_SAMPLE_ROWS = 20000;
/** Rows shown in the preview. */
const PREVIEW_ROWS = 20;

/** Progress of an import. */
export interface ImportProgress {
  phase: 'reading' | 'typing';
  /** 0..1 over the whole import. */
  fraction: number;
  rows: number;
}

/** Progress callback and abort flag of a long operation. */
export interface ImportHooks {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortFlag;
}

/** A finished import. */
export interface ImportResult {
  table: DataTable;
  /** Column names, types and roles (target, ignored) as the user chose them. */
  schema: DatasetColumn[];
  summary: ImportSummary;
}

/** Everything the sample told us. */
interface CsvPlan {
  dialect: CsvDialect;
  bomLength: number;
  isWhole: boolean;
  names: string[];
  renames: ColumnRename[];
  /** Data rows of the sample (header excluded), cells as text. */
  rows: string[][];
  inference: TextInference[];
  missing: number[];
  distinct: number[];
  examples: string[][];
  bytesPerRow: number;
  warnings: ImportWarning[];
}

function warning(code: ImportWarning['code'], params: Record<string, string | number>, extra: Partial<ImportWarning> = {}): ImportWarning {
  return { code, messageKey: `data.import.warning.${code}`, params, ...extra };
}

/** Reads the first `n` bytes of a file. */
async function readHead(path: string, n: number): Promise<{ head: Buffer; size: number }> {
  const size = (await stat(path)).size;
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(n, size));
    let off = 0;
    while (off < head.length) {
      const { bytesRead } = await fh.read(head, off, head.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return { head: head.subarray(0, off), size };
  } finally {
    await fh.close();
  }
}

/** Names for the columns: trimmed; empty -> unnamed_<position>; repeated -> name_2, name_3... */
export function cleanColumnNames(raw: readonly string[]): { names: string[]; renames: ColumnRename[] } {
  const names: string[] = [];
  const renames: ColumnRename[] = [];
  const used = new Set<string>();
  raw.forEach((r, index) => {
    const base = r.trim();
    let name = base === '' ? `unnamed_${index + 1}` : base;
    if (used.has(name)) {
      let k = 2;
      while (used.has(`${name}_${k}`)) k++;
      name = `${name}_${k}`;
    }
    used.add(name);
    names.push(name);
    if (name !== r) renames.push({ index, from: r, to: name });
  });
  return { names, renames };
}

function unescapeQuotes(text: string, quote: string): string {
  return text.split(quote + quote).join(quote);
}

/** Sniffs and samples the file head. */
function planCsv(head: Buffer, size: number, options: ImportOptions): CsvPlan {
  const isWhole = head.length >= size;
  const over = options.dialect ?? {};
  let enc: EncodingGuess = detectEncoding(head, isWhole);
  if (over.encoding && over.encoding !== enc.encoding) enc = { encoding: over.encoding, hasBom: enc.hasBom, bomLength: enc.bomLength };
  const body = head.subarray(enc.bomLength);
  let text: string;
  let scanBytes: Buffer;
  if (enc.encoding === 'utf-16le' || enc.encoding === 'utf-16be') {
    text = new TextDecoder(enc.encoding).decode(isWhole ? body : body.subarray(0, body.length & ~1));
    scanBytes = Buffer.from(text, 'utf8');
  } else {
    scanBytes = body;
    text = enc.encoding === 'windows-1252' ? decodeWindows1252(body, 0, body.length) : body.toString('utf8', 0, isWhole ? body.length : trimPartialUtf8(body));
  }
  if (text.trim() === '') throw parseError('emptyFile', 'The file is empty.');
  const quote = over.quote !== undefined ? over.quote : detectQuote(text);
  const delimiter = over.delimiter ?? detectDelimiter(text, quote, isWhole);

  // Read the sample's rows with the real tokenizer, so the preview sees what the import will.
  const decode = rangeDecoder(enc.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');
  const rawRows: string[][] = [];
  const lines: number[] = [];
  const scanner = new CsvScanner({ delimiter: delimiter.charCodeAt(0), quote: quote === null ? -1 : quote.charCodeAt(0) }, (buf, starts, ends, flags, nf, line) => {
    const row: string[] = new Array(nf);
    for (let f = 0; f < nf; f++) {
      let t = decode(buf, starts[f], ends[f]);
      if (flags[f] === 2 && quote !== null) t = unescapeQuotes(t, quote);
      row[f] = flags[f] === 0 ? t.trim() : t;
    }
    rawRows.push(row);
    lines.push(line);
    if (rawRows.length > MAX_SAMPLE_ROWS) scanner.isStopped = true;
  });
  const consumed = scanner.scan(scanBytes, isWhole);
  if (rawRows.length === 0) throw parseError('emptyFile', 'The file is empty.');

  // The first few thousand rows are plenty to tell the number format.
  const allCells: string[] = [];
  for (const r of rawRows.slice(0, 5000)) for (const c of r) allCells.push(c);
  const guess = detectNumberFormat(allCells, delimiter);
  const decimal = over.decimalSeparator ?? guess.decimal;
  const thousands = over.thousandsSeparator ?? (over.decimalSeparator && over.decimalSeparator !== guess.decimal ? '' : guess.thousands);
  const baseSettings: InferSettings = { decimal, thousands, dateOrder: over.dateOrder ?? 'dmy' };
  const hasHeader = over.hasHeader ?? detectHeader(rawRows.slice(0, 200), baseSettings);
  const nCols = rawRows[0].length;
  const { names, renames } = hasHeader
    ? cleanColumnNames(rawRows[0])
    : { names: Array.from({ length: nCols }, (_, j) => `column_${j + 1}`), renames: [] };
  const dataRows = hasHeader ? rawRows.slice(1) : rawRows;
  const dataLines = hasHeader ? lines.slice(1) : lines;
  dataRows.forEach((r, i) => {
    if (r.length !== nCols) throw raggedError(dataLines[i], r.length, nCols);
  });

  const warnings: ImportWarning[] = [];
  if (renames.length > 0) {
    warnings.push(warning('columns_renamed', { count: renames.length, list: renames.map((r) => `"${r.from}" → ${r.to}`).join(', ') }));
  }
  if (guess.isThousandsAssumed && !over.thousandsSeparator) warnings.push(warning('thousands_separator_assumed', { separator: thousands }));

  const isMissing = missingTest(options.missingValues);
  const inference: TextInference[] = [];
  const missing: number[] = [];
  const distinct: number[] = [];
  const examples: string[][] = [];
  let provenOrder: 'dmy' | 'mdy' | null = null;
  for (let j = 0; j < nCols; j++) {
    const counts = new Map<string, number>();
    let m = 0;
    for (const r of dataRows) {
      const v = r[j];
      if (isMissing(v)) m++;
      else counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const inf = inferTextType(names[j], [...counts.keys()], [...counts.values()], baseSettings);
    if (inf.type === 'datetime' && !inf.isDateAmbiguous && (inf.dateOrder === 'dmy' || inf.dateOrder === 'mdy')) provenOrder = inf.dateOrder;
    inference.push(inf);
    missing.push(m);
    distinct.push(counts.size);
    examples.push([...counts.keys()].slice(0, 5));
  }
  const dateOrder = over.dateOrder ?? provenOrder ?? 'dmy';
  const dialect: CsvDialect = {
    encoding: enc.encoding,
    hasBom: enc.hasBom,
    delimiter,
    quote,
    hasHeader,
    decimalSeparator: decimal,
    thousandsSeparator: thousands,
    dateOrder,
  };
  // Bytes of the original file per data row, for the row estimate.
  const consumedOriginal = enc.encoding.startsWith('utf-16') ? (consumed / Math.max(1, scanBytes.length)) * body.length : consumed;
  const bytesPerRow = consumedOriginal / Math.max(1, rawRows.length);
  return { dialect, bomLength: enc.bomLength, isWhole, names, renames, rows: dataRows, inference, missing, distinct, examples, bytesPerRow, warnings };
}

function raggedError(line: number, found: number, expected: number): Error {
  return parseError(
    'raggedRow',
    `Line ${line} has ${found} fields, but the header has ${expected}.`,
    { line, found, expected },
    { line, column: Math.min(found, expected) + 1 },
  );
}

const TARGET_NAMES = /^(target|label|labels|class|clase|y|objetivo|etiqueta|outcome|churn|churned|default|fraud|survived)$/i;

/** A column whose name says it is the target, if any. */
export function suggestTarget(names: readonly string[]): string | null {
  return names.find((n) => TARGET_NAMES.test(n.trim())) ?? null;
}

/** The preview of a CSV/TSV file: dialect, first rows, inferred types, warnings. Reads at most 1 MiB. */
export async function previewCsv(path: string, options: ImportOptions = {}): Promise<ImportPreview> {
  const { head, size } = await readHead(path, SAMPLE_BYTES);
  if (size === 0) throw parseError('emptyFile', 'The file is empty.');
  const plan = planCsv(head, size, options);
  const isMissing = missingTest(options.missingValues);
  const columns: ColumnPreview[] = plan.names.map((name, index) => ({
    index,
    name,
    originalName: plan.renames.find((r) => r.index === index)?.from ?? name,
    type: plan.inference[index].type,
    missing: plan.missing[index],
    distinct: plan.distinct[index],
    examples: plan.examples[index],
  }));
  const warnings = plan.warnings.slice();
  for (const c of columns) {
    if (plan.inference[c.index].isDateAmbiguous) warnings.push(warning('dates_ambiguous', { column: c.name, order: plan.dialect.dateOrder }, { column: c.name }));
  }
  if (!plan.isWhole) warnings.push(warning('sample_only', { rows: plan.rows.length }));
  const estimatedRows = plan.isWhole ? plan.rows.length : Math.round((size - plan.bomLength) / plan.bytesPerRow) - (plan.dialect.hasHeader ? 1 : 0);
  return {
    format: 'csv',
    bytes: size,
    dialect: plan.dialect,
    sheets: [],
    sheet: null,
    hasHeader: plan.dialect.hasHeader,
    columns,
    rows: plan.rows.slice(0, PREVIEW_ROWS).map((r) => r.map((c) => (isMissing(c) ? null : c))),
    sampledRows: plan.rows.length,
    estimatedRows: Math.max(plan.rows.length, estimatedRows),
    isComplete: plan.isWhole,
    renames: plan.renames,
    suggestedTarget: suggestTarget(plan.names),
    warnings,
  };
}

const KIND_NUMBER = 0;
const KIND_TEXT = 1;
const KIND_SKIP = 2;

/** Signals that the file is not UTF-8 after all; the import restarts as Windows-1252. */
class NotUtf8 extends Error {}

/** The full-read row handler: numbers parsed in place, texts dictionary-encoded. */
class ColumnReader {
  readonly kinds: Uint8Array;
  readonly store: LockstepColumns;
  readonly dictionaries: (Dictionary | null)[];
  readonly warnings: ImportWarning[] = [];
  private isHeaderPending: boolean;
  private readonly decimal: number;
  private readonly thousands: number;
  private readonly quote: string | null;

  constructor(
    private readonly names: readonly string[],
    kinds: number[],
    dialect: CsvDialect,
    private readonly decode: (buf: Buffer, s: number, e: number) => string,
    private readonly isMissing: (t: string) => boolean,
  ) {
    this.kinds = Uint8Array.from(kinds);
    this.store = new LockstepColumns(kinds.map((k) => (k === KIND_NUMBER ? 'number' : k === KIND_TEXT ? 'code' : 'skip')));
    this.dictionaries = kinds.map((k) => (k === KIND_TEXT ? new Dictionary(isMissing) : null));
    this.isHeaderPending = dialect.hasHeader;
    const fmt = numberFormatBytes(dialect.decimalSeparator, dialect.thousandsSeparator);
    this.decimal = fmt.decimal;
    this.thousands = fmt.thousands;
    this.quote = dialect.quote;
  }

  /** Data rows read. */
  get rows(): number {
    return this.store.length;
  }

  readonly handle = (
    buf: Buffer,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    nf: number,
    line: number,
    plain: Float64Array,
  ): void => {
    if (this.isHeaderPending) {
      this.isHeaderPending = false;
      return;
    }
    const kinds = this.kinds;
    const nCols = kinds.length;
    if (nf !== nCols) throw raggedError(line, nf, nCols);
    const store = this.store;
    const p = store.pos;
    const numCur = store.numCur;
    for (let j = 0; j < nCols; j++) {
      const k = kinds[j];
      if (k === KIND_NUMBER) {
        let v = plain[j];
        if (v !== v) {
          const s = starts[j];
          const e = ends[j];
          v = parseNumberBytes(buf, s, e, this.decimal, this.thousands);
          if (v !== v && e !== s) {
            this.numberFallback(j, this.cellText(buf, s, e, flags[j]), line);
            continue;
          }
        }
        (numCur[j] as Float64Array)[p] = v;
      } else if (k === KIND_TEXT) {
        (store.codeCur[j] as Int32Array)[p] = (this.dictionaries[j] as Dictionary).codeOf(this.cellText(buf, starts[j], ends[j], flags[j]));
      }
    }
    store.endRow();
  };

  private cellText(buf: Buffer, s: number, e: number, flag: number): string {
    const t = this.decode(buf, s, e);
    if (flag === 0) return t.trim();
    return flag === 2 && this.quote !== null ? unescapeQuotes(t, this.quote) : t;
  }

  /** A numeric column met a cell that is not a number: missing word, or switch the column to text. */
  private numberFallback(j: number, text: string, line: number): void {
    const store = this.store;
    if (this.isMissing(text)) {
      (store.numCur[j] as Float64Array)[store.pos] = NaN;
      return;
    }
    const dict = new Dictionary(this.isMissing);
    store.numbersToCodes(j, (v) => dict.codeOf(String(v)));
    (store.codeCur[j] as Int32Array)[store.pos] = dict.codeOf(text);
    this.dictionaries[j] = dict;
    this.kinds[j] = KIND_TEXT;
    this.warnings.push(
      warning('numbers_fell_back_to_text', { column: this.names[j], line, value: text.slice(0, 40) }, { column: this.names[j], line }),
    );
  }
}

/**
 * Imports a CSV/TSV file into a table. `options` carries the user's choices from the preview
 * (dialect overrides, types, target, ignored and skipped columns).
 */
export async function importCsv(path: string, options: ImportOptions = {}, hooks: ImportHooks = {}): Promise<ImportResult> {
  const started = Date.now();
  const { head, size } = await readHead(path, SAMPLE_BYTES);
  if (size === 0) throw parseError('emptyFile', 'The file is empty.');
  const plan = planCsv(head, size, options);
  try {
    return await readAll(path, size, plan, options, hooks, started);
  } catch (err) {
    if (!(err instanceof NotUtf8)) throw err;
    const retry = planCsv(head, size, { ...options, dialect: { ...options.dialect, encoding: 'windows-1252' } });
    retry.warnings.push(warning('encoding_fallback', { encoding: 'windows-1252' }));
    return readAll(path, size, retry, options, hooks, started);
  }
}

async function readAll(path: string, size: number, plan: CsvPlan, options: ImportOptions, hooks: ImportHooks, started: number): Promise<ImportResult> {
  const { dialect } = plan;
  const overrides = new Map((options.columns ?? []).map((c) => [c.name, c]));
  const isMissing = missingTest(options.missingValues);
  const kinds = plan.names.map((name, j) => {
    if (overrides.get(name)?.isSkipped) return KIND_SKIP;
    const t = plan.inference[j].type;
    return t === 'numeric' || t === 'integer' ? KIND_NUMBER : KIND_TEXT;
  });
  const decode = rangeDecoder(dialect.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');
  const reader = new ColumnReader(plan.names, kinds, dialect, decode, isMissing);
  const scanner = new CsvScanner(
    {
      delimiter: dialect.delimiter.charCodeAt(0),
      quote: dialect.quote === null ? -1 : dialect.quote.charCodeAt(0),
      decimal: dialect.decimalSeparator.charCodeAt(0),
    },
    reader.handle,
  );
  const transcoder = new ChunkTranscoder(dialect.encoding);
  const checkUtf8 = dialect.encoding === 'utf-8';
  const fh = await open(path, 'r');
  try {
    let position = plan.bomLength;
    // Working buffer: the carried-over partial row, then the next read right after it.
    let work = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = 0;
    for (;;) {
      throwIfCancelled(hooks.signal);
      let buf: Buffer;
      let isLast: boolean;
      if (!transcoder.isTranscoding) {
        if (carry === work.length) {
          const bigger = Buffer.allocUnsafe(work.length * 2);
          work.copy(bigger, 0, 0, carry);
          work = bigger;
        }
        const { bytesRead } = await fh.read(work, carry, work.length - carry, position);
        position += bytesRead;
        isLast = bytesRead === 0 || position >= size;
        buf = work.subarray(0, carry + bytesRead);
        if (buf.indexOf(0, carry) >= 0) assertText(buf, scanner.line);
      } else {
        const raw = Buffer.allocUnsafe(CHUNK_BYTES);
        const { bytesRead } = await fh.read(raw, 0, CHUNK_BYTES, position);
        position += bytesRead;
        isLast = bytesRead === 0 || position >= size;
        const data = transcoder.push(raw.subarray(0, bytesRead), isLast);
        if (data.indexOf(0) >= 0) assertText(data, scanner.line);
        buf = carry > 0 ? Buffer.concat([work.subarray(0, carry), data]) : data;
      }
      const consumed = scanner.scan(buf, isLast);
      if (checkUtf8 && !isUtf8(buf.subarray(0, consumed))) throw new NotUtf8();
      const rest = buf.length - consumed;
      if (transcoder.isTranscoding) {
        if (rest > work.length) work = Buffer.allocUnsafe(rest * 2);
        buf.copy(work, 0, consumed);
      } else {
        work.copyWithin(0, consumed, buf.length);
      }
      carry = rest;
      hooks.onProgress?.({ phase: 'reading', fraction: 0.9 * Math.min(1, position / Math.max(1, size)), rows: reader.rows });
      if (isLast) break;
      // Let the event loop run (a worker's cancel message, progress posting).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    await fh.close();
  }
  if (reader.rows === 0) throw parseError('noRows', 'The file has a header but no data rows.');
  hooks.onProgress?.({ phase: 'typing', fraction: 0.92, rows: reader.rows });
  throwIfCancelled(hooks.signal);

  const warnings = plan.warnings.concat(reader.warnings);
  const settings: InferSettings = { decimal: dialect.decimalSeparator, thousands: dialect.thousandsSeparator, dateOrder: dialect.dateOrder };
  const columns: DataColumn[] = [];
  for (let j = 0; j < plan.names.length; j++) {
    const name = plan.names[j];
    if (reader.kinds[j] === KIND_SKIP) continue;
    const dict = reader.dictionaries[j];
    const raw: DataColumn = dict
      ? { type: 'categorical', name, codes: reader.store.finishCodes(j), levels: dict.levels }
      : { type: 'numeric', name, values: reader.store.finishNumbers(j) };
    reader.dictionaries[j] = null;
    const { column, inference } = finalizeColumn(raw, settings);
    const sampleType = plan.inference[j].type;
    if (inference.type !== sampleType && plan.missing[j] < plan.rows.length) {
      warnings.push(warning('type_changed_after_full_read', { column: name, from: sampleType, to: inference.type }, { column: name }));
    }
    if (inference.isDateAmbiguous) warnings.push(warning('dates_ambiguous', { column: name, order: inference.dateOrder ?? dialect.dateOrder }, { column: name }));
    columns.push(applyOverride(column, overrides.get(name)?.type, settings, warnings));
  }
  const table = createTable(columns);
  const schema = schemaFor(columns, options);
  hooks.onProgress?.({ phase: 'typing', fraction: 1, rows: table.nRows });
  return {
    table,
    schema,
    summary: {
      format: 'csv',
      dialect,
      sheet: null,
      rows: table.nRows,
      columns: schema,
      renames: plan.renames,
      warnings,
      elapsedMs: Date.now() - started,
    },
  };
}

/** Converts a column to the user's chosen type, warning about values that did not convert. */
export function applyOverride(column: DataColumn, type: ColumnType | undefined, settings: InferSettings, warnings: ImportWarning[]): DataColumn {
  if (!type || type === column.type) return column;
  const conv = convertColumn(column, type, settings);
  if (conv.failed > 0) {
    warnings.push(
      warning('values_not_converted', { column: column.name, count: conv.failed, type, row: conv.firstFailedRow + 1 }, { column: column.name }),
    );
  }
  return conv.column;
}

/** Schema with roles: the chosen target, ignored columns (user's, plus identifiers), the rest features. */
export function schemaFor(columns: readonly DataColumn[], options: ImportOptions): DatasetColumn[] {
  const overrides = new Map((options.columns ?? []).map((c) => [c.name, c]));
  if (options.target !== undefined && !columns.some((c) => c.name === options.target)) {
    throw dataError('INVALID_ARGUMENT', 'targetNotFound', `The target column "${options.target}" is not in the file.`, { column: options.target }, 'target');
  }
  return columns.map((c) => ({
    name: c.name,
    type: c.type,
    role: c.name === options.target ? 'target' : overrides.get(c.name)?.isIgnored || c.type === 'identifier' ? 'ignored' : 'feature',
  }));
}
