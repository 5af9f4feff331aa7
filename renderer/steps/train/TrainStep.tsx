// Step 3 of the lifecycle, "train": several candidate models learn from the training part while
// the user watches. A beginner starts the recommended set (which always holds the two references:
// "no ML" and a single rule, so the leaderboard can say whether ML pays off); an advanced user
// picks models and hyper-parameters generated from the catalogue. Runs train in worker threads,
// several at once, each with its progress, time left, live learning curve and Cancel.
import { useEffect } from 'react';
import type { FormEvent } from 'react';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { LoadError } from '../../components/LoadError.js';
import { StepPrerequisite } from '../../components/StepPrerequisite.js';
import { useFeaturesStore } from '../../stores/features-store.js';
import { useLifecycleStore } from '../../stores/lifecycle-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { modelChoices, paramProblems, settingsProblems } from '../../stores/training-logic.js';
import { useTrainingStore } from '../../stores/training-store.js';
import type { StepProps } from '../step-definition.js';
import { ModelPicker } from './ModelPicker.js';
import { RunList } from './RunList.js';
import { SettingsPanel } from './SettingsPanel.js';
import { asFieldError, useMlT } from './texts.js';
import './ml-steps.css';

/** The Train step's screen. */
export function TrainStep(_props: StepProps) {
  const tr = useMlT();
  const { t } = tr;
  const status = useTrainingStore((s) => s.status);
  const error = useTrainingStore((s) => s.error);
  const dataset = useTrainingStore((s) => s.dataset);
  const catalog = useTrainingStore((s) => s.catalog);
  const runs = useTrainingStore((s) => s.runs);
  const load = useTrainingStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'error' && error) return <LoadError error={error} onRetry={() => void load()} />;
  if (status === 'idle' || (status === 'loading' && !catalog)) return <p className="muted">{t('common.loading')}</p>;
  if (!dataset) return <StepPrerequisite title={t('training.needData.title')} body={t('training.needData.body')} step="data" actionLabel={t('features.goToData')} />;
  if (!catalog?.task) return <StepPrerequisite title={t('training.needTarget.title')} body={t('training.needTarget.body')} step="data" actionLabel={t('features.goToData')} />;
  if (!dataset.hasPartition && runs.length === 0) {
    return <StepPrerequisite title={t('training.needPartition.title')} body={t('training.needPartition.body')} step="data" actionLabel={t('features.goToData')} />;
  }

  return (
    <div className="ml-step">
      <FeatureSetNotice />
      <TrainForm />
      <RunList />
    </div>
  );
}

/** Which design the runs will use: the saved one, or the suggested defaults. */
function FeatureSetNotice() {
  const { t } = useMlT();
  const saved = useFeaturesStore((s) => s.saved);
  const featuresStatus = useFeaturesStore((s) => s.status);
  const loadFeatures = useFeaturesStore((s) => s.load);
  const dataset = useTrainingStore((s) => s.dataset);
  const select = useLifecycleStore((s) => s.select);
  useEffect(() => {
    if (featuresStatus === 'idle') void loadFeatures();
  }, [featuresStatus, loadFeatures]);
  if (!dataset || featuresStatus !== 'ready') return null;
  const isForThisVersion = saved !== null && saved.versionId === dataset.versionId;
  return (
    <p className={isForThisVersion ? 'notice notice--info' : 'notice notice--warn'} data-feature-set={isForThisVersion ? 'saved' : 'default'}>
      <Icon name={isForThisVersion ? 'check' : 'info'} className="notice__icon" />
      <span>
        {isForThisVersion
          ? t('training.features.saved', { name: dataset.name, number: dataset.versionNumber })
          : t('training.features.default', { name: dataset.name, number: dataset.versionNumber })}{' '}
        <button type="button" className="link-btn" onClick={() => select('features')}>
          {t(isForThisVersion ? 'training.features.review' : 'training.features.design')}
        </button>
      </span>
    </p>
  );
}

function TrainForm() {
  const tr = useMlT();
  const { t } = tr;
  const catalog = useTrainingStore((s) => s.catalog);
  const form = useTrainingStore((s) => s.form);
  const dataset = useTrainingStore((s) => s.dataset);
  const isStarting = useTrainingStore((s) => s.isStarting);
  const startError = useTrainingStore((s) => s.startError);
  const updateForm = useTrainingStore((s) => s.updateForm);
  const start = useTrainingStore((s) => s.start);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  if (!catalog || !form || !catalog.task || !dataset) return null;
  const task = catalog.task;
  const count = modelChoices(form, catalog, task).length;
  const problems = { ...paramProblems(form, catalog, task), ...settingsProblems(form) };
  const hasProblems = Object.keys(problems).length > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (hasProblems || count === 0) return;
    // Once started, the runs are what matters: bring them into view.
    void start().then((isStarted) => {
      if (isStarted) document.getElementById('runs')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  }

  return (
    <form className="card ml-train" onSubmit={submit} aria-labelledby="train-title" noValidate>
      <div className="ml-train__head">
        <div>
          <h2 className="card__title" id="train-title">
            {t('training.form.title')}
          </h2>
          <p className="ml-muted">
            {t(task === 'classification' ? 'training.form.subClassification' : 'training.form.subRegression', {
              rows: catalog.rows === null ? '—' : tr.count(catalog.rows),
            })}
          </p>
        </div>
        <div className="segmented" role="radiogroup" aria-label={t('training.mode.label')}>
          <label className="segmented__option">
            <input type="radio" name="train-mode" checked={form.mode === 'recommended'} onChange={() => updateForm((f) => ({ ...f, mode: 'recommended' }))} />
            <span>{t('training.mode.recommended')}</span>
          </label>
          <label className="segmented__option">
            <input type="radio" name="train-mode" checked={form.mode === 'advanced'} onChange={() => updateForm((f) => ({ ...f, mode: 'advanced' }))} />
            <span>{t('training.mode.advanced')}</span>
          </label>
        </div>
      </div>
      <ModelPicker problems={problems} />
      <SettingsPanel problems={problems} />
      {startError ? <ErrorText error={asFieldError(startError)} /> : null}
      <div className="ml-train__actions">
        <button type="submit" className="btn btn--primary" disabled={isStarting || isReadOnly || count === 0 || hasProblems}>
          <Icon name="arrowRight" /> {isStarting ? t('training.starting') : t('training.start', { count })}
        </button>
        <span className="ml-muted" aria-live="polite">
          {hasProblems ? t('training.fixSettings') : t('training.startHint', { name: dataset.name, number: dataset.versionNumber })}
        </span>
      </div>
    </form>
  );
}
