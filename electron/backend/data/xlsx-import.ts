/**
 * Excel .xlsx import (first sheet or a named one), feeding the same type inference as CSV.
 *
 * The workbook is read with `read-excel-file`: maintained, MIT, pure JavaScript (its
 * dependencies unzip and parse XML in JS; nothing is downloaded or compiled at install time), and
 * it returns typed cells (numbers, booleans, dates from date-formatted cells, strings), which
 * spares us Excel's serial-date arithmetic. It reads the whole workbook into memory, so progress
 * is coarse (read, then type) and cancellation is checked between those phases.
 *
 * A column of only numeric cells is numbers, of only date cells date-times, of only boolean
 * cells booleans; anything else is read as text (numbers written as text in the sheet included)
 * and goes through the text inference (numbers in the sheet's format, dates, booleans...).
 * Short rows are padded with empty cells (spreadsheets omit trailing empties).
 */
import { stat } from 'node:fs/promises';
import readXlsxFile from 'read-excel-file/node';
import type { ColumnPreview, DatasetColumn, ImportOptions, ImportPreview, ImportWarning } from '../../../shared/domain/dataset.js';
import { Dictionary } from './column-builders.js';
import { applyOverride, cleanColumnNames, schemaFor, suggestTarget, type ImportHooks, type ImportResult } from './csv-import.js';
import { dataError, parseError, throwIfCancelled } from './errors.js';
import { finalizeColumn, missingTest, type InferSettings } from './infer.js';
import { detectNumberFormat } from './number-format.js';
import { detectHeader } from './sniff.js';
import { createTable, type DataColumn } from './table.js';

type Cell = string | number | boolean | Date | null;

interface Workbook {
  names: string[];
  sheet: string;
  rows: Cell[][];
}

async function readWorkbook(path: string, sheet: string | undefined): Promise<Workbook> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(path)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (err) {
    throw parseError('xlsxInvalid', `This file could not be read as an Excel workbook (${(err as Error).message}).`, {}, {});
  }
  const names = sheets.map((s) => s.sheet);
  if (names.length === 0) throw parseError('emptyFile', 'The workbook has no sheets.');
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheet);
  if (!chosen) {
    throw dataError('NOT_FOUND', 'sheetNotFound', `The workbook has no sheet named "${sheet}" (it has: ${names.join(', ')}).`, { sheet: sheet ?? '', sheets: names.join(', ') }, 'sheet');
  }
  const rows = chosen.data.map((r) => r.map(toCell));
  // Drop trailing empty rows.
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c === null || c === '')) rows.pop();
  return { names, sheet: chosen.sheet, rows };
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  return String(v);
}

function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString();
  return typeof c === 'string' ? c.trim() : String(c);
}

interface SheetPlan {
  hasHeader: boolean;
  names: string[];
  renames: { index: number; from: string; to: string }[];
  body: Cell[][];
  width: number;
  settings: InferSettings;
}

function planSheet(wb: Workbook, options: ImportOptions): SheetPlan {
  if (wb.rows.length === 0) throw parseError('emptyFile', `The sheet "${wb.sheet}" is empty.`);
  const width = wb.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const textRows = wb.rows.slice(0, 200).map((r) => Array.from({ length: width }, (_, j) => cellText(r[j] ?? null)));
  const cells: string[] = [];
  for (const r of wb.rows.slice(0, 2000)) for (const c of r) if (typeof c === 'string') cells.push(c);
  const fmt = detectNumberFormat(cells);
  const settings: InferSettings = { decimal: fmt.decimal, thousands: fmt.thousands, dateOrder: 'dmy' };
  const hasHeader = options.hasHeader ?? detectHeader(textRows, settings);
  const { names, renames } = hasHeader
    ? cleanColumnNames(textRows[0])
    : { names: Array.from({ length: width }, (_, j) => `column_${j + 1}`), renames: [] };
  return { hasHeader, names, renames, body: hasHeader ? wb.rows.slice(1) : wb.rows, width, settings };
}

/** Builds one raw column from typed cells (before final inference). */
function rawColumn(name: string, body: Cell[][], j: number, isMissing: (t: string) => boolean): DataColumn {
  let nums = 0;
  let bools = 0;
  let dates = 0;
  let present = 0;
  for (const r of body) {
    const c = r[j] ?? null;
    if (c === null || (typeof c === 'string' && isMissing(c))) continue;
    present++;
    if (typeof c === 'number') nums++;
    else if (typeof c === 'boolean') bools++;
    else if (c instanceof Date) dates++;
  }
  const n = body.length;
  if (present > 0 && (nums === present || dates === present || bools === present)) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = body[i][j] ?? null;
      if (c === null || typeof c === 'string') values[i] = NaN;
      else if (c instanceof Date) values[i] = c.getTime();
      else values[i] = typeof c === 'boolean' ? (c ? 1 : 0) : c;
    }
    if (dates === present) return { type: 'datetime', name, values };
    if (bools === present) return { type: 'boolean', name, values, labels: ['false', 'true'] };
    return { type: 'numeric', name, values };
  }
  const dict = new Dictionary(isMissing);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = dict.codeOf(cellText(body[i][j] ?? null));
  return { type: 'categorical', name, codes, levels: dict.levels };
}

