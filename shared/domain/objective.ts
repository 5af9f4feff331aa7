/**
 * Step 0: the objective. It states what goes in, what comes out, the task, the success
 * metric and the threshold that counts as success. Later steps read it (Evaluate compares
 * every run with `threshold`).
 */
import { z } from 'zod';
import { MetricIdSchema, TaskTypeSchema } from './metrics.js';

/** The objective as the user writes it. Field-level rules (metric fits task, threshold in range) live in `validateObjective`. */
export const ObjectiveSchema = z.object({
  /** Plain-language description of the model's inputs. */
  inputs: z.string().max(4000),
  /** Plain-language name of what the model outputs (the target); bound to a column in the Data step. */
  target: z.string().max(400),
  /** Name of the dataset column holding the target, once data exists (optional until then). */
  targetColumn: z.string().max(400).optional(),
  taskType: TaskTypeSchema,
  metric: MetricIdSchema,
  threshold: z.number(),
  /** For binary metrics (f1, precision, recall, average_precision, brier): the class that counts as positive. */
  positiveClass: z.string().max(400).optional(),
  /** Free notes on what a wrong answer costs (false alarms vs. misses, over- vs under-estimates). */
  costNotes: z.string().max(8000),
});

/** The objective. */
export type Objective = z.infer<typeof ObjectiveSchema>;

/** A saved objective, with when it was last changed. */
export const SavedObjectiveSchema = ObjectiveSchema.extend({ updatedAt: z.string() });

/** A saved objective. */
export type SavedObjective = z.infer<typeof SavedObjectiveSchema>;
