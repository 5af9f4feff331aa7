// Pure rules of the Objective form: the draft the user edits (text as typed), the instant
// field checks, and turning a valid draft into the contract's Objective. The backend checks
// again on save; its field errors are merged in by field name.
import type { MetricId, TaskType } from '../../shared/domain/metrics.js';
import { METRICS } from '../../shared/domain/metrics.js';
import type { Objective, SavedObjective } from '../../shared/domain/objective.js';
import type { FieldErrors } from '../lib/field-errors.js';

/** Fields of the form, named as in the contract (so backend `details.field` maps directly). */
export const OBJECTIVE_FIELDS = ['inputs', 'target', 'taskType', 'metric', 'threshold', 'positiveClass', 'costNotes'] as const;
/** A field of the form. */
export type ObjectiveField = (typeof OBJECTIVE_FIELDS)[number];

/** What the form holds: strings as typed, '' for "not chosen". */
export interface ObjectiveDraft {
  inputs: string;
  target: string;
  taskType: TaskType | '';
  metric: MetricId | '';
  threshold: string;
  positiveClass: string;
  costNotes: string;
  /** Kept as saved (bound in the Data step); not edited here. */
  targetColumn?: string;
}

// Length limits of ObjectiveSchema (shared/domain/objective.ts).
const MAX_LENGTH: Partial<Record<ObjectiveField, number>> = { inputs: 4000, target: 400, positiveClass: 400, costNotes: 8000 };

/** An empty form. */
export function emptyDraft(): ObjectiveDraft {
  return { inputs: '', target: '', taskType: '', metric: '', threshold: '', positiveClass: '', costNotes: '' };
}

/** The form showing a saved objective (or empty). */
export function draftFromSaved(saved: SavedObjective | null): ObjectiveDraft {
  if (!saved) return emptyDraft();
  const draft: ObjectiveDraft = {
    inputs: saved.inputs,
    target: saved.target,
    taskType: saved.taskType,
    metric: saved.metric,
    threshold: String(saved.threshold),
    positiveClass: saved.positiveClass ?? '',
    costNotes: saved.costNotes,
  };
  if (saved.targetColumn !== undefined) draft.targetColumn = saved.targetColumn;
  return draft;
}

/** Reads a number typed with a decimal point or a decimal comma ("0.85", "0,85", "3"); null if it is not one. */
export function parseThreshold(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** True when the metric needs to know which class is positive. */
export function needsPositiveClass(metric: MetricId | ''): boolean {
  return metric !== '' && METRICS[metric].isBinaryOnly;
}

/** Applies one edit. Changing the task drops a metric that no longer fits it. */
export function applyField<F extends ObjectiveField>(draft: ObjectiveDraft, field: F, value: ObjectiveDraft[F]): ObjectiveDraft {
  const next: ObjectiveDraft = { ...draft, [field]: value };
  if (field === 'taskType' && next.metric !== '' && METRICS[next.metric].task !== next.taskType) next.metric = '';
  return next;
}

/** Checks every field; returns the errors and, when there are none, the objective to save. */
export function validateDraft(draft: ObjectiveDraft): { errors: FieldErrors<ObjectiveField>; objective: Objective | null } {
  const errors: FieldErrors<ObjectiveField> = {};
  for (const field of ['inputs', 'target'] as const) {
    if (draft[field].trim() === '') errors[field] = { key: 'objective.error.required' };
  }
  for (const field of OBJECTIVE_FIELDS) {
    const max = MAX_LENGTH[field];
    const value = draft[field];
    if (max !== undefined && typeof value === 'string' && value.length > max) errors[field] = { key: 'objective.error.tooLong', params: { max } };
  }
  if (draft.taskType === '') errors.taskType = { key: 'objective.error.required' };
  if (draft.metric === '') errors.metric = { key: 'objective.error.required' };
  else if (draft.taskType !== '' && METRICS[draft.metric].task !== draft.taskType) errors.metric = { key: 'objective.error.metricTask' };

  const threshold = parseThreshold(draft.threshold);
  if (draft.threshold.trim() === '') errors.threshold = { key: 'objective.error.required' };
  else if (threshold === null) errors.threshold = { key: 'objective.error.notANumber' };
  else if (draft.metric !== '') {
    const { min, max } = METRICS[draft.metric];
    if (min !== null && threshold < min) errors.threshold = { key: 'objective.error.belowMin', params: { min } };
    else if (max !== null && threshold > max) errors.threshold = { key: 'objective.error.aboveMax', params: { max } };
  }
  const positiveNeeded = needsPositiveClass(draft.metric);
  if (positiveNeeded && draft.positiveClass.trim() === '') errors.positiveClass = { key: 'objective.error.required' };

  if (Object.keys(errors).length > 0 || draft.taskType === '' || draft.metric === '' || threshold === null) return { errors, objective: null };
  const objective: Objective = {
    inputs: draft.inputs.trim(),
    target: draft.target.trim(),
    taskType: draft.taskType,
    metric: draft.metric,
    threshold,
    costNotes: draft.costNotes.trim(),
  };
  if (positiveNeeded) objective.positiveClass = draft.positiveClass.trim();
  if (draft.targetColumn !== undefined) objective.targetColumn = draft.targetColumn;
  return { errors, objective };
}

/** The errors to show now: a field's own check once it was left (or after a save attempt), then the backend's. */
export function visibleErrors(
  draft: ObjectiveDraft,
  touched: Partial<Record<ObjectiveField, boolean>>,
  isSubmitted: boolean,
  serverErrors: FieldErrors<ObjectiveField>,
): FieldErrors<ObjectiveField> {
  const { errors } = validateDraft(draft);
  const out: FieldErrors<ObjectiveField> = {};
  for (const field of OBJECTIVE_FIELDS) {
    const own = isSubmitted || touched[field] ? errors[field] : undefined;
    const shown = own ?? serverErrors[field];
    if (shown) out[field] = shown;
  }
  return out;
}

/** True when the form differs from what is saved. */
export function isDraftDirty(draft: ObjectiveDraft, saved: SavedObjective | null): boolean {
  const base = draftFromSaved(saved);
  return OBJECTIVE_FIELDS.some((f) => {
    if (f === 'threshold') {
      const a = parseThreshold(draft.threshold);
      const b = parseThreshold(base.threshold);
      return a === null || b === null ? draft.threshold.trim() !== base.threshold.trim() : a !== b;
    }
    if (f === 'positiveClass' && !needsPositiveClass(draft.metric)) return false;
    return draft[f] !== base[f];
  });
}

/** The plain sentence under the threshold ("at least 0.85" / "at most 3.2"), or null when incomplete. */
export function thresholdReading(draft: ObjectiveDraft): { direction: 'atLeast' | 'atMost'; metric: MetricId; value: number } | null {
  if (draft.metric === '') return null;
  const value = parseThreshold(draft.threshold);
  if (value === null) return null;
  return { direction: METRICS[draft.metric].direction === 'higher' ? 'atLeast' : 'atMost', metric: draft.metric, value };
}
