/** Queries of the checklist tables: one answer row per question, plus the last computed verdict. */
import { CHECKLIST_QUESTIONS, emptyAnswers, type ChecklistAnswers, type Verdict } from '../../../../shared/domain/checklist.js';
import type { Db } from '../db.js';

/** Saved answers (every question present; unanswered ones are null) and when they were saved. */
export function readAnswers(db: Db): { answers: ChecklistAnswers; updatedAt: string | null } {
  const rows = db.prepare('SELECT question, value, note, updated_at FROM checklist_answers').all() as Array<{
    question: string;
    value: 'yes' | 'no' | 'unsure' | null;
    note: string;
    updated_at: string;
  }>;
  const answers = emptyAnswers();
  let updatedAt: string | null = null;
  const known = new Set<string>(CHECKLIST_QUESTIONS);
  for (const r of rows) {
    // A question a later version removed is ignored rather than shown under no heading.
    if (!known.has(r.question)) continue;
    answers[r.question as keyof ChecklistAnswers] = { value: r.value, note: r.note };
    if (updatedAt === null || r.updated_at > updatedAt) updatedAt = r.updated_at;
  }
  return { answers, updatedAt };
}

/** Saves every answer and the verdict computed from them. */
export function writeAnswers(db: Db, answers: ChecklistAnswers, verdict: Verdict, now: string): void {
  const put = db.prepare(
    `INSERT INTO checklist_answers (question, value, note, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (question) DO UPDATE SET value = excluded.value, note = excluded.note, updated_at = excluded.updated_at`,
  );
  for (const q of CHECKLIST_QUESTIONS) put.run(q, answers[q].value, answers[q].note, now);
  db.prepare(
    `INSERT INTO checklist_verdict (id, kind, reasons_json, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, reasons_json = excluded.reasons_json, updated_at = excluded.updated_at`,
  ).run(verdict.kind, JSON.stringify(verdict.reasons), now);
}
