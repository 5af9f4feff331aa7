/**
 * Pipeline specs for training, as pure functions (used on the backend's thread and inside
 * workers): the spec kind of each dataset column type, the default spec of a version, a feature
 * set adapted to each model's family, and the check that a spec fits a version's columns.
 *
 * Adapting needs each column's distinct and missing counts (to group rare categories, to add
 * "was missing" indicators, to drop constants); training workers compute them exactly from the
 * loaded table, so a run never depends on whether the Data step's profile was computed.
 */
import type { ColumnType } from '../../../shared/domain/dataset.js';
import type { TaskType } from '../../../shared/domain/metrics.js';
import { defaultPipelineSpec, type ColumnKind, type ColumnProfileInput, type ModelSpec, type PipelineSpec } from '../../../shared/domain/pipeline-spec.js';
import { AppError } from '../../../shared/errors.js';

/** A column of a version's schema. */
export interface SchemaColumn {
  name: string;
  type: ColumnType;
  role: 'feature' | 'target' | 'ignored';
}

/** Distinct and missing counts of a column, when known. */
export interface ColumnCounts {
  distinct: number;
  missing: number;
  rows: number;
}

/** The spec kind of a dataset column type (identifiers read as text; they are never features). */
export function columnKind(type: ColumnType): ColumnKind {
  switch (type) {
    case 'numeric':
    case 'integer':
    case 'boolean':
      return 'numeric';
    case 'datetime':
      return 'datetime';
    case 'categorical':
      return 'categorical';
    case 'text':
    case 'identifier':
      return 'text';
  }
}

/** What the default spec knows of each column (with its counts when they are known). */
export function profileInputs(schema: readonly SchemaColumn[], counts: (name: string) => ColumnCounts | undefined): ColumnProfileInput[] {
  return schema.map((c) => {
    const p = counts(c.name);
    const input: ColumnProfileInput = { name: c.name, kind: columnKind(c.type) };
    if (c.type === 'identifier') input.role = 'id';
    else if (c.role === 'ignored') input.role = 'ignore';
    if (p) {
      input.distinctCount = p.distinct;
      input.rowCount = p.rows;
      input.missingCount = p.missing;
    }
    return input;
  });
}

/** The model a spec uses by default for a task. */
export function defaultModel(task: TaskType): ModelSpec {
  return { id: task === 'classification' ? 'logreg' : 'ridge', params: {} };
}

/** The default spec of a version for its problem. */
export function defaultSpec(schema: readonly SchemaColumn[], counts: (name: string) => ColumnCounts | undefined, problem: { target: string; task: TaskType }, model?: ModelSpec): PipelineSpec {
  return defaultPipelineSpec(profileInputs(schema, counts), problem.task, { target: problem.target, model: model ?? defaultModel(problem.task) });
}

/**
 * The spec a model fits from a feature set: with `adapt`, the model family's default steps for
 * every feature the set keeps (its roles win; columns it does not list are ignored); without, the
 * set's own steps. The model and its params replace the set's.
 */
export function specForModel(featureSpec: PipelineSpec, model: ModelSpec, adapt: boolean, schema: readonly SchemaColumn[], counts: (name: string) => ColumnCounts | undefined): PipelineSpec {
  if (!adapt) return { ...featureSpec, model };
  const roles = new Map(featureSpec.columns.map((c) => [c.name, c]));
  const inputs = profileInputs(schema, counts)
    .filter((c) => roles.has(c.name))
    .map((c): ColumnProfileInput => {
      const chosen = roles.get(c.name)!;
      return { ...c, kind: chosen.kind, role: chosen.role === 'target' ? undefined : chosen.role };
    });
  return defaultPipelineSpec(inputs, featureSpec.task, { target: featureSpec.target, model });
}

/** Kinds a spec may give a column of each stored kind (the pipeline converts between them). */
function isCompatible(specKind: ColumnKind, dataKind: ColumnKind): boolean {
  if (specKind === dataKind) return true;
  if ((specKind === 'categorical' || specKind === 'text') && (dataKind === 'categorical' || dataKind === 'text')) return true;
  return specKind === 'categorical' && dataKind === 'numeric';
}

/** Refuses a spec whose columns (features and target) are not in the version, or whose kinds do not fit. */
export function checkSpecFits(spec: PipelineSpec, schema: readonly SchemaColumn[], field: string): void {
  const byName = new Map(schema.map((c) => [c.name, c]));
  for (const c of spec.columns) {
    if (c.role !== 'feature' && c.role !== 'target') continue;
    const s = byName.get(c.name);
    if (!s || !isCompatible(c.kind, columnKind(s.type)) || (c.role === 'feature' && s.type === 'identifier' && c.kind !== 'text' && c.kind !== 'categorical')) {
      throw new AppError('INVALID_ARGUMENT', s ? `Column "${c.name}" is ${s.type} in this version; the spec reads it as ${c.kind}.` : `Column "${c.name}" is not in this dataset version.`, {
        messageKey: 'errors.training.specMismatch',
        params: { column: c.name },
        details: { field },
      });
    }
  }
}

