/**
 * Date/time parts: turns a date column (epoch milliseconds, UTC) into numeric features a model can
 * use: year, month (1-12), day of month, weekday (Monday = 0, as pandas), hour, minute, day of year
 * (1-366) and days elapsed since the earliest training date. Calendar fields come from the civil-
 * from-days algorithm (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"), pure arithmetic
 * with no Date object per row. With `dropConstant`, parts that never vary in training (the hour of
 * plain dates, say) are left out. A missing date gives NaN in every part, for an imputer to fill.
 * Not exportable to ONNX (ONNX has no calendar operators).
 */
import type { Frame, FrameColumn } from '../core/frame.js';
import { getColumn } from '../core/frame.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { ArtifactError, InvalidInputError } from '../core/errors.js';
import { makeArtifact, type Artifact } from '../core/serialize.js';
import { EstimatorBase, checkBoolParam, mergeParams, readArtifact } from '../baseline/common.js';
import type { FrameTransformer } from './types.js';

/** The parts {@link DateTimeFeatures} can extract. */
export const DATE_PARTS = ['year', 'month', 'day', 'weekday', 'hour', 'minute', 'dayOfYear', 'elapsedDays'] as const;
/** One date part. */
export type DatePart = (typeof DATE_PARTS)[number];

/** Hyper-parameters of {@link DateTimeFeatures}. */
export interface DateTimeFeaturesParams {
  /** Parts to extract, in this order. Default year, month, day, weekday, hour, elapsedDays. */
  parts: DatePart[];
  /** Leave out parts that are constant in training. Default true. */
  dropConstant: boolean;
}

const DEFAULTS: Readonly<DateTimeFeaturesParams> = Object.freeze({ parts: ['year', 'month', 'day', 'weekday', 'hour', 'elapsedDays'] as DatePart[], dropConstant: true });

function validate(p: DateTimeFeaturesParams): void {
  if (!Array.isArray(p.parts) || p.parts.length === 0 || !p.parts.every((x) => (DATE_PARTS as readonly string[]).includes(x)) || new Set(p.parts).size !== p.parts.length) {
    throw new InvalidInputError(`${DateTimeFeatures.KIND}: parameter parts must be distinct values among ${DATE_PARTS.join(', ')}, got ${JSON.stringify(p.parts)}.`, 'parts');
  }
  checkBoolParam(DateTimeFeatures.KIND, 'dropConstant', p.dropConstant);
}

