import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importFile, previewFile } from '../../../../../electron/backend/data/import.js';
import { cellText, getColumn, isNumberColumn, type DataTable } from '../../../../../electron/backend/data/table.js';
import { AppError } from '../../../../../shared/errors.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../../fixtures/data/${name}`, import.meta.url));

function texts(table: DataTable, name: string): (string | null)[] {
  const c = getColumn(table, name);
  return Array.from({ length: table.nRows }, (_, i) => cellText(c, i));
}

function values(table: DataTable, name: string): number[] {
  const c = getColumn(table, name);
  if (!isNumberColumn(c)) throw new Error(`${name} is not a number column`);
  return Array.from(c.values);
}

async function importError(path: string): Promise<AppError> {
  try {
    await importFile(path);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('import succeeded');
}

describe('CSV sniffing and import', () => {
  it('reads a plain UTF-8 comma file with ISO dates and true/false', async () => {
    const preview = await previewFile(fixture('comma-utf8.csv'));
    const { table, schema } = await importFile(fixture('comma-utf8.csv'));

    expect(preview.dialect).toMatchObject({ encoding: 'utf-8', hasBom: false, delimiter: ',', hasHeader: true, decimalSeparator: '.' });
    expect(schema.map((c) => `${c.name}:${c.type}`)).toEqual(['id:integer', 'age:integer', 'height:numeric', 'city:categorical', 'joined:datetime', 'active:boolean']);
    expect(values(table, 'age')[3]).toBeNaN();
    expect(texts(table, 'joined')[0]).toBe('2024-01-15T00:00:00.000Z');
    expect(values(table, 'active')).toEqual([1, 0, 1, 0, 1]);
    expect(texts(table, 'city')[2]).toBe('Bogotá');
  });

  it('reads a semicolon, decimal-comma, Windows-1252 spreadsheet export as numbers, dates and booleans', async () => {
    const preview = await previewFile(fixture('semicolon-latin1.csv'));
    const { table, schema } = await importFile(fixture('semicolon-latin1.csv'));

    expect(preview.dialect).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimalSeparator: ',', thousandsSeparator: '.', dateOrder: 'dmy' });
    expect(schema.find((c) => c.name === 'precio')?.type).toBe('numeric');
    expect(values(table, 'precio')).toEqual([1234.5, 0.75, 12, 2999.99]);
    expect(values(table, 'cantidad').slice(0, 2)).toEqual([3, 10]);
    expect(texts(table, 'fecha')).toEqual(['2024-03-15T00:00:00.000Z', '2024-02-01T00:00:00.000Z', '2023-12-31T00:00:00.000Z', '2024-02-28T00:00:00.000Z']);
    expect(values(table, 'oferta')).toEqual([1, 0, 1, 0]);
    expect(texts(table, 'producto')).toEqual(['Café molido', 'Té verde', 'Piña', 'Jamón ibérico']);
    expect(texts(table, 'nota')).toEqual(['“especial”', null, 'precio en €', 'año nuevo']);
  });

  it('skips a UTF-8 byte-order mark', async () => {
    const preview = await previewFile(fixture('utf8-bom.csv'));
    const { table } = await importFile(fixture('utf8-bom.csv'));

    expect(preview.dialect).toMatchObject({ encoding: 'utf-8', hasBom: true });
    expect(table.columns.map((c) => c.name)).toEqual(['name', 'score']);
    expect(texts(table, 'name')).toEqual(['Álvaro', 'Zoë']);
    expect(values(table, 'score')).toEqual([9.5, 7.25]);
  });

  it('transcodes UTF-16 LE (tab-separated, decimal comma) and UTF-16 BE', async () => {
    const le = await importFile(fixture('utf16le.txt'));
    const bePreview = await previewFile(fixture('utf16be.csv'));
    const be = await importFile(fixture('utf16be.csv'));

    expect(le.summary.dialect).toMatchObject({ encoding: 'utf-16le', hasBom: true, delimiter: '\t', decimalSeparator: ',' });
    expect(texts(le.table, 'país')).toEqual(['España', 'México', 'Perú']);
    expect(values(le.table, 'valor')).toEqual([1.5, 2.25, 3]);
    expect(bePreview.dialect?.encoding).toBe('utf-16be');
    expect(texts(be.table, 'y')).toEqual(['ñ', 'ü', 'ç']);
  });

  it('recognises pipe and tab delimiters', async () => {
    const pipe = await importFile(fixture('pipe.csv'));
    const tabs = await importFile(fixture('tabs.tsv'));

    expect(pipe.summary.dialect?.delimiter).toBe('|');
    expect(values(pipe.table, 'amount')).toEqual([10.5, 3.25, 7]);
    expect(values(pipe.table, 'label')).toEqual([1, 0, 1]);
    expect(tabs.summary.dialect?.delimiter).toBe('\t');
    expect(texts(tabs.table, 'c')).toEqual(['x y', 'z, w', 'v; u']);
  });

  it('keeps delimiters, line breaks and doubled quotes inside quoted fields', async () => {
    const preview = await previewFile(fixture('quoted.csv'));
    const { table } = await importFile(fixture('quoted.csv'));

    expect(preview.dialect?.quote).toBe('"');
    expect(texts(table, 'comment')).toEqual(['Hello, world', 'Line one\nline two', 'She said "yes"', 'plain']);
    expect(values(table, 'amount')).toEqual([10, 20, 30, 40]);
  });

  it('detects a missing header row and names the columns', async () => {
    const preview = await previewFile(fixture('no-header.csv'));
    const { table } = await importFile(fixture('no-header.csv'));

    expect(preview.hasHeader).toBe(false);
    expect(table.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3']);
    expect(table.nRows).toBe(4);
    expect(values(table, 'column_1')[0]).toBe(1.5);
  });

  it('reads space and no-break-space thousands separators with a decimal comma', async () => {
    const { table, summary } = await importFile(fixture('space-thousands.csv'));

    expect(summary.dialect).toMatchObject({ decimalSeparator: ',', thousandsSeparator: ' ' });
    expect(values(table, 'importe')).toEqual([1234.56, 12345.5, 999.9, 1000000.25]);
  });

  it('decides month-first dates when the data proves it, and warns when dates are ambiguous', async () => {
    const mdy = await importFile(fixture('mdy-dates.csv'));
    const ambiguous = await importFile(fixture('ambiguous-dates.csv'));
    const forced = await importFile(fixture('ambiguous-dates.csv'), { dialect: { dateOrder: 'mdy' } });

    expect(texts(mdy.table, 'when')[0]).toBe('2024-03-15T00:00:00.000Z');
    expect(texts(ambiguous.table, 'when')[0]).toBe('2024-04-03T00:00:00.000Z');
    expect(ambiguous.summary.warnings.some((w) => w.code === 'dates_ambiguous' && w.column === 'when')).toBe(true);
    expect(texts(forced.table, 'when')[0]).toBe('2024-03-04T00:00:00.000Z');
  });

  it('infers integer, identifier, text, categorical, boolean, numeric and keeps leading zeros', async () => {
    const preview = await previewFile(fixture('types.csv'));
    const { table, schema } = await importFile(fixture('types.csv'));

    const types = Object.fromEntries(schema.map((c) => [c.name, c.type]));
    expect(types).toEqual({ customer_id: 'identifier', visits: 'integer', review: 'text', plan: 'categorical', is_member: 'boolean', spend: 'numeric', zip: 'identifier' });
    expect(preview.columns.find((c) => c.name === 'spend')?.missing).toBe(1);
    expect(schema.find((c) => c.name === 'customer_id')?.role).toBe('ignored');
    expect(texts(table, 'zip')[0]).toBe('08000');
    expect(texts(table, 'is_member').slice(0, 2)).toEqual(['yes', 'no']);
  });

  it('renames empty and repeated column names visibly', async () => {
    const preview = await previewFile(fixture('dup-names.csv'));
    const { table, summary } = await importFile(fixture('dup-names.csv'));

    expect(table.columns.map((c) => c.name)).toEqual(['a', 'unnamed_2', 'a_2', 'b', 'unnamed_5']);
    expect(preview.renames).toEqual([
      { index: 1, from: '', to: 'unnamed_2' },
      { index: 2, from: 'a', to: 'a_2' },
      { index: 4, from: '', to: 'unnamed_5' },
    ]);
    expect(summary.warnings.find((w) => w.code === 'columns_renamed')?.params.count).toBe(3);
  });

  it('applies type overrides, target, ignored and skipped columns from the preview', async () => {
    const { table, schema, summary } = await importFile(fixture('comma-utf8.csv'), {
      target: 'active',
      columns: [
        { name: 'id', isSkipped: true },
        { name: 'city', isIgnored: true },
        { name: 'age', type: 'categorical' },
        { name: 'height', type: 'integer' },
      ],
    });

    expect(table.columns.map((c) => c.name)).toEqual(['age', 'height', 'city', 'joined', 'active']);
    expect(schema.find((c) => c.name === 'active')?.role).toBe('target');
    expect(schema.find((c) => c.name === 'city')?.role).toBe('ignored');
    expect(getColumn(table, 'age').type).toBe('categorical');
    expect(texts(table, 'age')[0]).toBe('34');
    expect(summary.warnings.find((w) => w.code === 'values_not_converted')?.params).toMatchObject({ column: 'height', count: 5 });
  });

  it('reports ragged rows with their line', async () => {
    const err = await importError(fixture('ragged.csv'));

    expect(err.code).toBe('PARSE_ERROR');
    expect(err.messageKey).toBe('errors.data.raggedRow');
    expect(err.details).toMatchObject({ line: 4 });
    expect(err.params).toMatchObject({ found: 4, expected: 3 });
  });

  it('reports an unterminated quote with the line where it opens', async () => {
    const err = await importError(fixture('unterminated.csv'));

    expect(err.messageKey).toBe('errors.data.unterminatedQuote');
    expect(err.details).toMatchObject({ line: 3, column: 2 });
  });

  it('refuses an empty file and a binary file clearly', async () => {
    const empty = await importError(fixture('empty.csv'));
    const binary = await importError(fixture('binary.csv'));

    expect(empty.messageKey).toBe('errors.data.emptyFile');
    expect(binary.messageKey).toBe('errors.data.binaryFile');
    expect(binary.code).toBe('PARSE_ERROR');
  });

  it('refuses a missing file with NOT_FOUND', async () => {
    const err = await importError(fixture('does-not-exist.csv'));

    expect(err.code).toBe('NOT_FOUND');
  });
});

