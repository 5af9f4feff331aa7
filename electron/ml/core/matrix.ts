/**
 * Dense numeric matrix, column-major over one Float64Array: value (i, j) is
 * `data[j * nRows + i]`. Column-major keeps each feature contiguous (what binning, scaling and
 * split finding read), and one flat buffer transfers to a worker without copying.
 * Missing values are NaN.
 */
import { InvalidInputError } from './errors.js';

/** A dense column-major matrix. */
export interface Matrix {
  readonly nRows: number;
  readonly nCols: number;
  /** Length nRows * nCols, column-major. */
  readonly data: Float64Array;
}

/** Creates a matrix, zero-filled or over `data` (not copied). */
export function createMatrix(nRows: number, nCols: number, data?: Float64Array): Matrix {
  if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 0) {
    throw new InvalidInputError(`Invalid matrix shape ${nRows} x ${nCols}.`);
  }
  const buf = data ?? new Float64Array(nRows * nCols);
  if (buf.length !== nRows * nCols) {
    throw new InvalidInputError(`Matrix data has ${buf.length} values, expected ${nRows} x ${nCols} = ${nRows * nCols}.`);
  }
  return { nRows, nCols, data: buf };
}

/** Column `j` as a view (no copy). */
export function column(m: Matrix, j: number): Float64Array {
  return m.data.subarray(j * m.nRows, (j + 1) * m.nRows);
}

/** Value at row `i`, column `j`. */
export function at(m: Matrix, i: number, j: number): number {
  return m.data[j * m.nRows + i];
}

/** Builds a matrix from row arrays (copies). */
export function fromRows(rows: ArrayLike<number>[]): Matrix {
  const nRows = rows.length;
  const nCols = nRows === 0 ? 0 : rows[0].length;
  const out = createMatrix(nRows, nCols);
  for (let i = 0; i < nRows; i++) {
    const r = rows[i];
    if (r.length !== nCols) throw new InvalidInputError(`Row ${i} has ${r.length} values, expected ${nCols}.`);
    for (let j = 0; j < nCols; j++) out.data[j * nRows + i] = r[j];
  }
  return out;
}

/** Builds a matrix from column arrays (copies). */
export function fromColumns(cols: ArrayLike<number>[]): Matrix {
  const nCols = cols.length;
  const nRows = nCols === 0 ? 0 : cols[0].length;
  const out = createMatrix(nRows, nCols);
  for (let j = 0; j < nCols; j++) {
    if (cols[j].length !== nRows) throw new InvalidInputError(`Column ${j} has ${cols[j].length} values, expected ${nRows}.`);
    out.data.set(cols[j], j * nRows);
  }
  return out;
}

/** Row `i` as a new array. */
export function row(m: Matrix, i: number): Float64Array {
  const out = new Float64Array(m.nCols);
  for (let j = 0; j < m.nCols; j++) out[j] = m.data[j * m.nRows + i];
  return out;
}

/** The rows at `indices`, in that order (copies). */
export function takeRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const n = indices.length;
  const out = createMatrix(n, m.nCols);
  for (let j = 0; j < m.nCols; j++) {
    const src = j * m.nRows;
    const dst = j * n;
    for (let k = 0; k < n; k++) out.data[dst + k] = m.data[src + indices[k]];
  }
  return out;
}

/** The columns at `indices`, in that order (copies). */
export function takeColumns(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = createMatrix(m.nRows, indices.length);
  for (let k = 0; k < indices.length; k++) out.data.set(column(m, indices[k]), k * m.nRows);
  return out;
}

/** Concatenates matrices side by side (same number of rows). */
export function hstack(parts: Matrix[]): Matrix {
  const nRows = parts.length === 0 ? 0 : parts[0].nRows;
  let nCols = 0;
  for (const p of parts) {
    if (p.nRows !== nRows) throw new InvalidInputError(`Cannot stack blocks of ${p.nRows} and ${nRows} rows.`);
    nCols += p.nCols;
  }
  const out = createMatrix(nRows, nCols);
  let offset = 0;
  for (const p of parts) {
    out.data.set(p.data, offset);
    offset += p.data.length;
  }
  return out;
}

/** Throws a clear error naming the first column that holds NaN or ±Infinity. */
export function assertFinite(m: Matrix, featureNames?: readonly string[]): void {
  for (let j = 0; j < m.nCols; j++) {
    const col = column(m, j);
    for (let i = 0; i < col.length; i++) {
      if (!Number.isFinite(col[i])) {
        const name = featureNames?.[j] ?? `feature ${j}`;
        const what = Number.isNaN(col[i]) ? 'a missing value (NaN)' : 'an infinite value';
        throw new InvalidInputError(`${name} has ${what} at row ${i}; impute or drop it first.`, featureNames?.[j]);
      }
    }
  }
}

/** Throws unless `y` has one entry per row of `X`. */
export function assertSameLength(X: Matrix, y: ArrayLike<number>): void {
  if (X.nRows !== y.length) throw new InvalidInputError(`X has ${X.nRows} rows but y has ${y.length} values.`, 'y');
  if (X.nRows === 0) throw new InvalidInputError('Cannot fit on zero rows.');
}
