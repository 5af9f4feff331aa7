// Pure rules of the Train step: the form (recommended preset or every model with its
// hyper-parameters, generated from the catalogue's ParamSpecs), what `training.start` receives,
// the run list as `training.runs`, `job.progress` and `training.curve` events fold into it, and
// live learning curves. No React, no API: the store calls these and tests drive them directly.
import type { ModelCatalogEntry, ParamSpec } from '../../shared/domain/model-catalog.js';
import type { TaskType } from '../../shared/domain/metrics.js';
import type { JobProgress, JobState } from '../../shared/domain/jobs.js';
import type { EventPayload } from '../../shared/api/events.js';
import type { ModelChoice, RunDetail, RunSummary, SearchSpec, Validation } from '../../shared/api/methods/training.js';
import type { JobTable } from './job-logic.js';
import { isTerminalState } from './job-logic.js';

/** The catalogue answer of `training.catalog`. */
export interface TrainingCatalog {
  task: TaskType | null;
  rows: number | null;
  models: ModelCatalogEntry[];
  recommended: Array<{ id: string; params: Record<string, string | number | boolean | null>; reasonKey: string }>;
}

/** Models that are always trained, so every leaderboard shows the lift over "no ML" and over one rule. */
export const BASELINE_IDS: readonly string[] = ['baseline', 'onerule'];

/** True for the two reference models. */
export function isBaselineModel(modelId: string): boolean {
  return BASELINE_IDS.includes(modelId);
}

/** Models whose final fit reports a learning curve (per boosting iteration, per MLP epoch). */
export const CURVE_MODEL_IDS: readonly string[] = ['hgb', 'mlp'];

/** A hyper-parameter as the form holds it: numbers as typed text, so half-typed values survive. */
export type ParamDraft = string | boolean;

/** The Train form. */
export interface TrainForm {
  mode: 'recommended' | 'advanced';
  /** Ticked models (by catalogue id). */
  selected: Readonly<Record<string, boolean>>;
  /** Advanced view: typed hyper-parameters per model (absent = the default). */
  params: Readonly<Record<string, Readonly<Record<string, ParamDraft>>>>;
  scheme: Validation['scheme'];
  /** Folds of k-fold, as typed. */
  k: string;
  isSearchOn: boolean;
  searchKind: SearchSpec['kind'];
  /** Time budget of the search in minutes, as typed. */
  budgetMinutes: string;
  maxCandidates: string;
  seed: string;
}

/** Models of the catalogue that serve a task, in catalogue order. */
export function modelsForTask(catalog: TrainingCatalog, task: TaskType): ModelCatalogEntry[] {
  return catalog.models.filter((m) => m.kinds[task] !== undefined);
}

/** The hyper-parameters of a model for a task. */
export function paramSpecsOf(model: ModelCatalogEntry, task: TaskType): ParamSpec[] {
  return model.params[task] ?? [];
}

/** The default form for a catalogue: the recommended preset ticked (baselines always). */
export function formFromCatalog(catalog: TrainingCatalog): TrainForm {
  const selected: Record<string, boolean> = {};
  for (const r of catalog.recommended) selected[r.id] = true;
  for (const id of BASELINE_IDS) if (catalog.models.some((m) => m.id === id)) selected[id] = true;
  return {
    mode: 'recommended',
    selected,
    params: {},
    scheme: 'holdout',
    k: '5',
    isSearchOn: false,
    searchKind: 'random',
    budgetMinutes: '2',
    maxCandidates: '20',
    seed: '42',
  };
}

/** A parameter's default as the form shows it. */
export function defaultDraft(spec: ParamSpec): ParamDraft {
  switch (spec.type) {
    case 'bool':
      return spec.default;
    case 'enum':
      return spec.default;
    default:
      return spec.default === null ? '' : String(spec.default);
  }
}

