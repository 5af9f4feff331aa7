// The final check: the test part, kept out of everything so far, scores the chosen model once.
// It is set apart on screen and explains why it must not be used to choose between models (every
// look at it to pick a winner makes its score optimistic). A second use is refused until the user
// confirms, and then recorded as such.
import type { EvaluationReport, RunSummary } from '../../../shared/api/methods/training.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { JobProgress } from '../../components/JobProgress.js';
import { Modal } from '../../components/Modal.js';
import { useEvaluationStore } from '../../stores/evaluation-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useTrainingStore } from '../../stores/training-store.js';
import type { MlTranslator } from '../train/texts.js';
import { asFieldError, useMlT } from '../train/texts.js';

/** The final-check panel for the selected run. */
export function FinalCheck({ runId }: { runId: string }) {
  const tr = useMlT();
  const { t } = tr;
  const run = useTrainingStore((s) => s.runs.find((r) => r.id === runId));
  const runs = useTrainingStore((s) => s.runs);
  const check = useEvaluationStore((s) => s.finalCheck);
  const job = useEvaluationStore((s) => (s.finalCheck.jobId ? s.jobs[s.finalCheck.jobId] : undefined));
  const validation = useEvaluationStore((s) => (s.report.runId === runId ? s.report.data : null));
  const runCheck = useEvaluationStore((s) => s.runFinalCheck);
  const dismissReuse = useEvaluationStore((s) => s.dismissReuse);
  const cancel = useEvaluationStore((s) => s.cancelJob);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  if (!run) return null;
  const result = check.runId === runId ? check.data : null;
  const usedBy = runs.find((r) => r.hasTestReport && r.versionId === run.versionId && r.id !== run.id) ?? null;
  const reuseRun = check.reuse ? runs.find((r) => r.id === check.reuse?.runId) : null;

  return (
    <section className="card ml-final" aria-labelledby="final-title" data-final-check={result ? 'done' : 'pending'}>
      <div className="ml-final__head">
        <Icon name="lock" className="ml-final__icon" />
        <div>
          <h2 className="card__title" id="final-title">
            {t('evaluation.final.title')}
          </h2>
          <p className="ml-muted">{t('evaluation.final.sub')}</p>
        </div>
      </div>
      <p>{t('evaluation.final.why')}</p>
      {result ? (
        <TestResult run={run} test={result} validation={validation} tr={tr} />
      ) : (
        <>
          {usedBy ? <p className="notice notice--warn">{t('evaluation.final.usedByOther', { run: tr.runLabel(usedBy) })}</p> : null}
          {job && check.jobId ? <JobProgress job={job} label={t('evaluation.final.job', { run: tr.runLabel(run) })} onCancel={() => void cancel(check.jobId ?? '')} /> : null}
          {check.error ? <ErrorText error={asFieldError(check.error)} /> : null}
          {!check.jobId ? (
            <div>
              <button type="button" className="btn btn--secondary" onClick={() => void runCheck(false)} disabled={isReadOnly || check.status === 'loading'}>
                {t('evaluation.final.run', { run: tr.runLabel(run) })}
              </button>
            </div>
          ) : null}
        </>
      )}
      {check.reuse ? (
        <Modal
          id="test-reuse"
          title={t('evaluation.final.reuseTitle')}
          onClose={dismissReuse}
          actions={
            <>
              <button type="button" className="btn btn--quiet" onClick={dismissReuse}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="btn btn--danger"
                onClick={() => {
                  void runCheck(true);
                }}
              >
                {t('evaluation.final.reuseConfirm')}
              </button>
            </>
          }
        >
          <p>
            {t('evaluation.final.reuseBody', {
              when: check.reuse.usedAt ? tr.dateTime(check.reuse.usedAt) : '—',
              author: check.reuse.author || '—',
              run: reuseRun ? tr.runLabel(reuseRun) : check.reuse.runId,
            })}
          </p>
        </Modal>
      ) : null}
    </section>
  );
}

function TestResult({ run, test, validation, tr }: { run: RunSummary; test: EvaluationReport; validation: EvaluationReport | null; tr: MlTranslator }) {
  const { t } = tr;
  const metric = test.metric;
  const testValue = test.metrics[metric] ?? null;
  const validationValue = validation?.metrics[metric] ?? run.metrics?.[metric] ?? null;
  const v = test.objective;
  return (
    <div className="ml-stack">
      <p className={`ml-lift ml-lift--${v ? (v.meets ? 'good' : 'warn') : 'neutral'}`} data-test-verdict={v ? (v.meets ? 'meets' : 'misses') : 'none'}>
        <Icon name={v?.meets ? 'check' : 'info'} className="ml-lift__icon" />
        <span>
          {t('evaluation.final.result', { metric: tr.metricName(metric), test: tr.score(testValue), validation: tr.score(validationValue), rows: tr.count(test.nRows) })}{' '}
          {v ? t(v.meets ? 'evaluation.final.meets' : 'evaluation.final.misses', { threshold: tr.score(v.threshold) }) : ''}
        </span>
      </p>
      <dl className="ml-metrics">
        {Object.entries(test.metrics)
          .filter(([, value]) => value !== null)
          .map(([id, value]) => (
            <div key={id} className={`ml-metric${id === metric ? ' ml-metric--main' : ''}`}>
              <dt>{tr.metricName(id)}</dt>
              <dd>{tr.score(value)}</dd>
            </div>
          ))}
      </dl>
      {test.test ? (
        <p className="ml-footnote">
          {t(test.test.isConfirmedReuse ? 'evaluation.final.recordedReuse' : 'evaluation.final.recorded', { author: test.test.author, when: tr.dateTime(test.test.at) })}
        </p>
      ) : null}
    </div>
  );
}
