/** Queries of the `objective` table (one row). */
import type { Objective, SavedObjective } from '../../../../shared/domain/objective.js';
import type { Db } from '../db.js';

interface ObjectiveRow {
  inputs: string;
  target: string;
  target_column: string | null;
  task_type: Objective['taskType'];
  metric: Objective['metric'];
  threshold: number;
  positive_class: string | null;
  cost_notes: string;
  updated_at: string;
}

/** The saved objective, or null before the first save. */
export function readObjective(db: Db): SavedObjective | null {
  const row = db.prepare('SELECT * FROM objective WHERE id = 1').get() as ObjectiveRow | undefined;
  if (!row) return null;
  const out: SavedObjective = {
    inputs: row.inputs,
    target: row.target,
    taskType: row.task_type,
    metric: row.metric,
    threshold: row.threshold,
    costNotes: row.cost_notes,
    updatedAt: row.updated_at,
  };
  if (row.target_column !== null) out.targetColumn = row.target_column;
  if (row.positive_class !== null) out.positiveClass = row.positive_class;
  return out;
}

/** Saves (replaces) the objective. */
export function writeObjective(db: Db, o: Objective, now: string): void {
  db.prepare(
    `INSERT INTO objective (id, inputs, target, target_column, task_type, metric, threshold, positive_class, cost_notes, updated_at)
     VALUES (1, @inputs, @target, @targetColumn, @taskType, @metric, @threshold, @positiveClass, @costNotes, @now)
     ON CONFLICT (id) DO UPDATE SET inputs = excluded.inputs, target = excluded.target, target_column = excluded.target_column,
       task_type = excluded.task_type, metric = excluded.metric, threshold = excluded.threshold,
       positive_class = excluded.positive_class, cost_notes = excluded.cost_notes, updated_at = excluded.updated_at`,
  ).run({
    inputs: o.inputs,
    target: o.target,
    targetColumn: o.targetColumn ?? null,
    taskType: o.taskType,
    metric: o.metric,
    threshold: o.threshold,
    positiveClass: o.positiveClass ?? null,
    costNotes: o.costNotes,
    now,
  });
}