/** The value shown for one parameter (typed, else the default). */
export function paramDraft(form: TrainForm, modelId: string, spec: ParamSpec): ParamDraft {
  return form.params[modelId]?.[spec.name] ?? defaultDraft(spec);
}

/** Sets one typed parameter. */
export function setParamDraft(form: TrainForm, modelId: string, name: string, value: ParamDraft): TrainForm {
  return { ...form, params: { ...form.params, [modelId]: { ...form.params[modelId], [name]: value } } };
}

/** Puts a model's parameters back to their defaults. */
export function resetParams(form: TrainForm, modelId: string): TrainForm {
  const { [modelId]: _dropped, ...rest } = form.params;
  return { ...form, params: rest };
}

/** Ticks or unticks a model; the baselines stay ticked. */
export function toggleModel(form: TrainForm, modelId: string, isOn: boolean): TrainForm {
  if (isBaselineModel(modelId) && !isOn) return form;
  return { ...form, selected: { ...form.selected, [modelId]: isOn } };
}

/** Why a typed parameter is refused (an i18n key and its values), or null. */
export interface ParamProblem {
  key: 'training.param.error.number' | 'training.param.error.integer' | 'training.param.error.range' | 'training.param.error.required';
  params?: Record<string, number>;
}

/** Parses a typed parameter against its spec. */
export function parseParam(spec: ParamSpec, draft: ParamDraft): { value: string | number | boolean | null } | { problem: ParamProblem } {
  if (spec.type === 'bool') return { value: draft === true };
  if (spec.type === 'enum') return { value: String(draft) };
  const text = String(draft).trim().replace(',', '.');
  if (text === '') return spec.isNullable ? { value: null } : { problem: { key: 'training.param.error.required' } };
  const n = Number(text);
  if (!Number.isFinite(n)) return { problem: { key: 'training.param.error.number' } };
  if (spec.type === 'int' && !Number.isInteger(n)) return { problem: { key: 'training.param.error.integer' } };
  if (n < spec.min || n > spec.max) return { problem: { key: 'training.param.error.range', params: { min: spec.min, max: spec.max } } };
  return { value: n };
}

/** Problems of the typed parameters of the ticked models, by `<modelId>.<param>`. */
export function paramProblems(form: TrainForm, catalog: TrainingCatalog, task: TaskType): Record<string, ParamProblem> {
  const problems: Record<string, ParamProblem> = {};
  if (form.mode !== 'advanced') return problems;
  for (const model of modelsForTask(catalog, task)) {
    if (!form.selected[model.id]) continue;
    for (const spec of paramSpecsOf(model, task)) {
      const draft = form.params[model.id]?.[spec.name];
      if (draft === undefined) continue;
      const parsed = parseParam(spec, draft);
      if ('problem' in parsed) problems[`${model.id}.${spec.name}`] = parsed.problem;
    }
  }
  return problems;
}

/** Problems of the validation and search settings, by field. */
export function settingsProblems(form: TrainForm): Partial<Record<'k' | 'budgetMinutes' | 'maxCandidates' | 'seed', ParamProblem>> {
  const out: Partial<Record<'k' | 'budgetMinutes' | 'maxCandidates' | 'seed', ParamProblem>> = {};
  const whole = (text: string, min: number, max: number): ParamProblem | null => {
    const n = Number(text.trim());
    if (text.trim() === '') return { key: 'training.param.error.required' };
    if (!Number.isFinite(n)) return { key: 'training.param.error.number' };
    if (!Number.isInteger(n)) return { key: 'training.param.error.integer' };
    if (n < min || n > max) return { key: 'training.param.error.range', params: { min, max } };
    return null;
  };
  if (form.scheme === 'kfold') {
    const p = whole(form.k, 2, 20);
    if (p) out.k = p;
  }
  if (form.isSearchOn) {
    const minutes = Number(form.budgetMinutes.trim().replace(',', '.'));
    if (form.budgetMinutes.trim() === '') out.budgetMinutes = { key: 'training.param.error.required' };
    else if (!Number.isFinite(minutes)) out.budgetMinutes = { key: 'training.param.error.number' };
    else if (minutes < 0.1 || minutes > 1440) out.budgetMinutes = { key: 'training.param.error.range', params: { min: 0.1, max: 1440 } };
    const c = whole(form.maxCandidates, 1, 1000);
    if (c) out.maxCandidates = c;
  }
  const s = whole(form.seed, 0, 2_147_483_647);
  if (s) out.seed = s;
  return out;
}

