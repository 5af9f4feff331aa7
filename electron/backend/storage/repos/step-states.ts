/** Queries of `step_state_overrides`: a later step flagging an earlier one (e.g. drift -> Data). */
import type { StepId, StepState } from '../../../../shared/domain/lifecycle.js';
import type { Db } from '../db.js';

/** An override of a step's computed state. */
export interface StepOverride {
  step: StepId;
  state: StepState;
  reasonKey: string | null;
  updatedAt: string;
}

/** Every override, keyed by step. */
export function readOverrides(db: Db): Map<StepId, StepOverride> {
  const rows = db.prepare('SELECT step, state, reason_key, updated_at FROM step_state_overrides').all() as Array<{
    step: StepId;
    state: StepState;
    reason_key: string | null;
    updated_at: string;
  }>;
  return new Map(rows.map((r) => [r.step, { step: r.step, state: r.state, reasonKey: r.reason_key, updatedAt: r.updated_at }]));
}

/** Sets a step's override (e.g. `needs_attention` with the reason's i18n key). */
export function setOverride(db: Db, step: StepId, state: StepState, reasonKey: string | null, now: string): void {
  db.prepare(
    `INSERT INTO step_state_overrides (step, state, reason_key, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (step) DO UPDATE SET state = excluded.state, reason_key = excluded.reason_key, updated_at = excluded.updated_at`,
  ).run(step, state, reasonKey, now);
}

/** Removes a step's override: its computed state shows again. */
export function clearOverride(db: Db, step: StepId): void {
  db.prepare('DELETE FROM step_state_overrides WHERE step = ?').run(step);
}
