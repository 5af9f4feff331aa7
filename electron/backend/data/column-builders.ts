/**
 * Growable column storage for the import. Values go into fixed blocks of 65,536 entries, so a
 * column never needs a capacity guess, never over-allocates by more than one block, and is copied
 * once at the end into one exact-size typed array (peak memory = the data + one column).
 */

const BLOCK = 65536;

/** Appends doubles. */
export class NumberBuilder {
  private blocks: Float64Array[] = [];
  private cur = new Float64Array(BLOCK);
  private pos = 0;
  length = 0;

  push(v: number): void {
    if (this.pos === BLOCK) {
      this.blocks.push(this.cur);
      this.cur = new Float64Array(BLOCK);
      this.pos = 0;
    }
    this.cur[this.pos++] = v;
    this.length++;
  }

  /** Value at row i (used when a column falls back to text). */
  get(i: number): number {
    const b = Math.floor(i / BLOCK);
    return b < this.blocks.length ? this.blocks[b][i % BLOCK] : this.cur[i % BLOCK];
  }

  /** One exact-size array; the builder is spent afterwards. */
  finish(): Float64Array {
    const out = new Float64Array(this.length);
    let off = 0;
    for (const b of this.blocks) {
      out.set(b, off);
      off += BLOCK;
    }
    out.set(this.cur.subarray(0, this.pos), off);
    this.blocks = [];
    return out;
  }
}

/** Appends dictionary codes of texts; -1 = missing. */
export class DictBuilder {
  private readonly index = new Map<string, number>();
  readonly levels: string[] = [];
  private blocks: Int32Array[] = [];
  private cur = new Int32Array(BLOCK);
  private pos = 0;
  length = 0;

  /** @param isMissing decides, once per distinct text, whether it means "missing". */
  constructor(private readonly isMissing: (text: string) => boolean) {}

  /** Appends a text (its code is looked up or created). */
  add(text: string): void {
    let code = this.index.get(text);
    if (code === undefined) {
      if (this.isMissing(text)) code = -1;
      else {
        code = this.levels.length;
        this.levels.push(text);
      }
      this.index.set(text, code);
    }
    this.pushCode(code);
  }

  pushCode(code: number): void {
    if (this.pos === BLOCK) {
      this.blocks.push(this.cur);
      this.cur = new Int32Array(BLOCK);
      this.pos = 0;
    }
    this.cur[this.pos++] = code;
    this.length++;
  }

  finish(): Int32Array {
    const out = new Int32Array(this.length);
    let off = 0;
    for (const b of this.blocks) {
      out.set(b, off);
      off += BLOCK;
    }
    out.set(this.cur.subarray(0, this.pos), off);
    this.blocks = [];
    return out;
  }
}
