/**
 * The "Should I use ML?" verdict, computed from the checklist answers. One function for the UI
 * (live preview while answering) and the backend (what is saved), so they can never disagree.
 *
 * Rules, in order:
 *  1. While any core question is unanswered the verdict is `incomplete` (the reasons found so far
 *     are still listed, so the preview can show them).
 *  2. Each core answer that argues against ML is an `against` reason, and one is enough for
 *     `reconsider`: rules would do (rulesSuffice = yes), the data is too expensive
 *     (dataAffordable = no), the objective is vague or complex (objectiveSimple = no), or wrong
 *     answers are unacceptable (toleratesErrors = no).
 *  3. A core answer of `unsure` is a `caution` (find out before investing), not an objection.
 *  4. A perception problem (images, video, sound) with no objection is `strongly_indicated`:
 *     hand-written rules are hopeless there.
 *  5. Data questions answered `no` (or `unsure`) are `caution` reasons: plan data collection.
 *     They never flip the verdict, because data can be gathered.
 *  6. Otherwise: `fits`.
 * Each reason's messageKey is `checklist.reason.<question>.<against|for|unsure|caution>`.
 */
import { CHECKLIST_GROUPS, CHECKLIST_QUESTIONS, type ChecklistAnswers, type ChecklistQuestionId, type Verdict } from './checklist.js';

type Answer = 'yes' | 'no';

/** For each core question, the answer that argues against ML. */
export const CORE_AGAINST_ANSWER: Readonly<Record<'rulesSuffice' | 'dataAffordable' | 'objectiveSimple' | 'toleratesErrors', Answer>> = {
  rulesSuffice: 'yes',
  dataAffordable: 'no',
  objectiveSimple: 'no',
  toleratesErrors: 'no',
};

type Reason = Verdict['reasons'][number];

function reason(question: ChecklistQuestionId, weight: Reason['weight'], suffix: string): Reason {
  return { question, weight, messageKey: `checklist.reason.${question}.${suffix}` };
}

/** Computes the verdict and its reasons (in question order) from the answers. */
export function computeVerdict(answers: ChecklistAnswers): Verdict {
  const core = new Set<ChecklistQuestionId>(CHECKLIST_GROUPS.core);
  const data = new Set<ChecklistQuestionId>(CHECKLIST_GROUPS.data);
  const reasons: Reason[] = [];
  let isIncomplete = false;
  let hasAgainst = false;
  let isPerception = false;

  for (const q of CHECKLIST_QUESTIONS) {
    const value = answers[q]?.value ?? null;
    if (core.has(q)) {
      if (value === null) {
        isIncomplete = true;
        continue;
      }
      if (value === 'unsure') {
        reasons.push(reason(q, 'caution', 'unsure'));
      } else if (value === CORE_AGAINST_ANSWER[q as keyof typeof CORE_AGAINST_ANSWER]) {
        hasAgainst = true;
        reasons.push(reason(q, 'against', 'against'));
      } else {
        reasons.push(reason(q, 'for', 'for'));
      }
    } else if (q === 'perception') {
      if (value === 'yes') {
        isPerception = true;
        reasons.push(reason(q, 'for', 'for'));
      }
    } else if (data.has(q)) {
      if (value === 'no') reasons.push(reason(q, 'caution', 'caution'));
      else if (value === 'unsure') reasons.push(reason(q, 'caution', 'unsure'));
    }
  }

  const kind: Verdict['kind'] = isIncomplete ? 'incomplete' : hasAgainst ? 'reconsider' : isPerception ? 'strongly_indicated' : 'fits';
  return { kind, reasons };
}

/** Every messageKey `computeVerdict` can produce (for i18n completeness tests). */
export function allVerdictReasonKeys(): string[] {
  const keys: string[] = [];
  for (const q of CHECKLIST_GROUPS.core) keys.push(`checklist.reason.${q}.against`, `checklist.reason.${q}.for`, `checklist.reason.${q}.unsure`);
  keys.push('checklist.reason.perception.for');
  for (const q of CHECKLIST_GROUPS.data) keys.push(`checklist.reason.${q}.caution`, `checklist.reason.${q}.unsure`);
  return keys;
}
