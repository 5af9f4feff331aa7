import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTable } from '../../../../../electron/backend/data/table.js';
import { csvField, partitionColumnName, writeCsv } from '../../../../../electron/backend/versions/export-csv.js';
import { tempDir, type TempDir } from '../../../../helpers/project.js';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const table = createTable([
  { type: 'text', name: 'note', codes: Int32Array.from([0, 1, -1]), levels: ['plain', 'has, comma and "quotes"'] },
  { type: 'numeric', name: 'v', values: Float64Array.from([1.5, NaN, -2e-7]) },
  { type: 'datetime', name: 'when', values: Float64Array.from([Date.UTC(2024, 1, 29, 12), NaN, 0]) },
  { type: 'boolean', name: 'ok', values: Float64Array.from([1, 0, NaN]), labels: ['no', 'yes'] },
]);

describe('CSV export', () => {
  it('writes RFC 4180 CSV with missing cells empty and a partition column', () => {
    const path = join(dir.path, 'out.csv');
    const r = writeCsv(table, path, { assignment: Uint8Array.from([0, 1, 2]) });
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(
      'note,v,when,ok,partition\r\n' +
        'plain,1.5,2024-02-29T12:00:00.000Z,yes,train\r\n' +
        '"has, comma and ""quotes""",,,no,validation\r\n' +
        ',-2e-7,1970-01-01T00:00:00.000Z,,test\r\n',
    );
    expect(r).toEqual({ bytes: Buffer.byteLength(text), rows: 3 });
  });

  it('quotes only when needed and never collides with a column called partition', () => {
    expect(csvField('a b')).toBe('a b');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    const t = createTable([
      { type: 'numeric', name: 'partition', values: new Float64Array(1) },
      { type: 'numeric', name: 'partition_2', values: new Float64Array(1) },
    ]);
    expect(partitionColumnName(t)).toBe('partition_3');
  });

  it('refuses to replace a file unless told, and leaves nothing behind when cancelled', () => {
    const path = join(dir.path, 'keep.csv');
    writeFileSync(path, 'mine');
    expect(() => writeCsv(table, path)).toThrow(expect.objectContaining({ code: 'CONFLICT', messageKey: 'errors.data.exportExists' }));
    expect(readFileSync(path, 'utf8')).toBe('mine');
    const big = createTable([{ type: 'numeric', name: 'v', values: Float64Array.from({ length: 200_000 }, (_, i) => i) }]);
    const target = join(dir.path, 'big.csv');
    expect(() => writeCsv(big, target, { signal: { aborted: true } })).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir.path)).toEqual(['keep.csv']);
  });
});
