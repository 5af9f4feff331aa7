/**
 * "Should I use ML?": the seed's four questions, its perception hint and its data-availability
 * questions. The verdict is computed from the answers by `computeVerdict` (checklist-verdict.ts),
 * the same function in the UI (live preview) and in the backend (what is saved).
 */
import { z } from 'zod';

/** Question ids, in the order the UI asks them. */
export const CHECKLIST_QUESTIONS = [
  // The four core questions.
  'rulesSuffice', // Could hand-written rules (or a manageable number of them) solve it?
  'dataAffordable', // Is getting and labelling the data affordable (money, hours)?
  'objectiveSimple', // Is the objective simple and well specified?
  'toleratesErrors', // Can the product live with some wrong answers?
  // The perception hint.
  'perception', // Is it about perceiving images, video or sound?
  // Data availability.
  'dataExists', // Is there existing data to use?
  'dataEnoughPerClass', // Enough examples for every class or event of interest?
  'dataRecent', // Is the data recent enough (not obsolete)?
  'dataQuality', // Is its quality sufficient?
] as const;

/** A checklist question id. */
export type ChecklistQuestionId = (typeof CHECKLIST_QUESTIONS)[number];

/** Which group a question belongs to (the UI shows three groups). */
export const CHECKLIST_GROUPS: Readonly<Record<'core' | 'perception' | 'data', readonly ChecklistQuestionId[]>> = {
  core: ['rulesSuffice', 'dataAffordable', 'objectiveSimple', 'toleratesErrors'],
  perception: ['perception'],
  data: ['dataExists', 'dataEnoughPerClass', 'dataRecent', 'dataQuality'],
};

/** An answer; `null` = not answered yet. */
export const ChecklistAnswerValueSchema = z.enum(['yes', 'no', 'unsure']).nullable();

/** One answer with its optional note. */
export const ChecklistAnswerSchema = z.object({
  value: ChecklistAnswerValueSchema,
  note: z.string().max(4000),
});

/** One answer with its optional note. */
export type ChecklistAnswer = z.infer<typeof ChecklistAnswerSchema>;

/** All answers, one per question. */
export const ChecklistAnswersSchema = z.object(
  Object.fromEntries(CHECKLIST_QUESTIONS.map((q) => [q, ChecklistAnswerSchema])) as Record<
    ChecklistQuestionId,
    typeof ChecklistAnswerSchema
  >,
);

/** All answers. */
export type ChecklistAnswers = z.infer<typeof ChecklistAnswersSchema>;

/**
 * The verdict. `incomplete`: a core question is unanswered. `reconsider`: at least one core answer
 * argues against ML. `strongly_indicated`: a perception problem with no core objection. `fits`:
 * every core answer supports ML.
 */
export const VerdictKindSchema = z.enum(['incomplete', 'fits', 'reconsider', 'strongly_indicated']);

/** One reason behind the verdict: an i18n key plus the question it comes from. */
export const VerdictReasonSchema = z.object({
  question: z.enum(CHECKLIST_QUESTIONS),
  /** `against`: argues against ML; `for`: argues for ML; `caution`: a data risk to plan for. */
  weight: z.enum(['against', 'for', 'caution']),
  messageKey: z.string(),
});

/** The computed verdict. */
export const VerdictSchema = z.object({
  kind: VerdictKindSchema,
  reasons: z.array(VerdictReasonSchema),
});

/** The computed verdict. */
export type Verdict = z.infer<typeof VerdictSchema>;

/** What is saved and shown back. */
export const ChecklistStateSchema = z.object({
  answers: ChecklistAnswersSchema,
  verdict: VerdictSchema,
  updatedAt: z.string().nullable(),
});

/** What is saved and shown back. */
export type ChecklistState = z.infer<typeof ChecklistStateSchema>;

/** Answers with every question unanswered. */
export function emptyAnswers(): ChecklistAnswers {
  return Object.fromEntries(CHECKLIST_QUESTIONS.map((q) => [q, { value: null, note: '' }])) as ChecklistAnswers;
}
