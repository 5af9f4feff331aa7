/**
 * Search spaces built from the catalogue's `ParamSpec`s (shared/domain/model-catalog.ts):
 * a Cartesian grid (numeric ranges as evenly spaced points, geometric when `isLogScale`) and
 * seeded random draws (uniform, or log-uniform when `isLogScale`, as Bergstra & Bengio 2012,
 * "Random search for hyper-parameter optimization", JMLR 13, recommend for scale parameters).
 */
import { InvalidInputError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { ParamSpec } from '../../../shared/domain/model-catalog.js';

/** One candidate: parameter name -> value (number, string, boolean or null). */
export type ParamValues = Record<string, number | string | boolean | null>;

/** A parameter's value list for a grid. */
export type ParamGrid = Record<string, readonly (number | string | boolean | null)[]>;

/** A numeric parameter spec. */
type NumericSpec = Extract<ParamSpec, { type: 'int' | 'float' }>;

function checkRange(spec: NumericSpec): void {
  if (!(spec.min <= spec.max)) throw new InvalidInputError(`Parameter ${spec.name}: min ${spec.min} is above max ${spec.max}.`, spec.name);
  if (spec.isLogScale && !(spec.min > 0)) throw new InvalidInputError(`Parameter ${spec.name}: a log scale needs min > 0.`, spec.name);
}

/** `points` values spanning a numeric spec (distinct, ascending; rounded for ints). */
export function numericGridValues(spec: ParamSpec, points: number): number[] {
  if (spec.type !== 'int' && spec.type !== 'float') throw new InvalidInputError(`Parameter ${spec.name} is not numeric.`, spec.name);
  checkRange(spec);
  if (!Number.isInteger(points) || points < 1) throw new InvalidInputError(`points must be a positive integer, got ${points}.`, 'pointsPerParam');
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const t = points === 1 ? 0.5 : i / (points - 1);
    let v = spec.isLogScale ? Math.exp(Math.log(spec.min) + t * (Math.log(spec.max) - Math.log(spec.min))) : spec.min + t * (spec.max - spec.min);
    if (i === 0 && points > 1) v = spec.min;
    if (i === points - 1 && points > 1) v = spec.max;
    if (spec.type === 'int') v = Math.min(spec.max, Math.max(spec.min, Math.round(v)));
    else v = Number(v.toPrecision(12)); // readable values in the results table (0.01, not 0.010000000000000002)
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** The grid values of one spec: `points` for numbers (plus null when nullable), all options, both booleans. */
export function gridValues(spec: ParamSpec, points: number): (number | string | boolean | null)[] {
  switch (spec.type) {
    case 'enum':
      return [...spec.options];
    case 'bool':
      return [false, true];
    default: {
      const v: (number | null)[] = numericGridValues(spec, points);
      if (spec.isNullable) v.push(null);
      return v;
    }
  }
}

/** Every combination of `grid`, the last parameter varying fastest. */
export function expandGrid(grid: ParamGrid, maxCandidates = 10_000): ParamValues[] {
  const names = Object.keys(grid);
  let total = 1;
  for (const name of names) {
    if (grid[name].length === 0) throw new InvalidInputError(`Parameter ${name} has no values to try.`, name);
    total *= grid[name].length;
  }
  if (total > maxCandidates) {
    throw new InvalidInputError(`The grid has ${total} combinations, more than the limit of ${maxCandidates}; use fewer values or random search.`, 'grid');
  }
  const out: ParamValues[] = [];
  const idx = new Array<number>(names.length).fill(0);
  for (let c = 0; c < total; c++) {
    const p: ParamValues = {};
    names.forEach((name, i) => {
      p[name] = grid[name][idx[i]];
    });
    out.push(p);
    for (let i = names.length - 1; i >= 0; i--) {
      idx[i]++;
      if (idx[i] < grid[names[i]].length) break;
      idx[i] = 0;
    }
  }
  return out;
}

/** Options of {@link sampleParams}. */
export interface SampleOptions {
  /** Probability that a nullable parameter takes null (default 0.2). */
  nullProbability?: number;
}

/** One random draw from `specs`. */
export function sampleParams(specs: readonly ParamSpec[], rng: Rng, options: SampleOptions = {}): ParamValues {
  const pNull = options.nullProbability ?? 0.2;
  const p: ParamValues = {};
  for (const spec of specs) {
    switch (spec.type) {
      case 'enum':
        p[spec.name] = spec.options[rng.int(spec.options.length)];
        break;
      case 'bool':
        p[spec.name] = rng.next() < 0.5;
        break;
      case 'int':
      case 'float': {
        checkRange(spec);
        if (spec.isNullable && rng.next() < pNull) {
          p[spec.name] = null;
          break;
        }
        if (spec.type === 'float') {
          p[spec.name] = spec.isLogScale ? Math.exp(Math.log(spec.min) + rng.next() * (Math.log(spec.max) - Math.log(spec.min))) : spec.min + rng.next() * (spec.max - spec.min);
        } else if (spec.isLogScale) {
          // log-uniform over the integers: draw on [min, max + 1) and floor
          const v = Math.floor(Math.exp(Math.log(spec.min) + rng.next() * (Math.log(spec.max + 1) - Math.log(spec.min))));
          p[spec.name] = Math.min(spec.max, Math.max(spec.min, v));
        } else {
          p[spec.name] = spec.min + rng.int(spec.max - spec.min + 1);
        }
        break;
      }
    }
  }
  return p;
}

/** A stable key of a candidate (to skip duplicates). */
export function paramsKey(p: ParamValues): string {
  return JSON.stringify(Object.keys(p).sort().map((k) => [k, p[k]]));
}
