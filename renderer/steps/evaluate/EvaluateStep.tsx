// Step 4 of the lifecycle, "evaluate": did we meet the objective? The leaderboard ranks every
// finished run on the validation part by any metric, draws the objective's threshold as a line
// and keeps the two references ("no ML" and one rule) in view, so the lift of ML is plain and said
// in words. Below: the chosen run's report, the final check on the test part (once), a comparison
// of two runs and the HTML export.
import { useEffect, useMemo } from 'react';
import type { RunSummary } from '../../../shared/api/methods/training.js';
import type { MetricId, TaskType } from '../../../shared/domain/metrics.js';
import { Chart } from '../../charts/Chart.js';
import { horizontalBarsHeight, leaderboardChart } from '../../charts/ml-charts.js';
import { Icon } from '../../components/Icon.js';
import { LoadError } from '../../components/LoadError.js';
import { StepPrerequisite } from '../../components/StepPrerequisite.js';
import type { LeaderboardRow, LeaderboardSort, ThresholdLine } from '../../stores/evaluation-logic.js';
import { finishedRuns, leaderboardColumns, leaderboardMetrics, liftSummary, meetsLine, metricDirection, sortLeaderboard, thresholdLine } from '../../stores/evaluation-logic.js';
import { useEvaluationStore } from '../../stores/evaluation-store.js';
import { useObjectiveStore } from '../../stores/objective-store.js';
import { useTrainingStore } from '../../stores/training-store.js';
import type { StepProps } from '../step-definition.js';
import type { MlTranslator } from '../train/texts.js';
import { useMlT } from '../train/texts.js';
import { ComparePanel } from './ComparePanel.js';
import { FinalCheck } from './FinalCheck.js';
import { RunReport } from './RunReport.js';
import '../train/ml-steps.css';

/** The Evaluate step's screen. */
export function EvaluateStep(_props: StepProps) {
  const tr = useMlT();
  const { t } = tr;
  const status = useTrainingStore((s) => s.status);
  const error = useTrainingStore((s) => s.error);
  const dataset = useTrainingStore((s) => s.dataset);
  const catalog = useTrainingStore((s) => s.catalog);
  const runs = useTrainingStore((s) => s.runs);
  const reload = useTrainingStore((s) => s.load);
  const load = useEvaluationStore((s) => s.load);
  const selectedRunId = useEvaluationStore((s) => s.selectedRunId);
  const select = useEvaluationStore((s) => s.select);
  const sortChoice = useEvaluationStore((s) => s.sort);
  const objective = useObjectiveStore((s) => s.saved);
  const task: TaskType | null = catalog?.task ?? runs[0]?.task ?? null;
  const finished = useMemo(() => finishedRuns(runs, task), [runs, task]);
  const metrics = useMemo(() => (task ? leaderboardMetrics(finished, task) : []), [finished, task]);
  const defaultMetric: string | null = objective && objective.taskType === task && metrics.includes(objective.metric) ? objective.metric : (metrics[0] ?? null);
  const sort: LeaderboardSort | null = sortChoice && metrics.includes(sortChoice.metric as MetricId) ? sortChoice : defaultMetric ? { metric: defaultMetric, order: 'best' } : null;
  const rankMetric = defaultMetric;
  const best = useMemo(() => (rankMetric ? liftSummary(finished, rankMetric).best : null), [finished, rankMetric]);

  useEffect(() => {
    void load();
  }, [load]);

  // The best model is the one a beginner wants to look at first.
  useEffect(() => {
    const stillThere = selectedRunId !== null && finished.some((r) => r.id === selectedRunId);
    if (!stillThere && best) void select(best.run.id);
  }, [selectedRunId, finished, best, select]);

  if (status === 'error' && error) return <LoadError error={error} onRetry={() => void reload()} />;
  if (status === 'idle' || (status === 'loading' && runs.length === 0)) return <p className="muted">{t('common.loading')}</p>;
  if (!dataset) return <StepPrerequisite title={t('training.needData.title')} body={t('training.needData.body')} step="data" actionLabel={t('features.goToData')} />;
  if (finished.length === 0 || !task || !sort) {
    const isTraining = runs.some((r) => r.state === 'queued' || r.state === 'running');
    return (
      <StepPrerequisite
        title={t(isTraining ? 'evaluation.needRuns.trainingTitle' : 'evaluation.needRuns.title')}
        body={t(isTraining ? 'evaluation.needRuns.trainingBody' : 'evaluation.needRuns.body')}
        step="train"
        actionLabel={t('evaluation.goToTrain')}
      />
    );
  }
  const line = thresholdLine(objective ? { metric: objective.metric, threshold: objective.threshold, taskType: objective.taskType } : null, sort.metric, task);
  const rows = sortLeaderboard(finished, sort);

  return (
    <div className="ml-step">
      <Leaderboard rows={rows} metrics={metrics} sort={sort} line={line} rankMetric={rankMetric ?? sort.metric} runs={finished} objectiveMetric={objective?.taskType === task ? objective.metric : null} tr={tr} />
      {selectedRunId ? <RunReport runId={selectedRunId} /> : null}
      {selectedRunId ? <FinalCheck runId={selectedRunId} /> : null}
      <ComparePanel runs={finished} bestId={best?.run.id ?? null} />
    </div>
  );
}

