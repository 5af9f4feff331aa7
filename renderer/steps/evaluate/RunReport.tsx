// The report of one run on its validation rows, in tabs a beginner can take one at a time: the
// summary (every metric, per-class scores or residual statistics), the confusion matrix (counts or
// shares), ROC / precision-recall / calibration curves, threshold tuning (two classes), feature
// importance and permutation importance (a job), residual plots (regression) and the worst errors
// with the rows' original values. Each chart says in one line how to read it.
import { useState } from 'react';
import type { EvaluationReport, RunSummary } from '../../../shared/api/methods/training.js';
import { Chart } from '../../charts/Chart.js';
import { calibrationChart, confusionChart, horizontalBarsHeight, importanceChart, predictedVsActualChart, prChart, residualsChart, rocChart } from '../../charts/ml-charts.js';
import { DataTable, textCell } from '../../components/DataTable.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { JobProgress } from '../../components/JobProgress.js';
import { LoadError } from '../../components/LoadError.js';
import { Tabs } from '../../components/Tabs.js';
import { finitePairs } from '../../stores/evaluation-logic.js';
import { useEvaluationStore } from '../../stores/evaluation-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { isBaselineModel } from '../../stores/training-logic.js';
import { useTrainingStore } from '../../stores/training-store.js';
import type { MlTranslator } from '../train/texts.js';
import { asFieldError, useMlT } from '../train/texts.js';
import { ExportReportDialog } from './ExportReportDialog.js';
import { ThresholdTuner } from './ThresholdTuner.js';

type ReportTab = 'summary' | 'confusion' | 'curves' | 'threshold' | 'importance' | 'residuals' | 'errors';

/** The chosen run's report. */
export function RunReport({ runId }: { runId: string }) {
  const tr = useMlT();
  const { t } = tr;
  const report = useEvaluationStore((s) => s.report);
  const select = useEvaluationStore((s) => s.select);
  const run = useTrainingStore((s) => s.runs.find((r) => r.id === runId));
  const [tab, setTab] = useState<ReportTab>('summary');
  const [isExporting, setExporting] = useState(false);
  if (!run) return null;
  const data = report.runId === runId ? report.data : null;
  const isClassification = run.task === 'classification';
  const isBinary = isClassification && (data?.classification?.classes.length ?? 0) === 2;
  const tabs: Array<{ id: ReportTab; label: string }> = [{ id: 'summary', label: t('evaluation.tab.summary') }];
  if (isClassification) {
    tabs.push({ id: 'confusion', label: t('evaluation.tab.confusion') }, { id: 'curves', label: t('evaluation.tab.curves') });
    if (isBinary) tabs.push({ id: 'threshold', label: t('evaluation.tab.threshold') });
  } else tabs.push({ id: 'residuals', label: t('evaluation.tab.residuals') });
  tabs.push({ id: 'importance', label: t('evaluation.tab.importance') }, { id: 'errors', label: t('evaluation.tab.errors') });
  const active = tabs.some((x) => x.id === tab) ? tab : 'summary';

  return (
    <section className="card ml-report" aria-labelledby="report-title" data-report-run={run.number}>
      <div className="ml-report__head">
        <div>
          <p className="ml-eyebrow">{t('evaluation.report.eyebrow')}</p>
          <h2 className="ml-report__title" id="report-title">
            {tr.runLabel(run)}
          </h2>
          <p className="ml-muted">{reportSub(run, data, tr)}</p>
        </div>
        <div className="ml-report__actions">
          <button type="button" className="btn btn--quiet btn--small" onClick={() => setExporting(true)} disabled={!data}>
            {t('evaluation.export.open')}
          </button>
        </div>
      </div>
      {report.status === 'error' && report.runId === runId && report.error ? <LoadError error={report.error} onRetry={() => void select(runId)} /> : null}
      {report.status === 'loading' && !data ? <p className="ml-muted">{t('common.loading')}</p> : null}
      {data ? (
        <>
          <Verdict run={run} report={data} tr={tr} />
          <Tabs idPrefix="report" label={t('evaluation.report.tabs')} active={active} onSelect={setTab} tabs={tabs}>
            {active === 'summary' ? <SummaryTab report={data} tr={tr} /> : null}
            {active === 'confusion' ? <ConfusionTab report={data} tr={tr} /> : null}
            {active === 'curves' ? <CurvesTab report={data} tr={tr} /> : null}
            {active === 'threshold' ? <ThresholdTuner runId={runId} /> : null}
            {active === 'importance' ? <ImportanceTab report={data} runId={runId} tr={tr} /> : null}
            {active === 'residuals' ? <ResidualsTab report={data} tr={tr} /> : null}
            {active === 'errors' ? <ErrorsTab report={data} tr={tr} /> : null}
          </Tabs>
        </>
      ) : null}
      {isExporting ? <ExportReportDialog run={run} onClose={() => setExporting(false)} /> : null}
    </section>
  );
}

