// Registering a run: pick a finished run (each shows its score against the objective's threshold;
// the best one that meets it is chosen already), a new model name or the next version of an
// existing model, an optional first stage, and a comment for the history.
import { useMemo, useState } from 'react';
import type { ModelStage } from '../../../shared/api/methods/registry.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { Icon } from '../../components/Icon.js';
import { Modal } from '../../components/Modal.js';
import type { RegisterCandidate, RegisterForm } from '../../stores/registry-logic.js';
import { compatibleModels, initialRegisterForm, pickRun, preselectedRun, registerCandidates, registerName, registerProblems } from '../../stores/registry-logic.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { useTrainingStore } from '../../stores/training-store.js';
import type { MlTranslator } from '../train/texts.js';
import { asFieldError, useMlT } from '../train/texts.js';
import { STAGE_MEANING, STAGE_NAME } from './texts.js';

const FIRST_STAGES: readonly ModelStage[] = ['none', 'staging', 'production'];

/** The register dialog (mounted while open). */
export function RegisterDialog({ onClose }: { onClose: () => void }) {
  const tr = useMlT();
  const { t } = tr;
  const runs = useTrainingStore((s) => s.runs);
  const dataset = useTrainingStore((s) => s.dataset);
  const models = useRegistryStore((s) => s.models);
  const register = useRegistryStore((s) => s.register);
  const registerRun = useRegistryStore((s) => s.registerRun);
  const resetChange = useRegistryStore((s) => s.resetChange);
  const candidates = useMemo(() => registerCandidates(runs), [runs]);
  const [form, setForm] = useState<RegisterForm>(() => initialRegisterForm(candidates, models));
  const [isSubmitted, setSubmitted] = useState(false);
  const pickedRun = candidates.find((c) => c.run.id === form.runId)?.run ?? null;
  const compatible = compatibleModels(models, pickedRun);
  const problems = registerProblems(form, models, pickedRun);
  const isSaving = register.status === 'saving';
  const recommended = preselectedRun(candidates);

  function update(change: Partial<RegisterForm>) {
    setForm((f) => ({ ...f, ...change }));
    if (register.status === 'error') resetChange('register');
  }

  async function submit() {
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    if (await registerRun(form)) {
      resetChange('register');
      onClose();
    }
  }

  const nameProblem = isSubmitted && problems.name ? { key: problems.name } : undefined;
  const serverError = register.status === 'error' && register.error ? register.error : null;
  const nameServerError = serverError && serverError.details?.field === 'name' ? asFieldError(serverError) : undefined;

  return (
    <Modal
      id="register-dialog"
      title={t('deploy.register.title')}
      subtitle={dataset ? t('deploy.register.subtitle', { dataset: dataset.name }) : undefined}
      size="large"
      isBusy={isSaving}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn btn--quiet" onClick={onClose} disabled={isSaving}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={isSaving}>
            {isSaving ? t('deploy.register.saving') : t('deploy.register.submit', { name: registerName(form) || '…' })}
          </button>
        </>
      }
    >
      <p className="dp-muted dp-dialog-lead">{t('deploy.register.lead')}</p>
      <fieldset className="dp-fieldset" disabled={isSaving}>
        <legend className="field__label">{t('deploy.register.runLegend')}</legend>
        <p className="field__help" id="register-run-help">
          {t('deploy.register.runHelp')}
        </p>
        {candidates.length === 0 ? <p className="dp-muted">{t('deploy.register.noRuns')}</p> : null}
        {candidates.length > 0 && !candidates.some((c) => c.meets === true && !c.isBaseline) ? (
          <p className="notice notice--warn">
            <Icon name="alert" className="notice__icon" />
            <span>{t('deploy.register.noneMeets')}</span>
          </p>
        ) : null}
        <div className="dp-runs" role="radiogroup" aria-describedby="register-run-help">
          {candidates.map((c) => (
            <RunOption key={c.run.id} candidate={c} isChecked={form.runId === c.run.id} isRecommended={c.run.id === recommended} onPick={() => {
                setForm((f) => pickRun(f, c.run, models));
                if (register.status === 'error') resetChange('register');
              }} tr={tr} />
          ))}
        </div>
        {isSubmitted && problems.runId ? <ErrorText error={{ key: problems.runId }} /> : null}
      </fieldset>

      <fieldset className="dp-fieldset" disabled={isSaving}>
        <legend className="field__label">{t('deploy.register.nameLegend')}</legend>
        <div className="dp-name-choice">
          <label className="dp-radio">
            <input type="radio" name="register-target" checked={form.target === 'new'} onChange={() => update({ target: 'new' })} />
            <span>{t('deploy.register.newModel')}</span>
          </label>
          <label className="dp-radio">
            <input type="radio" name="register-target" checked={form.target === 'existing'} disabled={compatible.length === 0} onChange={() => update({ target: 'existing' })} />
            <span>{t('deploy.register.existingModel')}</span>
          </label>
        </div>
        {form.target === 'new' ? (
          <Field id="register-name" label={t('deploy.register.name')} help={t('deploy.register.nameHelp')} error={nameProblem ?? nameServerError}>
            {(p) => <input {...p} type="text" spellCheck={false} autoComplete="off" value={form.newName} onChange={(e) => update({ newName: e.target.value })} />}
          </Field>
        ) : (
          <Field id="register-existing" label={t('deploy.register.existing')} help={t('deploy.register.existingHelp')} error={nameProblem ?? nameServerError}>
            {(p) => (
              <select {...p} value={form.existingName} onChange={(e) => update({ existingName: e.target.value })}>
                {compatible.map((m) => (
                  <option key={m.name} value={m.name}>
                    {t('deploy.register.existingOption', { name: m.name, next: m.latestVersion + 1 })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </fieldset>

      <fieldset className="dp-fieldset" disabled={isSaving}>
        <Field id="register-stage" label={t('deploy.register.stage')} help={t(STAGE_MEANING[form.stage])}>
          {(p) => (
            <select {...p} value={form.stage} onChange={(e) => update({ stage: e.target.value as ModelStage })}>
              {FIRST_STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(STAGE_NAME[s])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="register-comment" label={t('deploy.register.comment')} help={t('deploy.register.commentHelp')} isOptional>
          {(p) => <textarea {...p} rows={2} value={form.comment} maxLength={2000} onChange={(e) => update({ comment: e.target.value })} />}
        </Field>
      </fieldset>
      {serverError && !nameServerError ? <ErrorText error={asFieldError(serverError)} /> : null}
    </Modal>
  );
}

function RunOption({ candidate, isChecked, isRecommended, onPick, tr }: { candidate: RegisterCandidate; isChecked: boolean; isRecommended: boolean; onPick: () => void; tr: MlTranslator }) {
  const { t } = tr;
  const { run } = candidate;
  const id = `register-run-${run.id}`;
  return (
    <label className={isChecked ? 'dp-run dp-run--checked' : 'dp-run'} htmlFor={id} data-run={run.number}>
      <input id={id} type="radio" name="register-run" checked={isChecked} onChange={onPick} />
      <span className="dp-run__text">
        <span className="dp-run__title">
          {tr.runLabel(run)}
          {isRecommended ? <span className="dp-chip dp-chip--accent">{t('deploy.register.recommended')}</span> : null}
          {candidate.isBaseline ? <span className="dp-chip">{t('training.reference')}</span> : null}
        </span>
        <span className="dp-run__line">
          {candidate.metric ? (
            <>
              {tr.metricName(candidate.metric)} <strong>{tr.score(candidate.value)}</strong>
              {candidate.threshold !== null ? <span className="dp-muted"> · {t('deploy.register.goal', { value: tr.score(candidate.threshold) })}</span> : null}
            </>
          ) : null}
          {candidate.meets === true ? (
            <span className="dp-chip dp-chip--good">
              <Icon name="check" /> {t('deploy.meets')}
            </span>
          ) : null}
          {candidate.meets === false ? (
            <span className="dp-chip dp-chip--warn">
              <Icon name="alert" /> {t('deploy.misses')}
            </span>
          ) : null}
        </span>
        <span className="dp-run__meta">{t('deploy.register.runMeta', { dataset: run.datasetName, version: run.versionNumber, date: tr.dateTime(run.endedAt ?? run.createdAt) })}</span>
      </span>
    </label>
  );
}
