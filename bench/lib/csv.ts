/**
 * CSV loading for the engine benchmark: one pass over the file's bytes straight into column-major
 * Float64Arrays (no per-row objects or strings), the same way the anchors' "hand byte loop" reads.
 *
 * Numbers take a fast exact path (digits / 10^k is correctly rounded while the digits fit in 2^53
 * and k <= 22); anything else falls back to Number(). Non-numeric columns (text categories) are
 * ordinal-encoded by sorted level so any user CSV can be benchmarked; empty cells are NaN.
 */
import { readFileSync } from 'node:fs';

/** A parsed table split into row ranges, each range a column-major block. */
export interface CsvTable {
  header: string[];
  /** Row count per part, in order. */
  partRows: number[];
  /** parts[p][j] = values of column j in part p. */
  parts: Float64Array[][];
  /** Columns that held text, with their levels (code = index). */
  levels: Map<number, string[]>;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Reads `path` and splits its data rows into parts: `splitAt` lists the first row index of each
 * part after the first (e.g. [floor(0.8 n)] for an 80/20 split computed from the row count).
 */
export function readCsv(path: string, splitAt: (nRows: number) => number[] = () => []): CsvTable {
  const buf = readFileSync(path);
  const len = buf.length;
  let pos = 0;
  // Header.
  while (pos < len && buf[pos] !== 10) pos++;
  const header = buf.toString('utf8', 0, pos).replace(/\r$/, '').split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
  pos++;
  const nCols = header.length;
  // Count data rows (non-empty lines).
  let nRows = 0;
  for (let i = pos, lineStart = pos; i <= len; i++) {
    if (i === len || buf[i] === 10) {
      if (i > lineStart && !(i - lineStart === 1 && buf[lineStart] === 13)) nRows++;
      lineStart = i + 1;
    }
  }
  const cuts = [0, ...splitAt(nRows), nRows];
  const partRows = cuts.slice(1).map((c, p) => c - cuts[p]);
  const parts = partRows.map((r) => Array.from({ length: nCols }, () => new Float64Array(r)));
  const textCells = new Map<number, (string | null)[]>();

  let row = 0;
  let part = 0;
  let rowInPart = 0;
  let col = 0;
  let fieldStart = pos;
  for (let i = pos; i <= len; i++) {
    const c = i === len ? 10 : buf[i];
    if (c !== 44 && c !== 10) continue;
    let end = i;
    if (c === 10 && end > fieldStart && buf[end - 1] === 13) end--;
    if (c === 10 && col === 0 && end === fieldStart) {
      fieldStart = i + 1;
      continue; // blank line
    }
    if (col < nCols) {
      const v = parseNumber(buf, fieldStart, end);
      if (v === undefined) {
        let cells = textCells.get(col);
        if (!cells) {
          cells = [];
          textCells.set(col, cells);
        }
        cells[row] = buf.toString('utf8', fieldStart, end).trim().replace(/^"(.*)"$/, '$1');
        parts[part][col][rowInPart] = NaN;
      } else {
        parts[part][col][rowInPart] = v;
      }
    }
    col++;
    fieldStart = i + 1;
    if (c === 10) {
      if (col !== nCols) throw new Error(`${path}: row ${row + 1} has ${col} fields, the header has ${nCols}.`);
      col = 0;
      row++;
      rowInPart++;
      while (part < partRows.length - 1 && rowInPart >= partRows[part]) {
        part++;
        rowInPart = 0;
      }
    }
  }
  const levels = new Map<number, string[]>();
  for (const [j, cells] of textCells) {
    const distinct = [...new Set(cells.filter((s): s is string => typeof s === 'string' && s !== ''))].sort();
    levels.set(j, distinct);
    const code = new Map(distinct.map((s, k) => [s, k]));
    // Cells of this column that parsed as numbers are text too (e.g. "3" among "a", "b").
    let r = 0;
    for (let p = 0; p < parts.length; p++) {
      const a = parts[p][j];
      for (let k = 0; k < a.length; k++, r++) {
        const s = cells[r];
        if (typeof s === 'string') a[k] = s === '' ? NaN : (code.get(s) as number);
        else if (!Number.isNaN(a[k])) {
          const key = String(a[k]);
          if (!code.has(key)) {
            code.set(key, distinct.length);
            distinct.push(key);
          }
          a[k] = code.get(key) as number;
        }
      }
    }
  }
  return { header, partRows, parts, levels };
}

/** Parses bytes [s, e) as a number; empty = NaN; undefined when not numeric. */
function parseNumber(buf: Buffer, s: number, e: number): number | undefined {
  while (s < e && (buf[s] === 32 || buf[s] === 34)) s++;
  while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 34)) e--;
  if (s === e) return NaN;
  let i = s;
  let neg = false;
  if (buf[i] === 45) {
    neg = true;
    i++;
  } else if (buf[i] === 43) i++;
  let mant = 0;
  let digits = 0;
  let frac = 0;
  let seenDot = false;
  for (; i < e; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (seenDot) frac++;
    } else if (c === 46 && !seenDot) seenDot = true;
    else break;
  }
  if (i === e && digits > 0 && digits <= 15 && frac <= 22) {
    const v = frac === 0 ? mant : mant / POW10[frac];
    return neg ? -v : v;
  }
  const text = buf.toString('latin1', s, e);
  const v = Number(text);
  if (Number.isNaN(v)) {
    const t = text.toLowerCase();
    if (t === 'nan' || t === 'na' || t === 'null') return NaN;
    return undefined;
  }
  return v;
}
