/**
 * What a dataset version asks of training, decided from metadata only (its cost grows with
 * columns, never rows): the target, the task (the objective's, else the profile's, the
 * partition's class balance, or the column type), the metric that ranks runs, the positive class.
 */
import { METRICS, type MetricId, type TaskType } from '../../../shared/domain/metrics.js';
import type { TableProfile } from '../../../shared/domain/dataset.js';
import { TableProfileSchema } from '../../../shared/domain/dataset.js';
import type { SavedObjective } from '../../../shared/domain/objective.js';
import { AppError } from '../../../shared/errors.js';
import { MODEL_CATALOG } from '../../ml/registry.js';
import type { Db } from '../storage/db.js';
import { getProfileRecord, readVersionSchema, type VersionRecord } from '../storage/repos/datasets.js';
import { readObjective } from '../storage/repos/objective.js';
import { partitionOf } from '../versions/records.js';
import type { ColumnCounts, SchemaColumn } from './specs.js';

export type { SchemaColumn } from './specs.js';

/** The learning problem of a version. */
export interface Problem {
  target: string;
  task: TaskType;
  taskSource: 'objective' | 'inferred';
  /** Ranks runs and search candidates. */
  metric: MetricId;
  positiveClass: string | null;
  objective: SavedObjective | null;
}

/** The metric runs rank by when the objective gives none for the task. */
export function defaultMetric(task: TaskType): MetricId {
  return task === 'classification' ? 'balanced_accuracy' : 'rmse';
}

/** The counts a stored profile knows (for provisional specs on this thread; workers count exactly). */
export function profileCounts(profile: TableProfile | null): (name: string) => ColumnCounts | undefined {
  return (name) => {
    const p = profile?.columns.find((c) => c.name === name);
    return p ? { distinct: p.distinct, missing: p.missing, rows: p.count + p.missing } : undefined;
  };
}

/** The cached profile of a version, if any. */
export function storedProfile(db: Db, versionId: string): TableProfile | null {
  const r = getProfileRecord(db, versionId);
  if (!r) return null;
  const parsed = TableProfileSchema.safeParse(JSON.parse(r.profileJson));
  return parsed.success ? parsed.data : null;
}

function inferTask(db: Db, version: VersionRecord, column: SchemaColumn, profile: TableProfile | null): TaskType | null {
  if (profile?.target && profile.target.column === column.name) return profile.target.task;
  const balance = partitionOf(version)?.summary;
  if (balance?.classBalance && balance.spec.target === column.name) return 'classification';
  switch (column.type) {
    case 'categorical':
    case 'boolean':
    case 'text':
      return 'classification';
    case 'integer': {
      const p = profile?.columns.find((c) => c.name === column.name);
      return p && p.distinct <= 20 ? 'classification' : 'regression';
    }
    case 'numeric':
      return 'regression';
    default:
      return null;
  }
}

/** The problem of a version, or null when no usable target is known. */
export function resolveProblem(db: Db, version: VersionRecord, schema: readonly SchemaColumn[] = readVersionSchema(db, version.id)): Problem | null {
  const objective = readObjective(db);
  const names = new Set(schema.map((c) => c.name));
  const target = version.target ?? (objective?.targetColumn && names.has(objective.targetColumn) ? objective.targetColumn : null);
  if (!target) return null;
  const column = schema.find((c) => c.name === target);
  if (!column || column.type === 'datetime' || column.type === 'identifier') return null;
  const objectiveApplies = objective !== null && (objective.targetColumn === undefined || objective.targetColumn === target);
  const task = objectiveApplies ? objective.taskType : inferTask(db, version, column, storedProfile(db, version.id));
  if (!task) return null;
  const metric = objectiveApplies && METRICS[objective.metric].task === task ? objective.metric : defaultMetric(task);
  return {
    target,
    task,
    taskSource: objectiveApplies ? 'objective' : 'inferred',
    metric,
    positiveClass: objectiveApplies && task === 'classification' ? (objective.positiveClass ?? null) : null,
    objective,
  };
}

/** The catalogue entry of a model id that serves `task`, or INVALID_ARGUMENT naming the field. */
export function requireModel(id: string, task: TaskType, field: string): { kind: string; hasSeed: boolean } {
  const entry = MODEL_CATALOG.find((m) => m.id === id);
  if (!entry) {
    throw new AppError('INVALID_ARGUMENT', `There is no model "${id}" (known: ${MODEL_CATALOG.map((m) => m.id).join(', ')}).`, {
      messageKey: 'errors.training.unknownModel',
      params: { model: id },
      details: { field },
    });
  }
  const kind = entry.kinds[task];
  if (!kind) {
    throw new AppError('INVALID_ARGUMENT', `The model "${id}" does not do ${task}.`, {
      messageKey: 'errors.training.modelNotForTask',
      params: { model: id, task },
      details: { field },
    });
  }
  return { kind, hasSeed: (entry.params[task] ?? []).some((p) => p.name === 'randomState') };
}
