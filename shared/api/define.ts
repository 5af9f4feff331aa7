/** Helpers to declare contract methods and events with zod schemas. */
import type { z } from 'zod';

/** One backend method: its input schema and its output schema. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

/** Declares a group of methods (identity at run time; keeps literal types). */
export function defineMethods<const T extends Record<string, MethodDef>>(methods: T): T {
  return methods;
}

/** Declares a group of event payload schemas (identity at run time). */
export function defineEvents<const T extends Record<string, z.ZodType>>(events: T): T {
  return events;
}
