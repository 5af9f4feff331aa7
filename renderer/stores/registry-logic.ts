// Pure rules of the Deploy step: which runs can be registered and which one to offer first, model
// names, the stage rules as the screens show them (one production version per model: promoting
// archives the previous one, and every move needs a reason), card drafts, the audit log in words,
// and what ONNX export will cover for a pipeline. No React, no API: the store and the screens call
// these; tests drive them directly.
import type { AuditEntry, CardSectionId, ModelCard, ModelDetail, ModelStage, ModelSummary } from '../../shared/api/methods/registry.js';
import { MODEL_NAME_REGEX } from '../../shared/api/methods/registry.js';
import type { RunSummary } from '../../shared/api/methods/training.js';
import type { ApiError } from '../../shared/errors.js';
import type { PipelineSpec } from '../../shared/domain/pipeline-spec.js';
import type { MessageKey } from '../i18n/en.js';
import { metricDirection, metricValue } from './evaluation-logic.js';
import { isBaselineModel } from './training-logic.js';

// ---------------------------------------------------------------------------------------------
// Registering a run

/** A finished run as the register dialog offers it. */
export interface RegisterCandidate {
  run: RunSummary;
  /** The metric the list is ranked by (the objective's, else the run's first). */
  metric: string;
  value: number | null;
  /** The success threshold the run is judged against (null without an objective for this task). */
  threshold: number | null;
  /** Meets the objective's threshold (null without an objective verdict). */
  meets: boolean | null;
  isBaseline: boolean;
}

/**
 * Finished runs with a result, best first by the objective's metric (each run carries its own
 * verdict), the references ("no ML" and one rule) last: they can be registered, but are rarely
 * what anyone wants to deploy.
 */
export function registerCandidates(runs: readonly RunSummary[]): RegisterCandidate[] {
  const finished = runs.filter((r) => r.state === 'done' && r.metrics !== null);
  const candidates = finished.map((run): RegisterCandidate => {
    const metric = run.objective?.metric ?? Object.keys(run.metrics ?? {})[0] ?? '';
    return {
      run,
      metric,
      value: run.objective ? run.objective.value : metricValue(run, metric),
      threshold: run.objective ? run.objective.threshold : null,
      meets: run.objective ? run.objective.meets : null,
      isBaseline: isBaselineModel(run.modelId),
    };
  });
  return candidates.sort((a, b) => {
    if (a.isBaseline !== b.isBaseline) return a.isBaseline ? 1 : -1;
    if (a.meets !== b.meets) return a.meets === true ? -1 : b.meets === true ? 1 : 0;
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? b.run.number - a.run.number : 1) : -1;
    const sign = metricDirection(a.metric) === 'higher' ? -1 : 1;
    return a.metric === b.metric ? sign * (a.value - b.value) || b.run.number - a.run.number : b.run.number - a.run.number;
  });
}

/** The run to offer first: the best one that meets the objective's threshold; null when none does. */
export function preselectedRun(candidates: readonly RegisterCandidate[]): string | null {
  return candidates.find((c) => c.meets === true && !c.isBaseline)?.run.id ?? null;
}

/** A name in the registry's alphabet from a free text ("Customer churn" -> "customer-churn"). */
export function slugModelName(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 64);
  return slug;
}

