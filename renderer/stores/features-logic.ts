// Pure rules of the Features step: a column's transformation steps read as a few plain choices
// (how to fill missing values, whether to compress a long tail, how to scale, how to encode) and
// written back as the PipelineSpec's steps; role changes; a saved design carried over to a newer
// dataset version; relevance bars by the chosen measure. No React, no API.
import type { ColumnKind, ColumnSpec, PipelineSpec, StepSpec } from '../../shared/domain/pipeline-spec.js';
import type { ColumnRelevance, FeatureColumn, FeatureSuggestion } from '../../shared/api/methods/training.js';

/** How missing numbers are filled. */
export type MissingChoice = 'median' | 'mean' | 'mostFrequent' | 'knn' | 'none';
/** An optional reshaping of a number before scaling. */
export type ShapeChoice = 'none' | 'log1p' | 'bin';
/** How numbers are scaled. */
export type ScaleChoice = 'standard' | 'minMax' | 'robust' | 'none';
/** How a category or text column becomes numbers. */
export type EncodeChoice = 'oneHot' | 'ordinal' | 'tfidf' | 'dateParts';

/** A column's steps as the screen offers them. */
export interface ColumnChoices {
  encode: EncodeChoice | null;
  missing: MissingChoice;
  shape: ShapeChoice;
  scale: ScaleChoice;
}

/** Choices offered per column kind. */
export const CHOICES_BY_KIND: Readonly<Record<ColumnKind, { encode: readonly EncodeChoice[]; hasNumericTail: boolean }>> = {
  numeric: { encode: [], hasNumericTail: true },
  categorical: { encode: ['oneHot', 'ordinal'], hasNumericTail: false },
  text: { encode: ['tfidf', 'oneHot', 'ordinal'], hasNumericTail: false },
  datetime: { encode: ['dateParts'], hasNumericTail: true },
};

/** Options of each numeric choice, in the order the screen lists them. */
export const MISSING_CHOICES: readonly MissingChoice[] = ['median', 'mean', 'mostFrequent', 'knn', 'none'];
/** Shapes offered. */
export const SHAPE_CHOICES: readonly ShapeChoice[] = ['none', 'log1p', 'bin'];
/** Scalings offered. */
export const SCALE_CHOICES: readonly ScaleChoice[] = ['standard', 'minMax', 'robust', 'none'];

/** Reads a column's steps as choices. */
export function choicesOf(column: Pick<ColumnSpec, 'kind' | 'steps'>): ColumnChoices {
  const out: ColumnChoices = { encode: null, missing: 'none', shape: 'none', scale: 'none' };
  for (const step of column.steps) {
    switch (step.op) {
      case 'oneHot':
      case 'ordinal':
      case 'tfidf':
      case 'dateParts':
        out.encode = step.op;
        break;
      case 'impute':
        out.missing = step.strategy === 'constant' ? 'median' : step.strategy;
        break;
      case 'knnImpute':
        out.missing = 'knn';
        break;
      case 'log1p':
        out.shape = 'log1p';
        break;
      case 'bin':
        out.shape = 'bin';
        break;
      case 'standardScale':
        out.scale = 'standard';
        break;
      case 'minMaxScale':
        out.scale = 'minMax';
        break;
      case 'robustScale':
        out.scale = 'robust';
        break;
    }
  }
  if (out.encode === null && column.kind !== 'numeric') out.encode = CHOICES_BY_KIND[column.kind].encode[0] ?? null;
  return out;
}

function keep<O extends StepSpec['op']>(previous: readonly StepSpec[], op: O): Extract<StepSpec, { op: O }> | undefined {
  return previous.find((s): s is Extract<StepSpec, { op: O }> => s.op === op);
}

