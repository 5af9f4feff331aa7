/**
 * The lifecycle Ciclo walks through, in the order of the seed text: step 0 (objective),
 * the "should I use ML?" question, then the eight engineering steps.
 */
import { z } from 'zod';

/** Step ids, in wizard order. */
export const STEP_IDS = [
  'objective',
  'checklist',
  'data',
  'features',
  'train',
  'evaluate',
  'deploy',
  'serve',
  'monitor',
  'maintain',
] as const;

/** A lifecycle step id. */
export type StepId = (typeof STEP_IDS)[number];

/** Schema of a step id. */
export const StepIdSchema = z.enum(STEP_IDS);

/** How far a step is. `needs_attention` means something later showed this step must be revisited. */
export const STEP_STATES = ['not_started', 'in_progress', 'done', 'needs_attention'] as const;

/** Schema of a step state. */
export const StepStateSchema = z.enum(STEP_STATES);

/** A step's state. */
export type StepState = z.infer<typeof StepStateSchema>;

/** What the stepper shows for one step. */
export const StepStatusSchema = z.object({
  step: StepIdSchema,
  state: StepStateSchema,
  /** False while the step is not built yet in this version of Ciclo: the UI says so plainly. */
  isAvailable: z.boolean(),
  /** i18n key of a short reason shown under the step (why it needs attention, what is missing). */
  reasonKey: z.string().optional(),
});

/** What the stepper shows for one step. */
export type StepStatus = z.infer<typeof StepStatusSchema>;
