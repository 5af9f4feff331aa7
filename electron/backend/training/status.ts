/**
 * Step status providers of Features, Train and Evaluate (api/lifecycle.ts), from the project's
 * tables only (they run on every status call):
 *  - features: done once a feature set is saved (training with the default spec does not count:
 *    the step is about looking at the columns);
 *  - train: done once a run finished; in progress while runs exist but none finished;
 *  - evaluate: done when a finished run meets the objective's threshold; needs attention when runs
 *    finished and none meets it (back to features, data or the objective); in progress without an
 *    objective that applies to the runs.
 */
import type { ProvidedStepState } from '../api/lifecycle.js';
import type { Db } from '../storage/db.js';
import { readObjective } from '../storage/repos/objective.js';
import { countFeatureSets } from '../storage/repos/training.js';
import { objectiveVerdict } from './views.js';

/** The Features step's state. */
export function featuresStatus(db: Db): ProvidedStepState {
  return countFeatureSets(db) > 0 ? { state: 'done' } : { state: 'not_started' };
}

/** The Train step's state. */
export function trainStatus(db: Db): ProvidedStepState {
  const counts = db.prepare("SELECT COUNT(*) AS total, SUM(state = 'done') AS done FROM runs").get() as { total: number; done: number | null };
  if (counts.total === 0) return { state: 'not_started' };
  if ((counts.done ?? 0) > 0) return { state: 'done' };
  return { state: 'in_progress', reasonKey: 'lifecycle.reason.train.noFinishedRun' };
}

/** The Evaluate step's state. */
export function evaluateStatus(db: Db): ProvidedStepState {
  const rows = db
    .prepare("SELECT r.task, r.target, x.metrics_json FROM runs r JOIN run_results x ON x.run_id = r.id WHERE r.state = 'done'")
    .all() as Array<{ task: 'classification' | 'regression'; target: string; metrics_json: string }>;
  if (rows.length === 0) return { state: 'not_started' };
  const objective = readObjective(db);
  let judged = 0;
  for (const r of rows) {
    const verdict = objectiveVerdict(objective, r, JSON.parse(r.metrics_json) as Record<string, number | null>);
    if (!verdict) continue;
    judged++;
    if (verdict.meets) return { state: 'done' };
  }
  if (judged === 0) return { state: 'in_progress', reasonKey: 'lifecycle.reason.evaluate.noObjective' };
  return { state: 'needs_attention', reasonKey: 'lifecycle.reason.evaluate.belowThreshold' };
}