function reportSub(run: RunSummary, report: EvaluationReport | null, tr: MlTranslator): string {
  const { t } = tr;
  const rows = report?.nRows ?? run.evaluatedRows ?? null;
  const on = (report?.evaluatedOn ?? run.evaluatedOn) === 'outOfFold' ? t('evaluation.report.onOutOfFold') : t('evaluation.report.onValidation');
  return [tr.modelLine(run.modelId), rows === null ? on : t('evaluation.report.rows', { on, rows: tr.count(rows) })].filter(Boolean).join(' · ');
}

/** Whether this run meets the objective, and its lift over the references, in words. */
function Verdict({ run, report, tr }: { run: RunSummary; report: EvaluationReport; tr: MlTranslator }) {
  const { t } = tr;
  const v = report.objective;
  const parts: string[] = [];
  if (report.lift.oneRule?.lift !== null && report.lift.oneRule !== null && !isBaselineModel(run.modelId)) {
    const lift = report.lift.oneRule.lift ?? 0;
    parts.push(t(lift > 0 ? 'evaluation.verdict.overOneRule' : 'evaluation.verdict.notOverOneRule', { lift: tr.score(Math.abs(lift)) }));
  }
  if (report.lift.baseline?.lift !== null && report.lift.baseline !== null && run.modelId !== 'baseline') {
    const lift = report.lift.baseline.lift ?? 0;
    parts.push(t(lift > 0 ? 'evaluation.verdict.overBaseline' : 'evaluation.verdict.notOverBaseline', { lift: tr.score(Math.abs(lift)) }));
  }
  if (!v) {
    return parts.length > 0 ? <p className="ml-lift ml-lift--neutral">{parts.join(' ')}</p> : null;
  }
  const metric = tr.metricName(v.metric);
  const head = t(v.direction === 'higher' ? 'evaluation.verdict.goalHigher' : 'evaluation.verdict.goalLower', { metric, threshold: tr.score(v.threshold), value: tr.score(v.value) });
  return (
    <p className={`ml-lift ml-lift--${v.meets ? 'good' : 'warn'}`} data-verdict={v.meets ? 'meets' : 'misses'}>
      <Icon name={v.meets ? 'check' : 'alert'} className="ml-lift__icon" />
      <span>
        <strong>{v.meets ? t('evaluation.verdict.meets') : t('evaluation.verdict.misses')}</strong> {head} {parts.join(' ')}
      </span>
    </p>
  );
}

