/**
 * Remedies as recorded, replayable steps (a recipe).
 *
 * `applyRemedy(table, params, {seed, trainRowMask})` validates the parameters, runs the remedy
 * with a generator seeded by `seed`, and returns the new table, its training mask and a
 * JSON-serialisable `RecipeStep` (parameters, seed, what was learned, counts, notes).
 *
 * `replayRecipe(table, recipe, {trainRowMask})` runs the steps again in order. Steps that learned
 * statistics (imputation values, outlier bounds) apply the recorded values as a transform, like a
 * fitted scikit-learn transformer; the others (balancing, duplicates, edits, augmentation,
 * nearest-neighbour imputation) run again with their recorded seed. On the data a recipe was
 * made from, replay therefore gives exactly the same table; on new data, it gives what the
 * recorded steps mean for that data (the Maintain step uses this).
 */
import { RecipeSchema, RemedyParamsSchema, type Recipe, type RecipeStep, type RemedyParams } from '../../../../shared/domain/dataset.js';
import { AppError } from '../../../../shared/errors.js';
import { Rng } from '../../../ml/core/rng.js';
import type { DataTable } from '../table.js';
import { applyClusterCentroids, applyRandomOversample, applyRandomUndersample } from './balance.js';
import { trainMaskOf, type RemedyContext, type RemedyResult } from './common.js';
import { applyDropColumns, applyFixLabels, applyRemoveDuplicates } from './edits.js';
import { applyImpute, transformImpute } from './impute.js';
import { applyJitter } from './jitter.js';
import { applyClip, applyRemoveOutliers, transformClip, transformRemove, type Bounds } from './outliers.js';
import { applySmote, applySmoteNc } from './smote.js';

export type { RemedyContext } from './common.js';

/** Options of {@link applyRemedy}. */
export interface ApplyOptions extends RemedyContext {
  /** Seed of the step's random choices (recorded in the step). */
  seed: number;
}

/** Result of applying or replaying one step. */
export interface StepResult {
  table: DataTable;
  trainRowMask: Uint8Array;
  step: RecipeStep;
}

function run(table: DataTable, params: RemedyParams, rng: Rng, ctx: RemedyContext, isReplay: boolean): RemedyResult {
  switch (params.kind) {
    case 'impute':
      return applyImpute(table, params, ctx);
    case 'clip_outliers':
      return applyClip(table, params, ctx);
    case 'remove_outliers':
      return applyRemoveOutliers(table, params, ctx);
    case 'remove_duplicates':
      return applyRemoveDuplicates(table, params, ctx);
    case 'drop_columns':
      return applyDropColumns(table, params, ctx, isReplay);
    case 'fix_labels':
      return applyFixLabels(table, params, ctx, isReplay);
    case 'random_undersample':
      return applyRandomUndersample(table, params, rng, ctx);
    case 'cluster_centroids':
      return applyClusterCentroids(table, params, rng, ctx);
    case 'random_oversample':
      return applyRandomOversample(table, params, rng, ctx);
    case 'smote':
      return applySmote(table, params, rng, ctx);
    case 'smote_nc':
      return applySmoteNc(table, params, rng, ctx);
    case 'gaussian_jitter':
      return applyJitter(table, params, rng, ctx);
  }
}

function toStep(before: DataTable, params: RemedyParams, seed: number, r: RemedyResult): StepResult {
  return {
    table: r.table,
    trainRowMask: r.trainRowMask,
    step: {
      params,
      seed,
      fitted: r.fitted,
      rowsBefore: before.nRows,
      rowsAfter: r.table.nRows,
      added: r.added,
      removed: r.removed,
      changedCells: r.changedCells,
      notes: r.notes,
    },
  };
}

/** Validates parameters, applies the remedy and records the step. */
export function applyRemedy(table: DataTable, params: unknown, options: ApplyOptions): StepResult {
  const parsed = RemedyParamsSchema.safeParse(params);
  if (!parsed.success) {
    throw new AppError('INVALID_ARGUMENT', `Invalid remedy parameters: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, {
      messageKey: 'errors.data.remedyParams',
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  const r = run(table, parsed.data, new Rng(options.seed), options, false);
  return toStep(table, parsed.data, options.seed, r);
}

/** Replays one recorded step (recorded statistics applied as they are; see the module comment). */
export function replayStep(table: DataTable, step: RecipeStep, ctx: RemedyContext = {}): StepResult {
  const { params } = step;
  const mask = trainMaskOf(table, ctx);
  if (params.kind === 'impute' && params.strategy !== 'knn') {
    const fills = step.fitted.fills as Record<string, number | string | null>;
    const r = transformImpute(table, fills, mask);
    return toStep(table, params, step.seed, { table: r.table, trainRowMask: mask, fitted: step.fitted, notes: step.notes, added: 0, removed: 0, changedCells: r.changed });
  }
  if (params.kind === 'clip_outliers') {
    const r = transformClip(table, step.fitted.bounds as Bounds, mask);
    return toStep(table, params, step.seed, { table: r.table, trainRowMask: mask, fitted: step.fitted, notes: step.notes, added: 0, removed: 0, changedCells: r.changed });
  }
  if (params.kind === 'remove_outliers') {
    const r = transformRemove(table, step.fitted.bounds as Bounds, mask);
    return toStep(table, params, step.seed, { table: r.table, trainRowMask: r.trainRowMask, fitted: step.fitted, notes: step.notes, added: 0, removed: r.removed, changedCells: 0 });
  }
  return toStep(table, params, step.seed, run(table, params, new Rng(step.seed), { trainRowMask: mask }, true));
}

/** Replays a whole recipe. */
export function replayRecipe(table: DataTable, recipe: Recipe, ctx: RemedyContext = {}): { table: DataTable; trainRowMask: Uint8Array; steps: RecipeStep[] } {
  const checked = RecipeSchema.parse(recipe);
  let current = table;
  let mask = trainMaskOf(table, ctx);
  const steps: RecipeStep[] = [];
  for (const step of checked.steps) {
    const r = replayStep(current, step, { trainRowMask: mask });
    current = r.table;
    mask = r.trainRowMask;
    steps.push(r.step);
  }
  return { table: current, trainRowMask: mask, steps };
}