/** The models `training.start` receives: the preset's (with its params) or the ticked ones with the typed params. */
export function modelChoices(form: TrainForm, catalog: TrainingCatalog, task: TaskType): ModelChoice[] {
  const available = modelsForTask(catalog, task);
  if (form.mode === 'recommended') {
    const chosen: ModelChoice[] = [];
    const ids = new Set<string>();
    for (const r of catalog.recommended) {
      if (!form.selected[r.id] && !isBaselineModel(r.id)) continue;
      chosen.push(Object.keys(r.params).length > 0 ? { id: r.id, params: { ...r.params } } : { id: r.id });
      ids.add(r.id);
    }
    // The preset always holds the references; if a backend ever left one out, add it.
    for (const id of BASELINE_IDS) if (!ids.has(id) && available.some((m) => m.id === id)) chosen.unshift({ id });
    return chosen;
  }
  const chosen: ModelChoice[] = [];
  for (const model of available) {
    if (!form.selected[model.id] && !isBaselineModel(model.id)) continue;
    const params: Record<string, string | number | boolean | null> = {};
    for (const spec of paramSpecsOf(model, task)) {
      const draft = form.params[model.id]?.[spec.name];
      if (draft === undefined) continue;
      const parsed = parseParam(spec, draft);
      if ('value' in parsed && parsed.value !== spec.default) params[spec.name] = parsed.value;
    }
    chosen.push(Object.keys(params).length > 0 ? { id: model.id, params } : { id: model.id });
  }
  return chosen;
}

/** The validation scheme `training.start` receives. */
export function validationOf(form: TrainForm): Validation {
  return form.scheme === 'kfold' ? { scheme: 'kfold', k: Number(form.k) } : { scheme: 'holdout' };
}

/** The search `training.start` receives, or undefined when it is off. */
export function searchOf(form: TrainForm): SearchSpec | undefined {
  if (!form.isSearchOn) return undefined;
  return {
    kind: form.searchKind,
    budgetSeconds: Math.max(1, Math.round(Number(form.budgetMinutes.trim().replace(',', '.')) * 60)),
    maxCandidates: Number(form.maxCandidates),
  };
}

// ---------------------------------------------------------------------------------------------
// Runs

/** Learning-curve points of one run. */
export interface RunCurve {
  /** Name of the validation score (`loss`, `log_loss`, ...). */
  metric: string | null;
  iterations: number[];
  trainLoss: Array<number | null>;
  validationScore: Array<number | null>;
}

/** Curves by run id. */
export type CurveTable = Readonly<Record<string, RunCurve>>;

// A very long fit (thousands of MLP epochs) keeps every point in the run record; the live chart
// keeps the newest ones so a long run never slows the window down.
const MAX_LIVE_POINTS = 2000;

/** Folds one `training.curve` event into the curves: points are kept in iteration order; a repeat replaces the earlier point. */
export function applyCurvePoint(curves: CurveTable, event: EventPayload<'training.curve'>): CurveTable {
  const known = curves[event.runId] ?? { metric: event.metric, iterations: [], trainLoss: [], validationScore: [] };
  const iterations = [...known.iterations];
  const trainLoss = [...known.trainLoss];
  const validationScore = [...known.validationScore];
  const at = iterations.length === 0 || event.iteration > iterations[iterations.length - 1] ? iterations.length : iterations.findIndex((i) => i >= event.iteration);
  const isRepeat = at < iterations.length && iterations[at] === event.iteration;
  const train = event.trainLoss ?? null;
  const score = event.validationScore ?? null;
  if (isRepeat) {
    trainLoss[at] = train;
    validationScore[at] = score;
  } else {
    iterations.splice(at, 0, event.iteration);
    trainLoss.splice(at, 0, train);
    validationScore.splice(at, 0, score);
  }
  const cut = Math.max(0, iterations.length - MAX_LIVE_POINTS);
  return {
    ...curves,
    [event.runId]: {
      metric: event.metric,
      iterations: iterations.slice(cut),
      trainLoss: trainLoss.slice(cut),
      validationScore: validationScore.slice(cut),
    },
  };
}