/** Writes choices back as steps, keeping the settings of steps that stay (a one-hot's grouping, TF-IDF's vocabulary size). */
export function stepsFromChoices(kind: ColumnKind, choices: ColumnChoices, previous: readonly StepSpec[] = []): StepSpec[] {
  const steps: StepSpec[] = [];
  const offer = CHOICES_BY_KIND[kind];
  if (offer.encode.length > 0) {
    const encode = choices.encode !== null && offer.encode.includes(choices.encode) ? choices.encode : offer.encode[0];
    switch (encode) {
      case 'oneHot':
        steps.push(keep(previous, 'oneHot') ?? { op: 'oneHot', handleUnknown: 'ignore', missing: 'category' });
        break;
      case 'ordinal':
        steps.push(keep(previous, 'ordinal') ?? { op: 'ordinal', unknownValue: -1, encodedMissingValue: -2 });
        break;
      case 'tfidf':
        steps.push(keep(previous, 'tfidf') ?? { op: 'tfidf', maxFeatures: 300 });
        break;
      case 'dateParts':
        steps.push(keep(previous, 'dateParts') ?? { op: 'dateParts' });
        break;
    }
  }
  if (!offer.hasNumericTail) return steps;
  if (choices.missing === 'knn') steps.push(keep(previous, 'knnImpute') ?? { op: 'knnImpute' });
  else if (choices.missing !== 'none') {
    const before = keep(previous, 'impute');
    steps.push(before && before.strategy === choices.missing ? before : { op: 'impute', strategy: choices.missing, ...(before?.addIndicator ? { addIndicator: true } : {}) });
  }
  if (choices.shape === 'log1p') steps.push({ op: 'log1p' });
  if (choices.shape === 'bin') steps.push(keep(previous, 'bin') ?? { op: 'bin', nBins: 5, strategy: 'quantile', encode: 'ordinal' });
  if (choices.scale === 'standard') steps.push(keep(previous, 'standardScale') ?? { op: 'standardScale' });
  if (choices.scale === 'minMax') steps.push(keep(previous, 'minMaxScale') ?? { op: 'minMaxScale' });
  if (choices.scale === 'robust') steps.push(keep(previous, 'robustScale') ?? { op: 'robustScale' });
  return steps;
}

/** The steps a column gets when the user turns it into a feature (the beginner defaults of its kind). */
export function defaultFeatureSteps(kind: ColumnKind): StepSpec[] {
  switch (kind) {
    case 'numeric':
      return [{ op: 'impute', strategy: 'median' }, { op: 'standardScale' }];
    case 'categorical':
      return [{ op: 'oneHot', handleUnknown: 'ignore', missing: 'category' }];
    case 'text':
      return [{ op: 'tfidf', maxFeatures: 300 }];
    case 'datetime':
      return [{ op: 'dateParts' }, { op: 'impute', strategy: 'median' }, { op: 'standardScale' }];
  }
}

/** Replaces one column of a spec. */
function withColumn(spec: PipelineSpec, name: string, change: (c: ColumnSpec) => ColumnSpec): PipelineSpec {
  return { ...spec, columns: spec.columns.map((c) => (c.name === name ? change(c) : c)) };
}

/** Sets a column's choices. */
export function setChoices(spec: PipelineSpec, name: string, choices: ColumnChoices): PipelineSpec {
  return withColumn(spec, name, (c) => (c.role === 'feature' ? { ...c, steps: stepsFromChoices(c.kind, choices, c.steps) } : c));
}

/**
 * Uses a column as a feature or leaves it out. A column brought back gets the steps it was
 * suggested with (when it had any) or the defaults of its kind; the target never changes here.
 */
export function setRole(spec: PipelineSpec, name: string, role: 'feature' | 'ignore', suggested?: PipelineSpec | null): PipelineSpec {
  return withColumn(spec, name, (c) => {
    if (c.role === 'target' || c.role === role) return c;
    if (role === 'ignore') return { ...c, role: 'ignore', steps: [] };
    const fromSuggestion = suggested?.columns.find((s) => s.name === name && s.role === 'feature');
    return { ...c, role: 'feature', steps: fromSuggestion ? [...fromSuggestion.steps] : defaultFeatureSteps(c.kind) };
  });
}

/** True when the steps of any feature differ from the suggestion's (the user designed them). */
export function hasCustomSteps(spec: PipelineSpec, suggested: PipelineSpec | null): boolean {
  if (!suggested) return false;
  return spec.columns.some((c) => {
    if (c.role !== 'feature') return false;
    const s = suggested.columns.find((x) => x.name === c.name);
    return !s || s.role !== 'feature' || JSON.stringify(s.steps) !== JSON.stringify(c.steps);
  });
}

