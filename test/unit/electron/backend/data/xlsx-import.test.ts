import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importFile, previewFile } from '../../../../../electron/backend/data/import.js';
import { cellText, getColumn, isNumberColumn } from '../../../../../electron/backend/data/table.js';

const book = fileURLToPath(new URL('../../../../fixtures/data/book.xlsx', import.meta.url));

describe('xlsx import', () => {
  it('previews the first sheet with its sheet list and inferred types', async () => {
    const preview = await previewFile(book);

    expect(preview.format).toBe('xlsx');
    expect(preview.sheets).toEqual(['Clientes', 'Resumen']);
    expect(preview.sheet).toBe('Clientes');
    expect(Object.fromEntries(preview.columns.map((c) => [c.name, c.type]))).toEqual({
      cliente: 'identifier',
      edad: 'integer',
      ciudad: 'categorical',
      alta: 'datetime',
      activo: 'boolean',
      importe: 'numeric',
    });
    expect(preview.rows[0][0]).toBe('C001');
  });

  it('imports typed cells, decimal-comma text numbers and empty cells', async () => {
    const { table, summary } = await importFile(book, { target: 'activo' });

    expect(table.nRows).toBe(30);
    expect(summary.sheet).toBe('Clientes');
    expect(cellText(getColumn(table, 'alta'), 0)).toBe('2024-01-04T00:00:00.000Z');
    const importe = getColumn(table, 'importe');
    expect(isNumberColumn(importe) && Array.from(importe.values.subarray(0, 4))).toEqual([1.5, 2.5, 3.5, NaN]);
    expect(summary.columns.find((c) => c.name === 'activo')?.role).toBe('target');
  });

  it('imports a named sheet and refuses an unknown one', async () => {
    const { table } = await importFile(book, { sheet: 'Resumen' });

    expect(table.columns.map((c) => c.name)).toEqual(['region', 'total']);
    await expect(importFile(book, { sheet: 'Nope' })).rejects.toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.data.sheetNotFound' });
  });
});