/** A free name for a run's model: "<target>-model", then "-2", "-3"... */
export function suggestModelName(target: string, existing: readonly string[]): string {
  const base = slugModelName(`${target}-model`) || 'model';
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The register form. */
export interface RegisterForm {
  runId: string | null;
  /** `new`: a new model named `newName`; `existing`: the next version of `existingName`. */
  target: 'new' | 'existing';
  newName: string;
  existingName: string;
  stage: ModelStage;
  comment: string;
}

/** Problems of the register form, by field (i18n keys). */
export type RegisterProblems = Partial<Record<'runId' | 'name', MessageKey>>;

/** Models a run can become a version of: those that predict the same target for the same task. */
export function compatibleModels(models: readonly ModelSummary[], run: Pick<RunSummary, 'target' | 'task'> | null): ModelSummary[] {
  return run ? models.filter((m) => m.target === run.target && m.task === run.task) : [];
}

/** The form as the dialog opens: the preselected run, the next version of a model of the same target, else a new model named after the target. */
export function initialRegisterForm(candidates: readonly RegisterCandidate[], models: readonly ModelSummary[]): RegisterForm {
  const runId = preselectedRun(candidates);
  const run = candidates.find((c) => c.run.id === runId)?.run ?? candidates[0]?.run ?? null;
  const sameTarget = compatibleModels(models, run);
  return {
    runId,
    target: sameTarget.length > 0 ? 'existing' : 'new',
    newName: suggestModelName(run?.target ?? 'model', models.map((m) => m.name)),
    existingName: sameTarget[0]?.name ?? '',
    stage: 'none',
    comment: '',
  };
}

/** Picks a run: the existing-model choice follows it (a model of another target cannot take it). */
export function pickRun(form: RegisterForm, run: RunSummary, models: readonly ModelSummary[]): RegisterForm {
  const compatible = compatibleModels(models, run);
  const keep = compatible.some((m) => m.name === form.existingName);
  const existingName = keep ? form.existingName : (compatible[0]?.name ?? '');
  return { ...form, runId: run.id, existingName, target: form.target === 'existing' && existingName === '' ? 'new' : form.target };
}

/** The name the form registers under. */
export function registerName(form: RegisterForm): string {
  return (form.target === 'new' ? form.newName : form.existingName).trim();
}

/** What keeps the register form from being sent. */
export function registerProblems(form: RegisterForm, models: readonly ModelSummary[], run: Pick<RunSummary, 'target' | 'task'> | null = null): RegisterProblems {
  const problems: RegisterProblems = {};
  if (!form.runId) problems.runId = 'deploy.register.error.run';
  const name = registerName(form);
  if (form.target === 'existing') {
    if (!models.some((m) => m.name === name)) problems.name = 'deploy.register.error.pickModel';
    else if (run && !compatibleModels(models, run).some((m) => m.name === name)) problems.name = 'deploy.register.error.otherTarget';
  } else if (name === '') problems.name = 'deploy.register.error.nameRequired';
  else if (!MODEL_NAME_REGEX.test(name)) problems.name = 'deploy.register.error.nameAlphabet';
  else if (models.some((m) => m.name.toLowerCase() === name.toLowerCase())) problems.name = 'deploy.register.error.nameTaken';
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Stages

/** Stages in the order the dialog offers them (the path a version usually takes). */
export const STAGE_FLOW: readonly ModelStage[] = ['none', 'staging', 'production', 'archived'];

/** What a stage change will do, as the dialog explains it before it is made. */
export interface StagePlan {
  version: number;
  from: ModelStage;
  to: ModelStage;
  /** The version now in production that this move archives (promotions only), or null. */
  archives: number | null;
  /** The model will have no production version after this move (the production one leaves it). */
  leavesNoProduction: boolean;
}

/** Stages a version can move to (every other stage). */
export function stageTargets(current: ModelStage): ModelStage[] {
  return STAGE_FLOW.filter((s) => s !== current);
}

/** The stage a beginner most likely wants next: staging to try, production once tried. */
export function suggestedStage(current: ModelStage): ModelStage {
  if (current === 'none' || current === 'archived') return 'staging';
  if (current === 'staging') return 'production';
  return 'archived';
}

/** What moving `version` of `model` to `to` does. */
export function planStageChange(model: Pick<ModelDetail, 'versions' | 'productionVersion'>, version: number, to: ModelStage): StagePlan {
  const from = model.versions.find((v) => v.version === version)?.stage ?? 'none';
  const current = model.productionVersion;
  return {
    version,
    from,
    to,
    archives: to === 'production' && current !== null && current !== version ? current : null,
    leavesNoProduction: from === 'production' && to !== 'production',
  };
}

/** Shortest reason accepted for a stage move: a word or two, so the audit log says something. */
export const MIN_REASON_CHARS = 4;

/** Why a stage change cannot be sent yet (i18n key), or null. */
export function stageProblem(plan: StagePlan | null, reason: string): MessageKey | null {
  if (!plan) return 'deploy.stage.error.pick';
  if (plan.from === plan.to) return 'deploy.stage.error.same';
  if (reason.trim().length === 0) return 'deploy.stage.error.reason';
  if (reason.trim().length < MIN_REASON_CHARS) return 'deploy.stage.error.reasonShort';
  return null;
}

/** The version a list opens on: production, else staging, else the newest. */
export function defaultVersion(model: Pick<ModelDetail, 'versions' | 'productionVersion' | 'stagingVersion'>): number | null {
  return model.productionVersion ?? model.stagingVersion ?? model.versions[0]?.version ?? null;
}

// ---------------------------------------------------------------------------------------------
// Model card drafts

/** Sections being edited: their typed text, by section id. */
export type CardDrafts = Readonly<Partial<Record<CardSectionId, string>>>;

/** True when an open draft differs from what the card shows. */
export function isSectionDirty(card: ModelCard | null, drafts: CardDrafts, id: CardSectionId): boolean {
  const draft = drafts[id];
  if (draft === undefined || !card) return false;
  const section = card.sections.find((s) => s.id === id);
  return section !== undefined && draft !== section.markdown;
}

/**
 * What saving a draft sends: the typed text, or null (back to the generated text) when the draft
 * is exactly the generated text.
 */
export function sectionToSave(card: ModelCard, id: CardSectionId, draft: string): { id: CardSectionId; markdown: string | null } {
  const section = card.sections.find((s) => s.id === id);
  return { id, markdown: section && draft.trim() === section.generatedMarkdown.trim() ? null : draft };
}

/** Drops one draft. */
export function closeDraft(drafts: CardDrafts, id: CardSectionId): CardDrafts {
  const { [id]: _closed, ...rest } = drafts;
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Audit log in words

/** An audit entry as one sentence (an i18n key and its values). */
export interface AuditLine {
  key: MessageKey;
  params: Record<string, string | number>;
}

/** What an audit entry says. Stage names are passed as ids; the screen translates them. */
export function auditLine(entry: AuditEntry): AuditLine {
  const version = entry.version ?? 0;
  const d = entry.details;
  switch (entry.action) {
    case 'register':
      return typeof d.runNumber === 'number'
        ? { key: 'deploy.audit.register', params: { version, run: d.runNumber } }
        : { key: 'deploy.audit.registerPlain', params: { version } };
    case 'import':
      return { key: 'deploy.audit.import', params: { version, path: String(d.path ?? '') } };
    case 'stage':
      if (typeof d.promotedVersion === 'number') return { key: 'deploy.audit.demoted', params: { version, promoted: d.promotedVersion } };
      return { key: 'deploy.audit.stage', params: { version, from: entry.fromStage ?? 'none', to: entry.toStage ?? 'none' } };
    case 'card':
      return { key: 'deploy.audit.card', params: { version } };
    case 'export':
      return { key: d.onnx === true ? 'deploy.audit.exportOnnx' : 'deploy.audit.export', params: { version, path: String(d.path ?? '') } };
    case 'describe':
      return { key: 'deploy.audit.describe', params: {} };
  }
}

// ---------------------------------------------------------------------------------------------
// ONNX coverage

/** A reason a pipeline cannot be exported to ONNX. */
export interface OnnxBlocker {
  key: MessageKey;
  params: Record<string, string>;
}

/** What ONNX export will cover. */
export type OnnxCoverage = { status: 'exportable' } | { status: 'blocked'; blockers: OnnxBlocker[] } | { status: 'unknown' };

// Output names of the exported graph; an input column with one of these names would clash.
const ONNX_OUTPUT_NAMES = ['label', 'probabilities', 'variable'];

/**
 * What the ONNX export will cover for a pipeline spec, by the engine's documented rules
 * (electron/ml/compose/onnx-export.ts): dates, TF-IDF, the k-NN imputer, one-hot binning,
 * k-nearest-neighbour models and random "no ML" strategies have no ONNX form. The export itself
 * has the last word (the bundle says what it holds); this lets the screen say it beforehand.
 */
export function onnxCoverage(spec: PipelineSpec | null): OnnxCoverage {
  if (!spec) return { status: 'unknown' };
  const blockers: OnnxBlocker[] = [];
  for (const c of spec.columns) {
    if (c.role !== 'feature') continue;
    if (c.kind === 'datetime') blockers.push({ key: 'deploy.onnx.blocker.date', params: { column: c.name } });
    if (ONNX_OUTPUT_NAMES.includes(c.name)) blockers.push({ key: 'deploy.onnx.blocker.reservedName', params: { column: c.name } });
    for (const step of c.steps) {
      if (step.op === 'tfidf') blockers.push({ key: 'deploy.onnx.blocker.tfidf', params: { column: c.name } });
      if (step.op === 'knnImpute') blockers.push({ key: 'deploy.onnx.blocker.knnImpute', params: { column: c.name } });
      if (step.op === 'bin' && (step.encode ?? 'onehot') === 'onehot') blockers.push({ key: 'deploy.onnx.blocker.oneHotBins', params: { column: c.name } });
    }
  }
  if (spec.model.id === 'knn') blockers.push({ key: 'deploy.onnx.blocker.knn', params: {} });
  const strategy = spec.model.params.strategy;
  if (spec.model.id === 'baseline' && (strategy === 'stratified' || strategy === 'uniform')) blockers.push({ key: 'deploy.onnx.blocker.randomBaseline', params: { strategy } });
  return blockers.length > 0 ? { status: 'blocked', blockers } : { status: 'exportable' };
}

// ---------------------------------------------------------------------------------------------
// Bundles

/** A bundle path typed by the user, with the surrounding quotes a file manager's "copy path" adds removed. */
export function cleanPath(path: string): string {
  const trimmed = path.trim();
  return /^(['"]).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/** "/home/ana/churn.ciclo", "churn-model", 3 -> "/home/ana/churn-model-v3-bundle". */
export function defaultBundleDir(projectPath: string, name: string, version: number): string {
  const cut = Math.max(projectPath.lastIndexOf('/'), projectPath.lastIndexOf('\\'));
  const dir = cut >= 0 ? projectPath.slice(0, cut + 1) : '';
  return `${dir}${name}-v${version}-bundle`;
}

/** The file a tampered or broken bundle names (from the error's details or params), if any. */
export function bundleProblemFile(error: Pick<ApiError, 'messageKey' | 'params' | 'details'>): string | null {
  if (error.messageKey !== 'errors.registry.bundleTampered' && error.messageKey !== 'errors.registry.bundleInvalid') return null;
  const fromDetails = error.details?.file;
  if (typeof fromDetails === 'string') return fromDetails;
  const fromParams = error.params?.file;
  return fromParams === undefined ? null : String(fromParams);
}