const MS_PER_DAY = 86_400_000;
const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Writes the calendar fields of epoch-ms `t` into `out` = [year, month, day, weekday, hour, minute, dayOfYear]. */
export function civilFields(t: number, out: Float64Array): void {
  const days = Math.floor(t / MS_PER_DAY);
  const msOfDay = t - days * MS_PER_DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doyMar = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doyMar + 2) / 153);
  const day = doyMar - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  out[0] = year;
  out[1] = month;
  out[2] = day;
  out[3] = (((days + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (Monday = 0)
  out[4] = Math.floor(msOfDay / 3_600_000);
  out[5] = Math.floor((msOfDay % 3_600_000) / 60_000);
  out[6] = CUMULATIVE_DAYS[month - 1] + day + (isLeap && month > 2 ? 1 : 0);
}

const FIELD_INDEX: Record<Exclude<DatePart, 'elapsedDays'>, number> = { year: 0, month: 1, day: 2, weekday: 3, hour: 4, minute: 5, dayOfYear: 6 };

/** Epoch milliseconds of a date or numeric column. */
function epochValues(c: FrameColumn): Float64Array {
  if (c.kind === 'datetime' || c.kind === 'numeric') return c.values;
  throw new InvalidInputError(`Column "${c.name}" is ${c.kind}, not a date: date parts need a date column.`, c.name);
}

interface DateColumnState {
  name: string;
  parts: DatePart[];
  /** Earliest training date (epoch ms), origin of elapsedDays. */
  reference: number;
}

/** Extraction of date/time parts from date columns. */
export class DateTimeFeatures extends EstimatorBase<DateTimeFeaturesParams, { columns: DateColumnState[] }> implements FrameTransformer<DateTimeFeaturesParams> {
  static readonly KIND = 'DateTimeFeatures';
  readonly kind = DateTimeFeatures.KIND;
  readonly input = 'frame' as const;

  constructor(params: Partial<DateTimeFeaturesParams> = {}) {
    super(mergeParams(DateTimeFeatures.KIND, DEFAULTS, params));
  }

  /** Learns the reference date and which parts vary, per column. */
  fit(frame: Frame): this {
    validate(this.params);
    if (frame.nRows === 0) throw new InvalidInputError(`${this.kind}: cannot fit on zero rows.`);
    const columns = frame.columns.map((c): DateColumnState => {
      const t = epochValues(c);
      let reference = Infinity;
      for (let i = 0; i < t.length; i++) if (t[i] < reference) reference = t[i];
      if (!Number.isFinite(reference)) reference = 0;
      let parts = [...this.params.parts];
      if (this.params.dropConstant) {
        const values = this.extract(t, parts, reference);
        const n = t.length;
        parts = parts.filter((_, k) => {
          let first = NaN;
          for (let i = 0; i < n; i++) {
            const v = values.data[k * n + i];
            if (Number.isNaN(v)) continue;
            if (Number.isNaN(first)) first = v;
            else if (v !== first) return true;
          }
          return false;
        });
      }
      return { name: c.name, parts, reference };
    });
    this.fitted = { columns };
    return this;
  }

  private extract(t: Float64Array, parts: readonly DatePart[], reference: number): Matrix {
    const n = t.length;
    const out = createMatrix(n, parts.length);
    const f = new Float64Array(7);
    for (let i = 0; i < n; i++) {
      const v = t[i];
      if (!Number.isFinite(v)) {
        for (let k = 0; k < parts.length; k++) out.data[k * n + i] = NaN;
        continue;
      }
      civilFields(v, f);
      for (let k = 0; k < parts.length; k++) {
        const part = parts[k];
        out.data[k * n + i] = part === 'elapsedDays' ? (v - reference) / MS_PER_DAY : f[FIELD_INDEX[part]];
      }
    }
    return out;
  }

  /** The kept parts of every fitted column. */
  transform(frame: Frame): Matrix {
    const s = this.state();
    const n = frame.nRows;
    let width = 0;
    for (const c of s.columns) width += c.parts.length;
    const out = createMatrix(n, width);
    let offset = 0;
    for (const c of s.columns) {
      const block = this.extract(epochValues(getColumn(frame, c.name)), c.parts, c.reference);
      out.data.set(block.data, offset);
      offset += block.data.length;
    }
    return out;
  }

  /** fit then transform. */
  fitTransform(frame: Frame): Matrix {
    return this.fit(frame).transform(frame);
  }

  /** `<col>_<part>` per output. */
  featureNamesOut(): string[] {
    return this.state().columns.flatMap((c) => c.parts.map((p) => `${c.name}_${p}`));
  }

  /** A new unfitted copy. */
  clone(): DateTimeFeatures {
    return new DateTimeFeatures(this.getParams());
  }

  /** Serialises the fitted transformer. */
  toArtifact(): Artifact {
    return makeArtifact(this.kind, 1, this.getParams(), { columns: this.state().columns });
  }

  /** Loads a transformer saved by `toArtifact`. */
  static fromArtifact(value: unknown): DateTimeFeatures {
    const { params, state } = readArtifact(value, DateTimeFeatures.KIND, [1], DEFAULTS, validate);
    const m = new DateTimeFeatures(params);
    const cols = state.columns;
    if (!Array.isArray(cols)) throw new ArtifactError('Model spec field state.columns must be an array.');
    m.fitted = {
      columns: cols.map((c: unknown, i) => {
        const o = c as Record<string, unknown>;
        const isParts = Array.isArray(o?.parts) && o.parts.every((x) => (DATE_PARTS as readonly string[]).includes(x as string));
        if (typeof o !== 'object' || o === null || typeof o.name !== 'string' || !isParts || typeof o.reference !== 'number' || !Number.isFinite(o.reference)) {
          throw new ArtifactError(`Model spec field state.columns[${i}] is malformed.`);
        }
        return { name: o.name, parts: o.parts as DatePart[], reference: o.reference };
      }),
    };
    return m;
  }
}
