/**
 * Growable column storage for the import. Values go into fixed blocks of 65,536 entries, so a
 * column never needs a capacity guess, never over-allocates by more than one block, and is copied
 * once at the end into one exact-size typed array, column by column (peak memory = the data +
 * one column).
 */

const BLOCK = 65536;

/**
 * Columns filled row by row in lockstep: every column gets exactly one value per row, so one
 * position serves all of them and a cell is a plain typed-array store (no call, no bounds
 * bookkeeping per cell). Number columns hold Float64 blocks, text columns Int32 code blocks.
 */
export class LockstepColumns {
  /** Current block of each column (Float64Array for numbers, Int32Array for codes, null = skipped). */
  readonly numCur: (Float64Array | null)[];
  readonly codeCur: (Int32Array | null)[];
  private readonly numDone: Float64Array[][];
  private readonly codeDone: Int32Array[][];
  /** Position in the current blocks. */
  pos = 0;
  /** Rows written. */
  length = 0;

  constructor(kinds: readonly ('number' | 'code' | 'skip')[]) {
    this.numCur = kinds.map((k) => (k === 'number' ? new Float64Array(BLOCK) : null));
    this.codeCur = kinds.map((k) => (k === 'code' ? new Int32Array(BLOCK) : null));
    this.numDone = kinds.map(() => []);
    this.codeDone = kinds.map(() => []);
  }

  /** Ends a row (call after writing every column at `pos`). */
  endRow(): void {
    this.length++;
    if (++this.pos < BLOCK) return;
    for (let j = 0; j < this.numCur.length; j++) {
      const n = this.numCur[j];
      if (n) {
        this.numDone[j].push(n);
        this.numCur[j] = new Float64Array(BLOCK);
      }
      const c = this.codeCur[j];
      if (c) {
        this.codeDone[j].push(c);
        this.codeCur[j] = new Int32Array(BLOCK);
      }
    }
    this.pos = 0;
  }

  /**
   * Turns number column j into a code column from the current row on: values already written
   * become codes of `toCode(value)` (NaN stays missing).
   */
  numbersToCodes(j: number, toCode: (v: number) => number): void {
    const convert = (block: Float64Array, n: number): Int32Array => {
      const out = new Int32Array(BLOCK);
      for (let i = 0; i < n; i++) out[i] = block[i] !== block[i] ? -1 : toCode(block[i]);
      return out;
    };
    this.codeDone[j] = this.numDone[j].map((b) => convert(b, BLOCK));
    this.codeCur[j] = convert(this.numCur[j] as Float64Array, this.pos);
    this.numDone[j] = [];
    this.numCur[j] = null;
  }

  /** The number column j as one exact-size array (the blocks are released). */
  finishNumbers(j: number): Float64Array {
    const out = new Float64Array(this.length);
    let off = 0;
    for (const b of this.numDone[j]) {
      out.set(b, off);
      off += BLOCK;
    }
    out.set((this.numCur[j] as Float64Array).subarray(0, this.pos), off);
    this.numDone[j] = [];
    this.numCur[j] = null;
    return out;
  }

  /** The code column j as one exact-size array. */
  finishCodes(j: number): Int32Array {
    const out = new Int32Array(this.length);
    let off = 0;
    for (const b of this.codeDone[j]) {
      out.set(b, off);
      off += BLOCK;
    }
    out.set((this.codeCur[j] as Int32Array).subarray(0, this.pos), off);
    this.codeDone[j] = [];
    this.codeCur[j] = null;
    return out;
  }
}

/** Distinct texts of a column and their codes; -1 = missing. */
export class Dictionary {
  private readonly index = new Map<string, number>();
  readonly levels: string[] = [];

  /** @param isMissing decides, once per distinct text, whether it means "missing". */
  constructor(private readonly isMissing: (text: string) => boolean) {}

  /** The code of a text (created on first sight). */
  codeOf(text: string): number {
    let code = this.index.get(text);
    if (code === undefined) {
      if (this.isMissing(text)) code = -1;
      else {
        code = this.levels.length;
        this.levels.push(text);
      }
      this.index.set(text, code);
    }
    return code;
  }
}