/** True when two specs describe the same design (the rationale texts do not count). */
export function isSameDesign(a: PipelineSpec | null, b: PipelineSpec | null): boolean {
  if (a === null || b === null) return a === b;
  const strip = (s: PipelineSpec) => ({ ...s, columns: s.columns.map(({ rationale: _r, ...c }) => c) });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/**
 * A design saved on an earlier version, carried over to the suggestion for this one: columns that
 * still exist with the same kind keep their saved role and steps; new columns keep the suggestion.
 * Returns the names of saved columns that are gone.
 */
export function carryOver(saved: PipelineSpec, suggested: PipelineSpec): { spec: PipelineSpec; missing: string[] } {
  const byName = new Map(saved.columns.map((c) => [c.name, c]));
  const columns = suggested.columns.map((c) => {
    const old = byName.get(c.name);
    if (!old || old.kind !== c.kind || c.role === 'target' || old.role === 'target') return c;
    return { ...c, role: old.role, steps: [...old.steps], ...(old.rationale ? { rationale: old.rationale } : {}) };
  });
  const present = new Set(suggested.columns.map((c) => c.name));
  return { spec: { ...suggested, columns }, missing: saved.columns.filter((c) => !present.has(c.name)).map((c) => c.name) };
}

/** Counts for the summary line. */
export function roleCounts(spec: PipelineSpec): { features: number; dropped: number } {
  let features = 0;
  let dropped = 0;
  for (const c of spec.columns) {
    if (c.role === 'feature') features += 1;
    else if (c.role !== 'target') dropped += 1;
  }
  return { features, dropped };
}

// ---------------------------------------------------------------------------------------------
// Relevance

/** What the relevance chart measures. */
export type RelevanceMeasure = 'mutualInfo' | 'correlation';

/** Mutual information: normalised to 0..1 for classification (share of the target's uncertainty), in nats otherwise. */
export function mutualInfoOf(r: ColumnRelevance): number | null {
  return r.mutualInfoNormalized ?? r.mutualInfo;
}

/**
 * Strength of the straight association with the target, 0..1: |Pearson r| when defined (numbers
 * against numbers or two classes), else Cramér's V (categories against classes), else the
 * correlation ratio η (numbers against several classes, or categories against a number).
 */
export function correlationOf(r: ColumnRelevance): number | null {
  if (r.pearson !== null) return Math.abs(r.pearson);
  if (r.cramersV !== null) return r.cramersV;
  if (r.correlationRatio !== null) return r.correlationRatio;
  if (r.spearman !== null) return Math.abs(r.spearman);
  return null;
}

/** A column's bar by the chosen measure. */
export function relevanceValue(r: ColumnRelevance, measure: RelevanceMeasure): number | null {
  return measure === 'mutualInfo' ? mutualInfoOf(r) : correlationOf(r);
}

/** True when a column carries a leakage warning (quality report or relevance). */
export function isLeaking(column: Pick<FeatureColumn, 'leakage'>): boolean {
  return column.leakage.length > 0;
}

/** Bars of the relevance chart: scored columns, leaking ones flagged, in the suggestion's order (the chart sorts). */
export function relevanceBars(suggestion: Pick<FeatureSuggestion, 'columns'>, measure: RelevanceMeasure): Array<{ column: string; value: number | null; isLeak: boolean }> {
  return suggestion.columns
    .filter((c) => c.relevance !== null)
    .map((c) => ({ column: c.name, value: c.relevance ? relevanceValue(c.relevance, measure) : null, isLeak: isLeaking(c) }));
}

/** Columns that could not be scored, with why. */
export function unscoredColumns(suggestion: Pick<FeatureSuggestion, 'columns'>): Array<{ column: string; reason: NonNullable<ColumnRelevance['skipped']> }> {
  const out: Array<{ column: string; reason: NonNullable<ColumnRelevance['skipped']> }> = [];
  for (const c of suggestion.columns) if (c.relevance?.skipped) out.push({ column: c.name, reason: c.relevance.skipped });
  return out;
}