function finalize(raw: DataColumn, settings: InferSettings): { column: DataColumn; isDateAmbiguous: boolean } {
  // Dates and booleans typed by the sheet are final; numbers and texts go through inference.
  if (raw.type === 'datetime' || raw.type === 'boolean') return { column: raw, isDateAmbiguous: false };
  const { column, inference } = finalizeColumn(raw, settings);
  return { column, isDateAmbiguous: inference.isDateAmbiguous === true };
}

function warning(code: ImportWarning['code'], params: Record<string, string | number>, column?: string): ImportWarning {
  return { code, messageKey: `data.import.warning.${code}`, params, ...(column ? { column } : {}) };
}

/** The preview of an .xlsx file: sheets, first rows, inferred types. */
export async function previewXlsx(path: string, options: ImportOptions = {}): Promise<ImportPreview> {
  const bytes = (await stat(path)).size;
  const wb = await readWorkbook(path, options.sheet);
  const plan = planSheet(wb, options);
  const isMissing = missingTest(options.missingValues);
  const sample = plan.body.slice(0, 20000);
  const warnings: ImportWarning[] = [];
  if (plan.renames.length > 0) {
    warnings.push(warning('columns_renamed', { count: plan.renames.length, list: plan.renames.map((r) => `"${r.from}" → ${r.to}`).join(', ') }));
  }
  const columns: ColumnPreview[] = plan.names.map((name, index) => {
    const { column, isDateAmbiguous } = finalize(rawColumn(name, sample, index, isMissing), plan.settings);
    if (isDateAmbiguous) warnings.push(warning('dates_ambiguous', { column: name, order: plan.settings.dateOrder }, name));
    const counts = new Map<string, number>();
    let missing = 0;
    for (const r of sample) {
      const t = cellText(r[index] ?? null);
      if (isMissing(t)) missing++;
      else counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return {
      index,
      name,
      originalName: plan.renames.find((r) => r.index === index)?.from ?? name,
      type: column.type,
      missing,
      distinct: counts.size,
      examples: [...counts.keys()].slice(0, 5),
    };
  });
  return {
    format: 'xlsx',
    bytes,
    dialect: null,
    sheets: wb.names,
    sheet: wb.sheet,
    hasHeader: plan.hasHeader,
    columns,
    rows: plan.body.slice(0, 20).map((r) => Array.from({ length: plan.width }, (_, j) => {
      const t = cellText(r[j] ?? null);
      return isMissing(t) ? null : t;
    })),
    sampledRows: sample.length,
    estimatedRows: plan.body.length,
    isComplete: sample.length === plan.body.length,
    renames: plan.renames,
    suggestedTarget: suggestTarget(plan.names),
    warnings,
  };
}

/** Imports one sheet of an .xlsx file. */
export async function importXlsx(path: string, options: ImportOptions = {}, hooks: ImportHooks = {}): Promise<ImportResult> {
  const started = Date.now();
  hooks.onProgress?.({ phase: 'reading', fraction: 0.05, rows: 0 });
  const wb = await readWorkbook(path, options.sheet);
  throwIfCancelled(hooks.signal);
  const plan = planSheet(wb, options);
  if (plan.body.length === 0) throw parseError('noRows', 'The sheet has a header but no data rows.');
  hooks.onProgress?.({ phase: 'typing', fraction: 0.6, rows: plan.body.length });
  const isMissing = missingTest(options.missingValues);
  const overrides = new Map((options.columns ?? []).map((c) => [c.name, c]));
  const warnings: ImportWarning[] = [];
  if (plan.renames.length > 0) {
    warnings.push(warning('columns_renamed', { count: plan.renames.length, list: plan.renames.map((r) => `"${r.from}" → ${r.to}`).join(', ') }));
  }
  const columns: DataColumn[] = [];
  plan.names.forEach((name, j) => {
    if (overrides.get(name)?.isSkipped) return;
    const { column, isDateAmbiguous } = finalize(rawColumn(name, plan.body, j, isMissing), plan.settings);
    if (isDateAmbiguous) warnings.push(warning('dates_ambiguous', { column: name, order: plan.settings.dateOrder }, name));
    columns.push(applyOverride(column, overrides.get(name)?.type, plan.settings, warnings));
  });
  throwIfCancelled(hooks.signal);
  const table = createTable(columns);
  const schema: DatasetColumn[] = schemaFor(columns, options);
  hooks.onProgress?.({ phase: 'typing', fraction: 1, rows: table.nRows });
  return {
    table,
    schema,
    summary: {
      format: 'xlsx',
      dialect: null,
      sheet: wb.sheet,
      rows: table.nRows,
      columns: schema,
      renames: plan.renames,
      warnings,
      elapsedMs: Date.now() - started,
    },
  };
}
