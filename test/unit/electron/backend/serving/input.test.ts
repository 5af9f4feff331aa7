import { describe, expect, it } from 'vitest';
import { frameFromRows, type FrameSchemaEntry } from '../../../../../electron/ml/core/frame.js';
import { RequestError } from '../../../../../electron/backend/serving/errors.js';
import {
  frameFromColumnar,
  frameFromPositional,
  frameFromRecords,
  frameFromRowList,
  frameFromSplit,
  frameToColumns,
  missingCells,
  sliceFrame,
} from '../../../../../electron/backend/serving/input.js';

const SCHEMA: FrameSchemaEntry[] = [
  { name: 'age', kind: 'numeric' },
  { name: 'plan', kind: 'categorical' },
  { name: 'note', kind: 'text' },
  { name: 'signup', kind: 'datetime' },
];

const ROWS = [
  { age: 31, plan: 'pro', note: 'ok', signup: '2021-03-04T00:00:00Z' },
  { age: '42.5', plan: 7, note: null, signup: 1_600_000_000_000 },
  { age: null, plan: null, note: '', signup: null },
  { age: true, plan: 'basic', note: 'slow', signup: '' },
];

function refusal(fn: () => unknown): RequestError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RequestError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('request rows to frames', () => {
  it('converts records exactly as the engine frameFromRows does', () => {
    const expected = frameFromRows(ROWS, SCHEMA);

    const frame = frameFromRecords(ROWS, SCHEMA, 100, 'dataframe_records');

    expect(frame).toEqual(expected);
  });

  it('reads the split, positional and columnar layouts into the same frame', () => {
    const expected = frameFromRecords(ROWS, SCHEMA, 100, 'rows');
    const columns = ['signup', 'note', 'plan', 'age'];
    const split = { columns, data: ROWS.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])) };
    const positional = ROWS.map((r) => SCHEMA.map((c) => (r as Record<string, unknown>)[c.name]));
    const columnar = Object.fromEntries(SCHEMA.map((c) => [c.name, ROWS.map((r) => (r as Record<string, unknown>)[c.name])]));

    expect(frameFromSplit(split, SCHEMA, 100, 'dataframe_split')).toEqual(expected);
    expect(frameFromPositional(positional, SCHEMA, 100, 'instances')).toEqual(expected);
    expect(frameFromColumnar(columnar, SCHEMA, 100, 'inputs')).toEqual(expected);
    expect(frameFromRowList(positional, SCHEMA, 100, 'inputs')).toEqual(expected);
    expect(frameFromRowList(ROWS, SCHEMA, 100, 'inputs')).toEqual(expected);
  });

  it('reads a columnar object of scalars as one row', () => {
    const frame = frameFromColumnar({ age: 3, plan: 'pro', note: 'x', signup: null }, SCHEMA, 100, 'inputs');

    expect(frame.nRows).toBe(1);
    expect(frameToColumns(frame)).toEqual({ age: [3], plan: ['pro'], note: ['x'], signup: [null] });
  });

  it('names the unknown column, the missing column and the row', () => {
    const unknown = refusal(() => frameFromRecords([{ ...ROWS[0], colour: 'red' }], SCHEMA, 100, 'dataframe_records'));
    expect(unknown.status).toBe(400);
    expect(unknown.field).toBe('colour');
    expect(unknown.message).toMatch(/Unknown column "colour"/);

    const { plan: _plan, ...noPlan } = ROWS[0];
    const missing = refusal(() => frameFromRecords([ROWS[0], noPlan], SCHEMA, 100, 'dataframe_records'));
    expect(missing.field).toBe('plan');
    expect(missing.message).toMatch(/Column "plan" is missing in row 1/);

    const missingSplit = refusal(() => frameFromSplit({ columns: ['age', 'plan', 'note'], data: [[1, 'a', 'b']] }, SCHEMA, 100, 'dataframe_split'));
    expect(missingSplit.field).toBe('signup');
  });

  it('refuses values of the wrong type, naming row and column', () => {
    const word = refusal(() => frameFromRecords([ROWS[0], { ...ROWS[0], age: 'old' }], SCHEMA, 100, 'r'));
    expect(word.field).toBe('age');
    expect(word.message).toBe('Row 1, column "age": expected a number, got "old".');

    const nested = refusal(() => frameFromRecords([{ ...ROWS[0], plan: { a: 1 } }], SCHEMA, 100, 'r'));
    expect(nested.field).toBe('plan');
    expect(nested.message).toMatch(/expected text, got an object/);

    const date = refusal(() => frameFromRecords([{ ...ROWS[0], signup: 'yesterday' }], SCHEMA, 100, 'r'));
    expect(date.field).toBe('signup');

    const infinite = refusal(() => frameFromRecords([{ ...ROWS[0], age: 'Infinity' }], SCHEMA, 100, 'r'));
    expect(infinite.message).toMatch(/not a finite number/);
    const huge = refusal(() => frameFromRecords([{ ...ROWS[0], age: JSON.parse('1e999') as number }], SCHEMA, 100, 'r'));
    expect(huge.field).toBe('age');
  });

  it('refuses ragged and malformed layouts with a 400', () => {
    expect(refusal(() => frameFromSplit({ columns: ['age'], data: 'x' }, SCHEMA, 100, 'dataframe_split')).field).toBe('dataframe_split.data');
    expect(refusal(() => frameFromSplit({ columns: SCHEMA.map((c) => c.name), data: [[1, 'a']] }, SCHEMA, 100, 'dataframe_split')).message).toMatch(/must be an array of 4 values/);
    expect(refusal(() => frameFromSplit({ columns: ['age', 'age', 'plan', 'note', 'signup'], data: [] }, SCHEMA, 100, 'dataframe_split')).message).toMatch(/appears twice/);
    expect(refusal(() => frameFromPositional([[1, 2]], SCHEMA, 100, 'instances')).message).toMatch(/must hold 4 values in the model's column order/);
    expect(refusal(() => frameFromColumnar({ age: [1, 2], plan: ['a'], note: ['x', 'y'], signup: [null, null] }, SCHEMA, 100, 'inputs')).field).toBe('plan');
    expect(refusal(() => frameFromRowList([1, 2], SCHEMA, 100, 'inputs')).status).toBe(400);
  });

  it('refuses more rows than the batch limit with a 413 naming the limit', () => {
    const err = refusal(() => frameFromRecords([ROWS[0], ROWS[1], ROWS[2]], SCHEMA, 2, 'dataframe_records'));

    expect(err.status).toBe(413);
    expect(err.field).toBe('maxBatchRows');
    expect(err.message).toMatch(/3 rows; this server takes at most 2/);
  });

  it('slices a frame by rows and finds missing cells', () => {
    const frame = frameFromRecords(ROWS, SCHEMA, 100, 'r');

    const part = sliceFrame(frame, 1, 3);

    expect(frameToColumns(part)).toEqual({ age: [42.5, null], plan: ['7', null], note: [null, null], signup: [1_600_000_000_000, null] });
    expect(missingCells(frame)).toEqual([
      { name: 'age', row: 2 },
      { name: 'plan', row: 2 },
      { name: 'note', row: 1 },
      { name: 'signup', row: 2 },
    ]);
  });
});
