// Pure rules of the "Should I use ML?" step: editing answers, progress, and what changed since saving.
// The verdict itself is `computeVerdict` from shared/, the same function the backend saves with.
import type { ChecklistAnswer, ChecklistAnswers, ChecklistQuestionId, Verdict } from '../../shared/domain/checklist.js';
import { CHECKLIST_QUESTIONS } from '../../shared/domain/checklist.js';

/** An answer value (`null` = not answered). */
export type AnswerValue = ChecklistAnswer['value'];

/** Sets one question's answer; choosing the current answer again keeps it (radio semantics). */
export function setAnswerValue(answers: ChecklistAnswers, question: ChecklistQuestionId, value: AnswerValue): ChecklistAnswers {
  return { ...answers, [question]: { ...answers[question], value } };
}

/** Sets one question's note. */
export function setAnswerNote(answers: ChecklistAnswers, question: ChecklistQuestionId, note: string): ChecklistAnswers {
  return { ...answers, [question]: { ...answers[question], note } };
}

/** How many questions have an answer (of all, or of a group). */
export function countAnswered(answers: ChecklistAnswers, questions: readonly ChecklistQuestionId[] = CHECKLIST_QUESTIONS): number {
  return questions.filter((q) => answers[q].value !== null).length;
}

/** True when the answers differ from what is saved (notes compared without surrounding spaces). */
export function isChecklistDirty(answers: ChecklistAnswers, saved: ChecklistAnswers | null): boolean {
  if (!saved) return CHECKLIST_QUESTIONS.some((q) => answers[q].value !== null || answers[q].note.trim() !== '');
  return CHECKLIST_QUESTIONS.some((q) => answers[q].value !== saved[q].value || answers[q].note.trim() !== saved[q].note.trim());
}

/** Answers as they are sent: notes trimmed. */
export function answersForSave(answers: ChecklistAnswers): ChecklistAnswers {
  return Object.fromEntries(CHECKLIST_QUESTIONS.map((q) => [q, { value: answers[q].value, note: answers[q].note.trim() }])) as ChecklistAnswers;
}

/** The verdict's reasons, grouped for display: against first (they decide), then for, then cautions. */
export function groupReasons(verdict: Verdict): Record<'against' | 'for' | 'caution', Verdict['reasons']> {
  return {
    against: verdict.reasons.filter((r) => r.weight === 'against'),
    for: verdict.reasons.filter((r) => r.weight === 'for'),
    caution: verdict.reasons.filter((r) => r.weight === 'caution'),
  };
}