describe('CSV streaming', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ciclo-csv-'));

  it('reads a file larger than one chunk with quoted line breaks across chunk boundaries, reporting progress', async () => {
    const path = join(dir, 'big.csv');
    const lines = ['n,x,note'];
    for (let i = 0; i < 150000; i++) lines.push(`${i},${(i * 0.5).toFixed(1)},"a, ""b""\nc ${i % 7}"`);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    const fractions: number[] = [];

    const { table } = await importFile(path, {}, { onProgress: (p) => fractions.push(p.fraction) });

    expect(table.nRows).toBe(150000);
    expect(values(table, 'x')[149999]).toBe(74999.5);
    expect(texts(table, 'note')[3]).toBe('a, "b"\nc 3');
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('switches a column to text when text appears after the sample, with the line in a warning', async () => {
    const path = join(dir, 'late-text.csv');
    const lines = ['v,w'];
    for (let i = 0; i < 60000; i++) lines.push(`${i % 100},${i % 3}`);
    lines.push('oops,1');
    writeFileSync(path, lines.join('\n') + '\n');

    const { table, summary } = await importFile(path);

    const w = summary.warnings.find((x) => x.code === 'numbers_fell_back_to_text');
    expect(w).toMatchObject({ column: 'v', line: 60002 });
    expect(getColumn(table, 'v').type).toBe('categorical');
    expect(texts(table, 'v')[60000]).toBe('oops');
    expect(texts(table, 'v')[5]).toBe('5');
  });

  it('restarts as Windows-1252 when bytes after the sample are not UTF-8', async () => {
    const path = join(dir, 'late-latin1.csv');
    const head = Buffer.from(['name,n', ...Array.from({ length: 70000 }, (_, i) => `plain${i},${i}`)].join('\n') + '\n');
    const tail = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x31, 0x0a]);
    writeFileSync(path, Buffer.concat([head, tail]));

    const { table, summary } = await importFile(path);

    expect(summary.dialect?.encoding).toBe('windows-1252');
    expect(summary.warnings.some((w) => w.code === 'encoding_fallback')).toBe(true);
    expect(texts(table, 'name')[70000]).toBe('Café');
  });

  it('stops when the abort flag is set between chunks', async () => {
    const path = join(dir, 'abort.csv');
    writeFileSync(path, ['a,b', ...Array.from({ length: 400000 }, (_, i) => `${i},${i * 2}`)].join('\n'));
    const signal = { aborted: false };

    const run = importFile(path, {}, { signal, onProgress: (p) => { if (p.fraction > 0) signal.aborted = true; } });

    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('reports a NUL byte found after the sample as a binary file with its line', async () => {
    const path = join(dir, 'late-nul.csv');
    const head = Buffer.from(['a,b', ...Array.from({ length: 120000 }, (_, i) => `${i},${i}`)].join('\n') + '\n');
    writeFileSync(path, Buffer.concat([head, Buffer.from([0x31, 0x00, 0x2c, 0x32, 0x0a])]));

    const err = await importError(path);

    expect(err.messageKey).toBe('errors.data.binaryFile');
    expect(err.details?.line).toBe(120002);
  });
});