function SummaryTab({ report, tr }: { report: EvaluationReport; tr: MlTranslator }) {
  const { t } = tr;
  const entries = Object.entries(report.metrics).filter(([, v]) => v !== null);
  const c = report.classification;
  const r = report.regression;
  return (
    <div className="ml-stack">
      <dl className="ml-metrics">
        {entries.map(([id, value]) => (
          <div key={id} className={`ml-metric${id === report.metric ? ' ml-metric--main' : ''}`} title={tr.metricHelp(id)}>
            <dt>{tr.metricName(id)}</dt>
            <dd>{tr.score(value)}</dd>
          </div>
        ))}
      </dl>
      {c ? (
        <>
          <h3 className="ml-subhead">{t('evaluation.perClass.title')}</h3>
          <p className="ml-muted">{t('evaluation.perClass.help')}</p>
          <DataTable
            caption={t('evaluation.perClass.title')}
            isCompact
            columns={[
              { key: 'name', label: t('evaluation.perClass.class') },
              { key: 'precision', label: t('metric.precision.name'), isNumeric: true },
              { key: 'recall', label: t('metric.recall.name'), isNumeric: true },
              { key: 'f1', label: t('metric.f1.name'), isNumeric: true },
              { key: 'auc', label: t('metric.roc_auc.name'), isNumeric: true },
              { key: 'support', label: t('evaluation.perClass.support'), isNumeric: true },
            ]}
            rows={c.perClass.map((p) => ({
              key: p.name,
              cells: [p.name + (p.name === c.positiveClass ? ` (${t('evaluation.perClass.positive')})` : ''), tr.score(p.precision), tr.score(p.recall), tr.score(p.f1), tr.score(p.rocAuc), tr.count(p.support)],
            }))}
          />
        </>
      ) : null}
      {r ? (
        <>
          <h3 className="ml-subhead">{t('evaluation.residuals.statsTitle')}</h3>
          <p className="ml-muted">{t(r.residuals.mean > 0 ? 'evaluation.residuals.under' : 'evaluation.residuals.over', { value: tr.score(Math.abs(r.residuals.mean)) })}</p>
          <dl className="ml-metrics">
            {(
              [
                ['evaluation.residuals.meanAbs', r.residuals.meanAbsolute],
                ['evaluation.residuals.medianAbs', r.residuals.medianAbsolute],
                ['evaluation.residuals.q05', r.residuals.q05],
                ['evaluation.residuals.q95', r.residuals.q95],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="ml-metric">
                <dt>{t(key)}</dt>
                <dd>{tr.score(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </div>
  );
}

function ConfusionTab({ report, tr }: { report: EvaluationReport; tr: MlTranslator }) {
  const { t } = tr;
  const [isNormalized, setNormalized] = useState(false);
  const c = report.classification;
  if (!c) return null;
  const cm = c.confusionMatrix;
  const matrix = isNormalized ? cm.normalizedTrue : cm.counts;
  const spec = confusionChart(
    matrix,
    cm.labels,
    isNormalized,
    { actual: t('evaluation.confusion.actual'), predicted: t('evaluation.confusion.predicted'), value: isNormalized ? t('evaluation.confusion.share') : t('evaluation.confusion.rows') },
    isNormalized ? (v) => `${tr.score(v * 100)} %` : (v) => tr.count(v),
  );
  const size = Math.min(560, Math.max(360, 140 + cm.labels.length * 80));
  return (
    <div className="ml-stack">
      <div className="ml-toolbar">
        <div className="segmented" role="radiogroup" aria-label={t('evaluation.confusion.show')}>
          <label className="segmented__option">
            <input type="radio" name="cm-mode" checked={!isNormalized} onChange={() => setNormalized(false)} />
            <span>{t('evaluation.confusion.counts')}</span>
          </label>
          <label className="segmented__option">
            <input type="radio" name="cm-mode" checked={isNormalized} onChange={() => setNormalized(true)} />
            <span>{t('evaluation.confusion.normalized')}</span>
          </label>
        </div>
        <p className="ml-toolbar__help">{t(isNormalized ? 'evaluation.confusion.helpNormalized' : 'evaluation.confusion.help')}</p>
      </div>
      <div className="ml-chart-narrow" style={{ maxWidth: size + 80 }}>
        <Chart title={t('evaluation.confusion.title')} {...spec} height={size} />
      </div>
    </div>
  );
}

function CurvesTab({ report, tr }: { report: EvaluationReport; tr: MlTranslator }) {
  const { t } = tr;
  const c = report.classification;
  if (!c) return null;
  const roc = c.roc.map((curve) => ({ name: curveName(curve.name, curve.auc, 'AUC', tr), ...pairs(curve.fpr, curve.tpr) }));
  const pr = c.pr.map((curve) => ({ name: curveName(curve.name, curve.averagePrecision, 'AP', tr), ...pairs(curve.recall, curve.precision) }));
  const prevalence = c.pr.length === 1 ? (c.pr[0].prevalence ?? null) : null;
  const calibration = c.calibration.find((x) => x.strategy === 'uniform') ?? c.calibration[0] ?? null;
  return (
    <div className="ml-stack">
      <div className="ml-grid-2">
        <figure className="ml-figure">
          <h3 className="ml-subhead">{t('evaluation.roc.title')}</h3>
          <p className="ml-muted">{t('evaluation.roc.help')}</p>
          <Chart title={t('evaluation.roc.title')} {...rocChart(roc, { x: t('evaluation.roc.x'), y: t('evaluation.roc.y'), reference: t('evaluation.roc.chance') })} height={340} />
        </figure>
        <figure className="ml-figure">
          <h3 className="ml-subhead">{t('evaluation.pr.title')}</h3>
          <p className="ml-muted">{t('evaluation.pr.help')}</p>
          <Chart title={t('evaluation.pr.title')} {...prChart(pr, prevalence, { x: t('evaluation.pr.x'), y: t('evaluation.pr.y'), reference: t('evaluation.pr.noSkill') })} height={340} />
        </figure>
      </div>
      {calibration ? (
        <figure className="ml-figure ml-chart-narrow">
          <h3 className="ml-subhead">{t('evaluation.calibration.title')}</h3>
          <p className="ml-muted">{t('evaluation.calibration.help')}</p>
          <Chart
            title={t('evaluation.calibration.title')}
            {...calibrationChart([{ name: t('evaluation.calibration.model'), ...pairs(calibration.probPred, calibration.probTrue) }], { x: t('evaluation.calibration.x'), y: t('evaluation.calibration.y'), reference: t('evaluation.calibration.perfect') })}
            height={340}
          />
        </figure>
      ) : (
        <p className="ml-footnote">{t('evaluation.calibration.binaryOnly')}</p>
      )}
    </div>
  );
}

function pairs(xs: ReadonlyArray<number | null>, ys: ReadonlyArray<number | null>): { x: number[]; y: number[] } {
  return finitePairs(xs, ys);
}

function curveName(name: string, value: number | null, short: string, tr: MlTranslator): string {
  return value === null ? name : `${name} (${short} ${tr.score(value)})`;
}

function ImportanceTab({ report, runId, tr }: { report: EvaluationReport; runId: string; tr: MlTranslator }) {
  const { t } = tr;
  const jobId = useEvaluationStore((s) => s.permutationJobId);
  const job = useEvaluationStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const jobError = useEvaluationStore((s) => s.permutationError);
  const run = useEvaluationStore((s) => s.runPermutation);
  const cancel = useEvaluationStore((s) => s.cancelJob);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const own = report.featureImportances;
  const perm = report.permutationImportance;
  const top = (own ?? []).slice(0, 25);
  return (
    <div className="ml-stack">
      <section className="ml-figure">
        <h3 className="ml-subhead">{t('evaluation.importance.ownTitle')}</h3>
        {own && own.length > 0 ? (
          <>
            <p className="ml-muted">{t('evaluation.importance.ownHelp')}</p>
            <Chart title={t('evaluation.importance.ownTitle')} {...importanceChart(top.map((f) => ({ feature: f.name, value: f.importance })), { value: t('evaluation.importance.value') }, tr.score)} height={horizontalBarsHeight(top.length)} />
            {own.length > top.length ? <p className="ml-footnote">{t('evaluation.importance.top', { shown: top.length, total: own.length })}</p> : null}
          </>
        ) : (
          <p className="ml-muted">{t('evaluation.importance.ownNone')}</p>
        )}
      </section>
      <section className="ml-figure" aria-labelledby="perm-title">
        <h3 className="ml-subhead" id="perm-title">
          {t('evaluation.importance.permTitle')}
        </h3>
        <p className="ml-muted">{t('evaluation.importance.permHelp')}</p>
        {job && jobId ? <JobProgress job={job} label={t('evaluation.importance.permJob')} onCancel={() => void cancel(jobId)} /> : null}
        {jobError ? <ErrorText error={asFieldError(jobError)} /> : null}
        {perm ? (
          <Chart
            title={t('evaluation.importance.permTitle')}
            {...importanceChart(
              perm.features.filter((f) => f.importanceMean !== null).map((f) => ({ feature: f.feature, value: f.importanceMean ?? 0, std: f.importanceStd ?? 0 })),
              { value: t('evaluation.importance.permValue', { metric: tr.metricName(perm.metric) }) },
              tr.score,
            )}
            height={horizontalBarsHeight(perm.features.length)}
          />
        ) : null}
        {!jobId ? (
          <div>
            <button type="button" className="btn btn--secondary" onClick={() => void run()} disabled={isReadOnly || runId === ''}>
              {perm ? t('evaluation.importance.permAgain') : t('evaluation.importance.permRun')}
            </button>
          </div>
        ) : null}
        {perm ? <p className="ml-footnote">{t('evaluation.importance.permNote', { repeats: perm.nRepeats, metric: tr.metricName(perm.metric) })}</p> : null}
      </section>
    </div>
  );
}

function ResidualsTab({ report, tr }: { report: EvaluationReport; tr: MlTranslator }) {
  const { t } = tr;
  const r = report.regression;
  if (!r) return null;
  const residuals = r.scatter.yTrue.map((y, i) => y - (r.scatter.yPred[i] ?? 0));
  const labels = { predicted: t('evaluation.residuals.predicted'), actual: t('evaluation.residuals.actual'), residual: t('evaluation.residuals.residual'), perfect: t('evaluation.residuals.perfect') };
  return (
    <div className="ml-stack">
      <div className="ml-grid-2">
        <figure className="ml-figure">
          <h3 className="ml-subhead">{t('evaluation.residuals.vsTitle')}</h3>
          <p className="ml-muted">{t('evaluation.residuals.vsHelp')}</p>
          <Chart title={t('evaluation.residuals.vsTitle')} {...residualsChart(r.scatter.yPred, residuals, labels)} height={320} />
        </figure>
        <figure className="ml-figure">
          <h3 className="ml-subhead">{t('evaluation.residuals.actualTitle')}</h3>
          <p className="ml-muted">{t('evaluation.residuals.actualHelp')}</p>
          <Chart title={t('evaluation.residuals.actualTitle')} {...predictedVsActualChart(r.scatter.yTrue, r.scatter.yPred, labels)} height={320} />
        </figure>
      </div>
      {r.scatter.yTrue.length < r.residuals.n ? <p className="ml-footnote">{t('evaluation.residuals.sample', { shown: tr.count(r.scatter.yTrue.length), total: tr.count(r.residuals.n) })}</p> : null}
    </div>
  );
}

function ErrorsTab({ report, tr }: { report: EvaluationReport; tr: MlTranslator }) {
  const { t } = tr;
  const w = report.worstErrors;
  const isClassification = report.task === 'classification';
  return (
    <div className="ml-stack">
      <p className="ml-muted">{t(isClassification ? 'evaluation.errors.helpClassification' : 'evaluation.errors.helpRegression')}</p>
      <DataTable
        caption={t('evaluation.errors.caption')}
        isCompact
        maxHeight={480}
        emptyText={t('evaluation.errors.none')}
        columns={[
          { key: 'actual', label: t('evaluation.errors.actual') },
          { key: 'predicted', label: t('evaluation.errors.predicted') },
          { key: 'how', label: isClassification ? t('evaluation.errors.probTrue') : t('evaluation.errors.residual'), isNumeric: true },
          ...w.columns.map((c, i) => ({ key: `c${i}`, label: c })),
        ]}
        rows={w.rows.map((row) => ({
          key: row.rowId,
          className: 'ml-row--error',
          cells: [row.actual, row.predicted, isClassification ? tr.score(row.probTrue) : tr.score(row.residual), ...row.cells.map((cell) => textCell(cell))],
        }))}
      />
    </div>
  );
}