interface LeaderboardProps {
  rows: LeaderboardRow[];
  metrics: MetricId[];
  sort: LeaderboardSort;
  line: ThresholdLine | null;
  /** The metric the objective ranks by (the lift sentence uses it whatever the table's sort). */
  rankMetric: string;
  runs: RunSummary[];
  objectiveMetric: MetricId | null;
  tr: MlTranslator;
}

function Leaderboard({ rows, metrics, sort, line, rankMetric, runs, objectiveMetric, tr }: LeaderboardProps) {
  const { t } = tr;
  const setSort = useEvaluationStore((s) => s.setSort);
  const select = useEvaluationStore((s) => s.select);
  const selectedRunId = useEvaluationStore((s) => s.selectedRunId);
  const versions = new Set(runs.map((r) => r.versionNumber));
  const columns = leaderboardColumns(metrics, runs[0]?.task ?? 'classification', sort.metric, objectiveMetric, 3);
  const chartRows = rows.filter((r) => r.value !== null);
  const meetsOf = (row: LeaderboardRow) => (line ? meetsLine(line, row.value) : row.meets);
  const chart = leaderboardChart(
    chartRows.map((r) => ({ runId: r.run.id, label: tr.runLabel(r.run), value: r.value ?? 0, isBaseline: r.isBaseline, meets: r.isBaseline ? null : meetsOf(r) })),
    line ? line.value : null,
    {
      metric: tr.metricName(sort.metric),
      threshold: line ? t('evaluation.chart.threshold', { value: tr.score(line.value) }) : '',
      meets: t('evaluation.meets'),
      misses: t('evaluation.misses'),
      baseline: t('training.reference'),
    },
    tr.score,
  );

  function sortBy(metric: string) {
    setSort(sort.metric === metric ? { metric, order: sort.order === 'best' ? 'worst' : 'best' } : { metric, order: 'best' });
  }

  return (
    <section className="card ml-board" aria-labelledby="board-title">
      <div className="ml-board__head">
        <div>
          <h2 className="card__title" id="board-title">
            {t('evaluation.board.title')}
          </h2>
          <p className="ml-muted">{t('evaluation.board.sub')}</p>
        </div>
        <div className="field ml-board__metric">
          <label className="field__label field__label--small" htmlFor="board-metric">
            {t('evaluation.board.compareBy')}
          </label>
          <select id="board-metric" value={sort.metric} onChange={(e) => setSort({ metric: e.target.value, order: 'best' })}>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {tr.metricName(m)}
                {m === objectiveMetric ? ` (${t('evaluation.board.yourMetric')})` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LiftSentence runs={runs} metric={rankMetric} tr={tr} />
      {line ? null : objectiveMetric ? (
        <p className="ml-footnote">{t('evaluation.board.lineOnlyFor', { metric: tr.metricName(objectiveMetric) })}</p>
      ) : (
        <p className="ml-footnote">{t('evaluation.board.noObjective')}</p>
      )}
      <Chart title={t('evaluation.chart.title', { metric: tr.metricName(sort.metric) })} {...chart} height={horizontalBarsHeight(chartRows.length, 200, 520)} />
      <div className="ml-table-wrap" role="region" aria-label={t('evaluation.board.table')} tabIndex={0}>
        <table className="ml-table ml-board__table">
          <caption className="visually-hidden">{t('evaluation.board.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('evaluation.board.rank')}</th>
              <th scope="col">{t('evaluation.board.run')}</th>
              <th scope="col">{t('evaluation.board.goal')}</th>
              {columns.map((m) => (
                <th key={m} scope="col" className="is-numeric" aria-sort={sort.metric === m ? (sort.order === 'best' ? (metricDirection(m) === 'higher' ? 'descending' : 'ascending') : metricDirection(m) === 'higher' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="ml-sort" onClick={() => sortBy(m)} title={tr.metricHelp(m)}>
                    {tr.metricName(m)}
                    {sort.metric === m ? <span aria-hidden="true">{sort.order === 'best' ? ' ▾' : ' ▴'}</span> : null}
                  </button>
                </th>
              ))}
              {versions.size > 1 ? <th scope="col">{t('evaluation.board.version')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const meets = row.isBaseline ? null : meetsOf(row);
              const isSelected = row.run.id === selectedRunId;
              return (
                <tr key={row.run.id} className={`${row.isBaseline ? 'ml-row--baseline' : ''}${isSelected ? ' ml-row--selected' : ''}`} data-run={row.run.number} data-model={row.run.modelId}>
                  <td className="is-numeric">{row.value === null ? '—' : i + 1}</td>
                  <th scope="row" className="ml-board__name">
                    {/* The name opens the run's report below (the selected one is marked). */}
                    <button type="button" className="ml-board__open" aria-pressed={isSelected} title={isSelected ? t('evaluation.board.shown') : t('evaluation.board.details')} onClick={() => void select(row.run.id)}>
                      {tr.runLabel(row.run)}
                    </button>
                    {row.isBaseline ? <span className="ml-chip ml-chip--muted">{t('training.reference')}</span> : null}
                  </th>
                  <td>
                    {meets === null ? (
                      <span className="ml-muted">{row.isBaseline ? t('evaluation.referenceOnly') : '—'}</span>
                    ) : (
                      <span className={meets ? 'ml-verdict ml-verdict--meets' : 'ml-verdict ml-verdict--misses'}>
                        <Icon name={meets ? 'check' : 'close'} /> {meets ? t('evaluation.meets') : t('evaluation.misses')}
                      </span>
                    )}
                  </td>
                  {columns.map((m) => (
                    <td key={m} className={`is-numeric${sort.metric === m ? ' ml-cell--sorted' : ''}`}>
                      {tr.score(row.run.metrics?.[m])}
                    </td>
                  ))}
                  {versions.size > 1 ? <td>{t('evaluation.board.versionValue', { number: row.run.versionNumber })}</td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {runs.some((r) => r.evaluatedOn === 'outOfFold') ? <p className="ml-footnote">{t('evaluation.board.outOfFold')}</p> : null}
    </section>
  );
}

/** "The best model beats the one-rule baseline by X" — the lift of ML in words. */
function LiftSentence({ runs, metric, tr }: { runs: RunSummary[]; metric: string; tr: MlTranslator }) {
  const { t } = tr;
  const lift = liftSummary(runs, metric);
  const metricName = tr.metricName(metric);
  if (!lift.best || lift.best.value === null) {
    return <p className="ml-lift ml-lift--neutral">{t('evaluation.lift.onlyReferences')}</p>;
  }
  const best = lift.best;
  const model = tr.runLabel(best.run);
  const sentences: string[] = [t('evaluation.lift.best', { model, metric: metricName, value: tr.score(best.value) })];
  let tone: 'good' | 'warn' | 'neutral' = 'neutral';
  if (lift.oneRule && lift.overOneRule !== null) {
    if (lift.overOneRule > 0) {
      sentences.push(t('evaluation.lift.beatsOneRule', { lift: tr.score(lift.overOneRule), value: tr.score(lift.oneRule.value) }));
      tone = 'good';
    } else {
      sentences.push(t('evaluation.lift.notOneRule', { value: tr.score(lift.oneRule.value) }));
      tone = 'warn';
    }
  }
  if (lift.baseline && lift.overBaseline !== null) {
    if (lift.overBaseline > 0) {
      sentences.push(t('evaluation.lift.beatsBaseline', { lift: tr.score(lift.overBaseline), value: tr.score(lift.baseline.value) }));
      if (tone === 'neutral') tone = 'good';
    } else {
      sentences.push(t('evaluation.lift.notBaseline', { value: tr.score(lift.baseline.value) }));
      tone = 'warn';
    }
  }
  if (!lift.oneRule && !lift.baseline) sentences.push(t('evaluation.lift.noReferences'));
  if (tone === 'good') sentences.push(t('evaluation.lift.encourage'));
  return (
    <p className={`ml-lift ml-lift--${tone}`} data-lift={tone}>
      <Icon name={tone === 'good' ? 'check' : tone === 'warn' ? 'alert' : 'info'} className="ml-lift__icon" />
      <span>{sentences.join(' ')}</span>
    </p>
  );
}
