// Threshold tuning for two classes: the model gives each row a probability of the positive class;
// the threshold decides from which probability a row counts as positive. A slider moves it; the
// precision, recall and F1 on the validation rows (and the four counts, in words) follow, and the
// chosen threshold is saved with the run for serving.
import { useEffect } from 'react';
import { Chart } from '../../charts/Chart.js';
import { thresholdChart } from '../../charts/ml-charts.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { LoadError } from '../../components/LoadError.js';
import { pointAt, thresholdSeries } from '../../stores/evaluation-logic.js';
import { useEvaluationStore } from '../../stores/evaluation-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { asFieldError, useMlT } from '../train/texts.js';

/** The threshold tuner of the selected run. */
export function ThresholdTuner({ runId }: { runId: string }) {
  const tr = useMlT();
  const { t } = tr;
  const tuner = useEvaluationStore((s) => s.thresholds);
  const load = useEvaluationStore((s) => s.loadThresholds);
  const setValue = useEvaluationStore((s) => s.setThresholdValue);
  const save = useEvaluationStore((s) => s.saveThreshold);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);

  useEffect(() => {
    if (tuner.runId !== runId || tuner.status === 'idle') void load();
  }, [runId, tuner.runId, tuner.status, load]);

  if (tuner.status === 'error' && tuner.error && !tuner.data) return <LoadError error={tuner.error} onRetry={() => void load()} />;
  const data = tuner.runId === runId ? tuner.data : null;
  if (!data) return <p className="ml-muted">{t('common.loading')}</p>;
  const point = pointAt(data.candidates, tuner.value);
  const series = thresholdSeries(data.candidates);
  const chosen = data.chosen;
  const isSavedValue = chosen !== null && point !== null && Math.abs(chosen.threshold - point.threshold) < 1e-12;

  return (
    <div className="ml-stack">
      <p className="ml-muted">{t('evaluation.threshold.help', { positive: data.positiveClass })}</p>
      <div className="ml-tuner">
        <div className="ml-tuner__controls">
          <label className="field__label" htmlFor="threshold-slider">
            {t('evaluation.threshold.label')} <output className="ml-tuner__value">{tr.score(point?.threshold ?? tuner.value)}</output>
          </label>
          <input
            id="threshold-slider"
            className="ml-slider"
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={tuner.value}
            onChange={(e) => setValue(Number(e.target.value))}
            aria-valuetext={tr.score(tuner.value)}
          />
          <div className="ml-tuner__presets">
            {data.best.f1 ? (
              <button type="button" className="btn btn--quiet btn--small" onClick={() => setValue(data.best.f1?.threshold ?? 0.5)}>
                {t('evaluation.threshold.bestF1', { value: tr.score(data.best.f1.threshold) })}
              </button>
            ) : null}
            {data.best.balancedAccuracy ? (
              <button type="button" className="btn btn--quiet btn--small" onClick={() => setValue(data.best.balancedAccuracy?.threshold ?? 0.5)}>
                {t('evaluation.threshold.bestBalanced', { value: tr.score(data.best.balancedAccuracy.threshold) })}
              </button>
            ) : null}
            {data.current ? (
              <button type="button" className="btn btn--quiet btn--small" onClick={() => setValue(data.current?.threshold ?? 0.5)}>
                {t('evaluation.threshold.modelDefault', { value: tr.score(data.current.threshold) })}
              </button>
            ) : null}
          </div>
        </div>
        {point ? (
          <dl className="ml-metrics ml-tuner__metrics" aria-live="polite">
            <div className="ml-metric ml-metric--main">
              <dt>{t('metric.precision.name')}</dt>
              <dd>{tr.score(point.precision)}</dd>
            </div>
            <div className="ml-metric ml-metric--main">
              <dt>{t('metric.recall.name')}</dt>
              <dd>{tr.score(point.recall)}</dd>
            </div>
            <div className="ml-metric ml-metric--main">
              <dt>{t('metric.f1.name')}</dt>
              <dd>{tr.score(point.f1)}</dd>
            </div>
          </dl>
        ) : null}
      </div>
      {point ? (
        <p className="ml-summary">
          {t('evaluation.threshold.counts', {
            tp: tr.count(point.tp),
            fn: tr.count(point.fn),
            fp: tr.count(point.fp),
            tn: tr.count(point.tn),
            positive: data.positiveClass,
          })}
        </p>
      ) : null}
      <Chart
        title={t('evaluation.threshold.chartTitle')}
        {...thresholdChart(series, point?.threshold ?? tuner.value, {
          threshold: t('evaluation.threshold.axis'),
          score: t('evaluation.threshold.score'),
          precision: t('metric.precision.name'),
          recall: t('metric.recall.name'),
          f1: t('metric.f1.name'),
        })}
        height={300}
      />
      {tuner.error ? <ErrorText error={asFieldError(tuner.error)} /> : null}
      <div className="ml-tuner__save">
        <button type="button" className="btn btn--primary" onClick={() => void save(point?.threshold ?? tuner.value)} disabled={isReadOnly || tuner.isSaving || isSavedValue}>
          {tuner.isSaving ? t('common.saving') : t('evaluation.threshold.save')}
        </button>
        {chosen ? (
          <button type="button" className="btn btn--quiet" onClick={() => void save(null)} disabled={isReadOnly || tuner.isSaving}>
            {t('evaluation.threshold.clear')}
          </button>
        ) : null}
        <span className="ml-muted" aria-live="polite">
          {chosen ? (
            <>
              <Icon name="check" /> {t('evaluation.threshold.saved', { value: tr.score(chosen.threshold), time: tr.dateTime(chosen.at) })}
            </>
          ) : (
            t('evaluation.threshold.notSaved')
          )}
        </span>
      </div>
    </div>
  );
}
