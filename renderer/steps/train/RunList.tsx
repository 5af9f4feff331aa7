// The runs of the dataset, active ones first: each with its state in words, a progress bar with
// what it is doing and the time left, a live learning curve for boosting and the MLP, Cancel, and
// "Run again" for runs that were cancelled, failed or interrupted. Finished runs show their score
// on the validation part and whether it meets the objective.
import { useEffect } from 'react';
import type { RunSummary } from '../../../shared/api/methods/training.js';
import { Chart } from '../../charts/Chart.js';
import { learningCurveChart } from '../../charts/ml-charts.js';
import { Icon } from '../../components/Icon.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useEvaluationStore } from '../../stores/evaluation-store.js';
import { metricDirection } from '../../stores/evaluation-logic.js';
import { useLifecycleStore } from '../../stores/lifecycle-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import type { RunCurve, RunView } from '../../stores/training-logic.js';
import { CURVE_MODEL_IDS, hasCurve, isBaselineModel, runCounts, runViews } from '../../stores/training-logic.js';
import { useTrainingStore } from '../../stores/training-store.js';
import type { MlTranslator } from './texts.js';
import { asFieldError, useMlT } from './texts.js';
import { ErrorText } from '../../components/ErrorText.js';

/** The run list. */
export function RunList() {
  const tr = useMlT();
  const { t } = tr;
  const runs = useTrainingStore((s) => s.runs);
  const jobs = useTrainingStore((s) => s.jobs);
  const lastBatchId = useTrainingStore((s) => s.lastBatchId);
  const views = runViews(runs, jobs);
  const counts = runCounts(views);
  const { recent, earlier } = splitRecent(views, lastBatchId);
  return (
    <section className="card ml-runs" id="runs" aria-labelledby="runs-title">
      <div className="ml-runs__head">
        <h2 className="card__title" id="runs-title">
          {t('training.runs.title')}
        </h2>
        {views.length > 0 ? (
          <p className="ml-muted" aria-live="polite">
            {t('training.runs.counts', { active: counts.active, done: counts.done, stopped: counts.stopped })}
          </p>
        ) : null}
      </div>
      {views.length === 0 ? (
        <p className="ml-muted">{t('training.runs.empty')}</p>
      ) : (
        <ul className="ml-runs__list">
          {recent.map((view) => (
            <RunCard key={view.run.id} view={view} tr={tr} />
          ))}
        </ul>
      )}
      {earlier.length > 0 ? (
        <details className="ml-runs__earlier">
          <summary>{t('training.runs.earlier', { count: earlier.length })}</summary>
          <ul className="ml-runs__list">
            {earlier.map((view) => (
              <RunCard key={view.run.id} view={view} tr={tr} isCompact />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/**
 * The runs shown in full: the latest batch and anything still training; older runs fold away so the screen stays calm (they stay in the leaderboard).
 */
function splitRecent(views: readonly RunView[], lastBatchId: string | null): { recent: RunView[]; earlier: RunView[] } {
  const newest = views.reduce<RunView | null>((best, v) => (best === null || v.run.number > best.run.number ? v : best), null);
  const batch = lastBatchId ?? newest?.run.batchId ?? null;
  const recent: RunView[] = [];
  const earlier: RunView[] = [];
  for (const v of views) (v.isActive || v.run.batchId === batch ? recent : earlier).push(v);
  return { recent, earlier };
}

const STATE_ICON = { queued: 'circle', running: 'half', done: 'check', failed: 'alert', cancelled: 'close', interrupted: 'alert' } as const;

function RunCard({ view, tr, isCompact }: { view: RunView; tr: MlTranslator; isCompact?: boolean }) {
  const { t } = tr;
  const { run, state, job } = view;
  const curve = useTrainingStore((s) => s.curves[run.id]);
  const cancel = useTrainingStore((s) => s.cancel);
  const rerun = useTrainingStore((s) => s.rerun);
  const loadCurve = useTrainingStore((s) => s.loadCurve);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const hasLiveCurve = CURVE_MODEL_IDS.includes(run.modelId);

  // A finished run of a curve model shows its recorded curve (after a reload nothing was streamed).
  useEffect(() => {
    if (!isCompact && hasLiveCurve && state === 'done' && !hasCurve(curve)) void loadCurve(run.id);
  }, [isCompact, hasLiveCurve, state, curve, loadCurve, run.id]);

  return (
    <li className={`ml-run ml-run--${state}${isCompact ? ' ml-run--compact' : ''}`} data-run={run.number} data-model={run.modelId} data-state={state}>
      <div className="ml-run__head">
        <div className="ml-run__titles">
          <h3 className="ml-run__title">
            {tr.runLabel(run)}
            {isBaselineModel(run.modelId) ? <span className="ml-chip ml-chip--muted">{t('training.reference')}</span> : null}
          </h3>
          {isCompact ? null : <p className="ml-run__line">{tr.modelLine(run.modelId)}</p>}
        </div>
        <span className={`ml-state ml-state--${state}`}>
          <Icon name={STATE_ICON[state]} /> {tr.stateName(state)}
        </span>
      </div>
      {/* A run followed in this window keeps its bar when it ends: "Finished" at 100 % is the reward. */}
      {job && !isCompact && (view.isActive || state === 'done') ? <JobProgress job={job} label={tr.runLabel(run)} onCancel={isReadOnly ? undefined : () => void cancel(run.id)} isBare /> : null}
      {view.isActive && !job ? (
        <div className="ml-run__waiting">
          <span className="ml-muted">{t('training.run.waiting')}</span>
          <button type="button" className="btn btn--quiet btn--small" onClick={() => void cancel(run.id)} disabled={isReadOnly}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      {hasLiveCurve && !isCompact && hasCurve(curve) ? <LearningCurve curve={curve} tr={tr} /> : null}
      {hasLiveCurve && view.isActive && !hasCurve(curve) ? <p className="ml-footnote">{t('training.curve.waiting')}</p> : null}
      {state === 'done' ? <RunResult run={run} tr={tr} /> : null}
      {state === 'failed' && run.error ? <ErrorText error={asFieldError(run.error)} /> : null}
      {state === 'failed' && !run.error && job?.progress.error ? <ErrorText error={asFieldError(job.progress.error)} /> : null}
      {state === 'cancelled' ? <p className="ml-run__stopped">{t('training.run.cancelledNote')}</p> : null}
      {state === 'interrupted' ? <p className="ml-run__stopped">{t('training.run.interruptedNote')}</p> : null}
      <div className="ml-run__foot">
        <span className="ml-run__meta">{runMeta(run, tr)}</span>
        {view.canRerun ? (
          <button type="button" className="btn btn--secondary btn--small" onClick={() => void rerun(run.id)} disabled={isReadOnly}>
            {t('training.run.again')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function runMeta(run: RunSummary, tr: MlTranslator): string {
  const { t } = tr;
  const parts = [t('training.run.data', { name: run.datasetName, number: run.versionNumber })];
  parts.push(run.validation.scheme === 'kfold' ? t('training.run.kfold', { k: run.validation.k ?? 5 }) : t('training.run.holdout'));
  if (run.search) parts.push(t('training.run.searched'));
  parts.push(t('training.run.seed', { seed: run.seed }));
  if (run.durationMs !== null) parts.push(tr.duration(run.durationMs));
  return parts.join(' · ');
}

/** The score on the validation part and the objective's verdict. */
function RunResult({ run, tr }: { run: RunSummary; tr: MlTranslator }) {
  const { t } = tr;
  const select = useLifecycleStore((s) => s.select);
  const selectRun = useEvaluationStore((s) => s.select);
  const verdict = run.objective;
  const metric = verdict?.metric ?? (run.task === 'classification' ? 'accuracy' : 'r2');
  const value = verdict?.value ?? run.metrics?.[metric] ?? null;
  return (
    <div className="ml-run__result">
      <span className="ml-run__score">
        {t(run.evaluatedOn === 'outOfFold' ? 'training.run.scoreOutOfFold' : 'training.run.score', { metric: tr.metricName(metric), value: tr.score(value) })}
      </span>
      {verdict && !isBaselineModel(run.modelId) ? (
        <span className={verdict.meets ? 'ml-verdict ml-verdict--meets' : 'ml-verdict ml-verdict--misses'}>
          <Icon name={verdict.meets ? 'check' : 'close'} /> {verdict.meets ? t('evaluation.meets') : t('evaluation.misses')}
        </span>
      ) : null}
      <button
        type="button"
        className="link-btn"
        onClick={() => {
          void selectRun(run.id);
          select('evaluate');
        }}
      >
        {t('training.run.evaluate')}
      </button>
    </div>
  );
}

/** Training loss and validation score per iteration, drawn as they arrive. */
function LearningCurve({ curve, tr }: { curve: RunCurve; tr: MlTranslator }) {
  const { t } = tr;
  const metricName = curve.metric ? tr.tDynamic(`training.curve.metric.${curve.metric}`, undefined, tr.metricName(curve.metric)) : t('training.curve.validation');
  const isLoss = curve.metric !== null && metricDirection(curve.metric) === 'lower';
  const hasTrain = curve.trainLoss.some((v) => v !== null);
  const hasValidation = curve.validationScore.some((v) => v !== null);
  const series = [];
  if (hasTrain) series.push({ name: t('training.curve.trainLoss'), x: curve.iterations, y: curve.trainLoss });
  // A validation loss shares the loss axis; a score (higher is better) gets its own axis on the right.
  if (hasValidation) series.push({ name: t('training.curve.validationNamed', { metric: metricName }), x: curve.iterations, y: curve.validationScore, isDashed: true, isSecondAxis: hasTrain && !isLoss });
  const leftTitle = !hasTrain ? metricName : isLoss && hasValidation ? t('training.curve.loss') : t('training.curve.trainLoss');
  const spec = learningCurveChart(series, { iteration: t('training.curve.iteration'), metric: leftTitle, secondMetric: metricName });
  return (
    <div className="ml-run__curve">
      <Chart title={t('training.curve.title')} {...spec} height={240} />
    </div>
  );
}