/** The recorded curve of a finished run (replaces the live one). */
export function curveFromDetail(detail: Pick<RunDetail, 'curve' | 'curveMetric'>): RunCurve {
  return {
    metric: detail.curveMetric,
    iterations: detail.curve.map((p) => p.iteration),
    trainLoss: detail.curve.map((p) => p.trainLoss ?? null),
    validationScore: detail.curve.map((p) => p.validationScore ?? null),
  };
}

/** True when a curve has at least one point worth drawing. */
export function hasCurve(curve: RunCurve | undefined): curve is RunCurve {
  return curve !== undefined && curve.iterations.length > 0 && (curve.trainLoss.some((v) => v !== null) || curve.validationScore.some((v) => v !== null));
}

/** A run as the Train step lists it: the recorded summary plus its live job. */
export interface RunView {
  run: RunSummary;
  /** The state to show: the job's when it is newer than the record. */
  state: JobState;
  job: JobTable[string] | null;
  isActive: boolean;
  /** Cancelled, failed or interrupted: offered "run again". */
  canRerun: boolean;
}

const ORDER: Readonly<Record<JobState, number>> = { running: 0, queued: 1, done: 2, failed: 2, cancelled: 2, interrupted: 2 };

/**
 * Merges the recorded runs with their jobs. A job's terminal report wins over a record that still
 * says running (the record is refreshed right after); a record that is already terminal wins over
 * a stale job report. Active runs come first, then the newest.
 */
export function runViews(runs: readonly RunSummary[], jobs: JobTable): RunView[] {
  const views = runs.map((run): RunView => {
    const job = run.jobId ? (jobs[run.jobId] ?? null) : null;
    let state: JobState = run.state;
    if (job && !isTerminalState(run.state)) state = job.progress.state;
    const isActive = !isTerminalState(state);
    return { run, state, job, isActive, canRerun: state === 'cancelled' || state === 'failed' || state === 'interrupted' };
  });
  return views.sort((a, b) => ORDER[a.state] - ORDER[b.state] || b.run.number - a.run.number);
}

/** Merges a fresh `training.runs` answer into the known runs (newest first, by number). */
export function mergeRuns(known: readonly RunSummary[], fresh: readonly RunSummary[]): RunSummary[] {
  const byId = new Map(known.map((r) => [r.id, r]));
  for (const r of fresh) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => b.number - a.number);
}

/** Marks a run's new state from `training.runUpdated` before its record is fetched again. */
export function applyRunState(runs: readonly RunSummary[], runId: string, state: JobState): RunSummary[] {
  return runs.map((r) => (r.id === runId && !isTerminalState(r.state) ? { ...r, state } : r));
}

/** Which run a training job is about (its subject), or null for other jobs. */
export function runIdOfJob(report: JobProgress): string | null {
  return report.kind === 'training.run' ? (report.subjectId ?? null) : null;
}

/** Counts for the summary line above the run list. */
export function runCounts(views: readonly RunView[]): { active: number; done: number; stopped: number } {
  let active = 0;
  let done = 0;
  let stopped = 0;
  for (const v of views) {
    if (v.isActive) active += 1;
    else if (v.state === 'done') done += 1;
    else stopped += 1;
  }
  return { active, done, stopped };
}
